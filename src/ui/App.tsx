import { DeckList } from './screens/DeckList';
import { SettingsScreen } from './screens/SettingsScreen';
import { StudyScreen } from './screens/StudyScreen';
import { useUpdateAvailable } from './pwa';
import { href, useRoute } from './route';

export function App() {
  const route = useRoute();
  const applyUpdate = useUpdateAvailable();
  return (
    <>
      <header className="topbar">
        <a className="brand" href={href({ name: 'decks' })} aria-label="Recall RE home">
          Recall RE
        </a>
        <nav aria-label="Main">
          <a href={href({ name: 'decks' })} aria-current={route.name === 'decks' ? 'page' : undefined}>
            Decks
          </a>
          <a href={href({ name: 'settings' })} aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
      </header>
      {applyUpdate && (
        <div className="update-banner" role="status">
          <span>Update available</span>
          <button type="button" className="btn small" onClick={applyUpdate}>
            Update
          </button>
        </div>
      )}
      <main className="screen">
        {route.name === 'decks' && <DeckList />}
        {route.name === 'study' && <StudyScreen key={route.deck} deck={route.deck} />}
        {route.name === 'settings' && <SettingsScreen />}
      </main>
    </>
  );
}
