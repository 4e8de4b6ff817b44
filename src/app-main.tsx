/**
 * The app (loaded by src/main.tsx): opens the database, loads the built-in decks when they are new or changed (in a
 * worker), then renders the app. Any storage failure becomes a message on screen, never a blank page.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import builtinVersion from 'virtual:builtin-decks-version';
import { openDatabase } from './storage/db';
import { ensureBuiltinDecks } from './storage/builtin-decks';
import { App } from './ui/App';
import { defaultServices, ServicesContext } from './ui/services';
import { markFirstScreen, registerServiceWorker } from './ui/pwa';
import { releaseResume } from './ui/resume';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root = createRoot(rootElement);

async function start(): Promise<void> {
  if (typeof indexedDB === 'undefined') throw Object.assign(new Error('indexedDB is not available'), { name: 'MissingAPIError' });
  const db = openDatabase();
  await db.open();
  await ensureBuiltinDecks(db, builtinVersion);
  // A transition: React renders the first screen in slices that yield to the browser, instead of
  // one long task (what is on screen meanwhile, the static shell or the boot card, stays usable).
  startTransition(() =>
    root.render(
      <StrictMode>
        <ServicesContext.Provider value={defaultServices(db)}>
          <App />
        </ServicesContext.Provider>
      </StrictMode>,
    ),
  );
}

start().catch((error: unknown) => {
  console.error(error);
  releaseResume();
  void Promise.all([import('./ui/screens/StorageErrorScreen'), import('./storage/errors')]).then(
    ([{ StorageErrorScreen }, { describeStorageError }]) =>
      root.render(<StorageErrorScreen problem={describeStorageError(error)} />),
  );
  // The error screen is the first screen when the app cannot start.
  markFirstScreen();
});
registerServiceWorker();
