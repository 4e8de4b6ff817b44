/**
 * Runs at document start in every page of the benchmark (context.addInitScript, which is not
 * subject to the page's CSP): records long tasks from the very first one, and the first frames
 * in which the study card, the deck list or the loaded document appear (InitMarks), plus the
 * app's first indexedDB.open() and first React render for the cold-start breakdown. The
 * observer disconnects after its first card/deck-list mark so it costs nothing later.
 */
import { deckListRendered, showAnswerButton } from './dom';
import type { InitMarks, LongTask } from './protocol';

const longTasks: LongTask[] = [];
const marks: InitMarks = {};
window.__benchLongTasks = longTasks;
window.__benchMarks = marks;

try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No long task API in this document type: the list stays empty.
}

// When the app's code first opens the database, and when that open succeeds (cold start breakdown).
const open = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>): IDBOpenDBRequest {
  const request = open.apply(this, args);
  if (marks.idbOpenCall === undefined) {
    marks.idbOpenCall = performance.now();
    request.addEventListener('success', () => {
      marks.idbOpened = performance.now();
    });
  }
  return request;
};

// The app's own phases, apart from whatever painted the first card (the boot script may have).
let appPending = false;
const appObserver = new MutationObserver(() => {
  if (marks.appRendered === undefined && document.querySelector('#root header.topbar a.brand'))
    marks.appRendered = performance.now();
  if (marks.resumePainted === undefined && document.getElementById('resume')) marks.resumePainted = performance.now();
  const root = document.getElementById('root');
  if (appPending || !root || document.getElementById('resume') || !showAnswerButton(root)) return;
  appPending = true;
  appObserver.disconnect();
  requestAnimationFrame(() => {
    marks.appCard = performance.now();
  });
});
appObserver.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
setTimeout(() => appObserver.disconnect(), 60_000);

let pending = false;
const observer = new MutationObserver(() => {
  if (pending) return;
  const kind = showAnswerButton() ? 'card' : deckListRendered() ? 'decks' : undefined;
  if (!kind) return;
  pending = true;
  observer.disconnect();
  requestAnimationFrame(() => {
    marks[kind] = performance.now();
  });
});
observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
setTimeout(() => observer.disconnect(), 60_000);

addEventListener(
  'load',
  () =>
    requestAnimationFrame(() => {
      marks.loadFrame = performance.now();
    }),
  { once: true },
);
