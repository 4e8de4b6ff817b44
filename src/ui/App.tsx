import { lazy, Suspense, useEffect, useLayoutEffect } from 'react';
import { useUiPrefs } from './hooks/useUiPrefs';
import { DeckList } from './screens/DeckList';
import { StudyScreen } from './screens/StudyScreen';
import { markFirstScreen, useUpdateAvailable } from './pwa';
import { releaseResume, rememberTheme } from './resume';
import { href, useRoute } from './route';

// Screens other than the deck list and the review load on first use (and are precached), so
// the first paint and the first card need only the review code.
const SettingsScreen = lazy(() => import('./screens/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const DeckOptionsScreen = lazy(() => import('./screens/DeckOptionsScreen').then((m) => ({ default: m.DeckOptionsScreen })));
const AddNoteScreen = lazy(() => import('./screens/AddNoteScreen').then((m) => ({ default: m.AddNoteScreen })));
const BrowseScreen = lazy(() => import('./screens/BrowseScreen').then((m) => ({ default: m.BrowseScreen })));
const StatsScreen = lazy(() => import('./screens/StatsScreen').then((m) => ({ default: m.StatsScreen })));
const InterviewScreen = lazy(() => import('./screens/InterviewScreen').then((m) => ({ default: m.InterviewScreen })));
const ImportScreen = lazy(() => import('./screens/ImportScreen').then((m) => ({ default: m.ImportScreen })));

export function App() {
  const route = useRoute();
  const applyUpdate = useUpdateAvailable();
  const [prefs, , prefsRead] = useUiPrefs();
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
          <a href={href({ name: 'decks' })} aria-current={route.name === 'decks' ? 'page' : undefined}>
            Decks
          </a>
          <a href={href({ name: 'browse' })} aria-current={route.name === 'browse' ? 'page' : undefined}>
            Browse
          </a>
          <a href={href({ name: 'import' })} aria-current={route.name === 'import' ? 'page' : undefined}>
            Import
          </a>
          <a href={href({ name: 'interview' })} aria-current={route.name === 'interview' ? 'page' : undefined}>
            Interview
          </a>
          <a href={href({ name: 'stats' })} aria-current={route.name === 'stats' ? 'page' : undefined}>
            Stats
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
        {route.name === 'settings' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <SettingsScreen />
          </Suspense>
        )}
        {route.name === 'options' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <DeckOptionsScreen key={route.deck} deckId={route.deck} />
          </Suspense>
        )}
        {route.name === 'stats' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <StatsScreen />
          </Suspense>
        )}
        {route.name === 'interview' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <InterviewScreen />
          </Suspense>
        )}
        {route.name === 'add' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <AddNoteScreen />
          </Suspense>
        )}
        {route.name === 'browse' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <BrowseScreen />
          </Suspense>
        )}
        {route.name === 'import' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <ImportScreen shared={route.shared === true} />
          </Suspense>
        )}
      </main>
    </>
  );
}
