import { lazy, type ReactNode, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { type RetryableScreen, retryableLazy, ScreenBoundary } from './components/ScreenBoundary';
import { useUiPrefs } from './hooks/useUiPrefs';
import { DeckList } from './screens/DeckList';
import { StudyScreen } from './screens/StudyScreen';
import { afterFirstScreen, markFirstScreen, useUpdateAvailable } from './pwa';
import { releaseResume, rememberTheme } from './resume';
import { href, type Route, useRoute } from './route';

// Screens other than the deck list and the review load on first use (and are precached), so
// the first paint and the first card need only the review code. One row per screen: the route it
// answers and how it is drawn; a failed download can be retried (ScreenBoundary).
type LazyRouteName = Exclude<Route['name'], 'decks' | 'study'>;
type RouteOf<N extends Route['name']> = Extract<Route, { name: N }>;
type ScreenProps = { route: Route };

function screen<N extends LazyRouteName>(
  _name: N,
  load: () => Promise<(route: RouteOf<N>) => ReactNode>,
): RetryableScreen<ScreenProps> {
  return retryableLazy(async () => {
    const draw = await load();
    return ({ route }: ScreenProps) => draw(route as RouteOf<N>);
  });
}

const LAZY_SCREENS: Record<LazyRouteName, RetryableScreen<ScreenProps>> = {
  settings: screen('settings', () => import('./screens/SettingsScreen').then((m) => () => <m.SettingsScreen />)),
  options: screen('options', () =>
    import('./screens/DeckOptionsScreen').then((m) => (route) => <m.DeckOptionsScreen key={route.deck} deckId={route.deck} />),
  ),
  stats: screen('stats', () => import('./screens/StatsScreen').then((m) => () => <m.StatsScreen />)),
  interview: screen('interview', () => import('./screens/InterviewScreen').then((m) => () => <m.InterviewScreen />)),
  add: screen('add', () => import('./screens/AddNoteScreen').then((m) => () => <m.AddNoteScreen />)),
  browse: screen('browse', () => import('./screens/BrowseScreen').then((m) => () => <m.BrowseScreen />)),
  import: screen('import', () =>
    import('./screens/ImportScreen').then((m) => (route) => <m.ImportScreen shared={route.shared === true} />),
  ),
};

// The daily automatic backup and the backup reminder: loaded when the first screen is up and the page idle.
const BackupNudge = lazy(() => import('./components/BackupNudge'));

function ScreenFor({ route }: ScreenProps) {
  if (route.name === 'decks') return <DeckList />;
  if (route.name === 'study') return <StudyScreen key={route.deck} deck={route.deck} />;
  const Screen = LAZY_SCREENS[route.name].current();
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <Screen route={route} />
    </Suspense>
  );
}

/** The main navigation: each entry's route name (its hash is #/name) and label. */
const NAV = [
  ['decks', 'Decks'],
  ['browse', 'Browse'],
  ['import', 'Import'],
  ['interview', 'Interview'],
  ['stats', 'Stats'],
  ['settings', 'Settings'],
] as const satisfies readonly (readonly [Route['name'], string])[];

export function App() {
  const route = useRoute();
  const applyUpdate = useUpdateAvailable();
  const [prefs, , prefsRead] = useUiPrefs();
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    void afterFirstScreen().then(() => setIdle(true));
  }, []);
  useEffect(() => {
    // Until the stored choice is read, keep what the boot script applied (no flash of the other theme).
    if (!prefsRead) return;
    if (prefs.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = prefs.theme;
    rememberTheme(prefs.theme);
  }, [prefs.theme, prefsRead]);
  // The card painted at start belongs to the study screen; any other screen takes its place at once.
  useLayoutEffect(() => {
    if (route.name !== 'study') releaseResume();
  }, [route.name]);
  // The deck list and the study screen say when their content is up; the other screens need no data first.
  useEffect(() => {
    if (route.name !== 'decks' && route.name !== 'study') markFirstScreen();
  }, [route.name]);
  return (
    <>
      <header className="topbar">
        <a className="brand" href={href({ name: 'decks' })} aria-label="Recall RE home">
          Recall RE
        </a>
        <nav aria-label="Main">
          {NAV.map(([name, label]) => (
            <a key={name} href={`#/${name}`} aria-current={route.name === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
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
        {idle && route.name === 'decks' && (
          <Suspense fallback={null}>
            <BackupNudge />
          </Suspense>
        )}
        <ScreenBoundary
          key={href(route)}
          onRetry={route.name === 'decks' || route.name === 'study' ? undefined : LAZY_SCREENS[route.name].reset}
        >
          <ScreenFor route={route} />
        </ScreenBoundary>
      </main>
    </>
  );
}
