/**
 * Entry point. index.html has already painted something (its static shell, or the card kept from
 * the last session, painted by the boot script): let that reach the screen before the app's code
 * is evaluated, then evaluate it in three tasks (React, Dexie, the app), so none of them blocks
 * the page for long. The stylesheet belongs here so the build inlines it into index.html.
 */
import './ui/styles.css';

/** Resolves in a new task after the next frame; a hidden tab gets no frames, so a timer stands in. */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

await afterFrame();
await import('react-dom/client');
await afterFrame();
await import('dexie');
await afterFrame();
await import('./app-main');
