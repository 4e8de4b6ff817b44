/**
 * Entry point. index.html has already painted something (its static shell, or the card kept from
 * the last session, painted by the boot script): let that reach the screen before the app's
 * code, which is already being fetched (modulepreload), is evaluated in a task of its own. The
 * stylesheet belongs here so the build inlines it into index.html.
 */
import './ui/styles.css';

await new Promise<void>((resolve) => {
  // A frame, then a task; a hidden tab gets no frames, so a timer stands in.
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 100);
});
await import('./app-main');
