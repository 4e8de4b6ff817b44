/** Settings → Review and appearance: gestures, vibration, theme. Saved at once, live everywhere. */
import { useUiPrefs } from '../hooks/useUiPrefs';

export function ReviewPrefsPanel() {
  const [prefs, update] = useUiPrefs();
  const toggle = (key: 'tapToReveal' | 'swipeToGrade' | 'vibrate', label: string) => (
    <label className="check-row">
      <input type="checkbox" checked={prefs[key]} onChange={(e) => void update({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <section className="panel settings" aria-labelledby="review-prefs-title">
      <h2 id="review-prefs-title">Review and appearance</h2>
      {toggle('tapToReveal', 'Tap the card to show the answer')}
      {toggle('swipeToGrade', 'Swipe right for Good, left for Again')}
      {toggle('vibrate', 'Vibrate briefly on each answer (where the device supports it)')}
      <div className="field">
        <label htmlFor="set-theme">Theme</label>
        <select id="set-theme" value={prefs.theme} onChange={(e) => void update({ theme: e.target.value as typeof prefs.theme })}>
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
    </section>
  );
}
