/**
 * Runs before the app's main code: applies the stored theme, and on a study route with a usable
 * snapshot (see snapshot.ts) paints the card the user was looking at, with the same markup the
 * app uses. Show answer (button, tap, Space/Enter) and the four grades work at once; an early
 * grade is recorded with its time and the app saves it when it takes over (src/ui/resume.ts).
 */
import { RESUME_KEY, type ResumeHandoff, THEME_KEY, usableSnapshot } from './snapshot';

declare global {
  interface Window {
    __recallResume?: ResumeHandoff;
  }
}

const GRADES = ['Again', 'Hard', 'Good', 'Easy'] as const;
/** The app takes over within a second or so; after this long it has failed, and its page is shown. */
const GIVE_UP_MS = 20_000;

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

const theme = read(THEME_KEY);
if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;

const shownAt = Date.now();
const snap = usableSnapshot(read(RESUME_KEY), location.hash, shownAt);
// This runs at the start of <body> (index.html), before the app's own markup is parsed and before
// any of the app's code: the card goes first in the body, and a style rule keeps the app's root out
// of sight until the app takes over.
const page = document.body;
if (snap && page) {
  const title = escapeText(snap.title);
  const count = (kind: string, value: number, label: string) =>
    `<span class="count count-${kind}${snap.current === kind ? ' current' : ''}" title="${label}"><span class="visually-hidden">${label}: </span>${value}</span>`;
  const counts = snap.counts
    ? `<span class="counts" data-testid="counts">${count('new', snap.counts[0], 'New')}${count('learning', snap.counts[1], 'Learning')}${count('review', snap.counts[2], 'Due')}</span>`
    : '';
  for (const href of snap.styles) {
    if (!href.startsWith(`${import.meta.env.BASE_URL}assets/`)) continue;
    const link = document.head.appendChild(document.createElement('link'));
    link.rel = 'stylesheet';
    link.href = href;
  }
  const view = document.createElement('div');
  view.id = 'resume';
  // The card's HTML is what storage holds, sanitised when it was stored (as the app shows it).
  view.innerHTML = `<header class="topbar"><a class="brand" href="#/decks" aria-label="Recall RE home">Recall RE</a><nav aria-label="Main"><a href="#/decks">Decks</a><a href="#/browse">Browse</a><a href="#/import">Import</a><a href="#/settings">Settings</a></nav></header><main class="screen"><section class="study" aria-label="Study ${title}"><div class="study-bar"><a href="#/decks" class="muted back">‹ ${title}</a>${counts}<button type="button" class="btn small" disabled>Undo</button></div><article class="card kind-${escapeText(snap.kind)}" aria-label="Card" data-card-id="${escapeText(snap.cardId)}"><div class="card-body"><div class="card-front">${snap.front}</div></div><div class="answer-bar"><button type="button" class="btn primary wide" aria-keyshortcuts="Space Enter">Show answer</button></div></article></section></main>`;
  const hideApp = document.head.appendChild(document.createElement('style'));
  hideApp.textContent = '#root{display:none}';
  page.prepend(view);

  const body = view.querySelector('.card-body') as HTMLElement;
  const bar = view.querySelector('.answer-bar') as HTMLElement;
  // Should the app never take over (it failed to start), its own page shows whatever it has.
  const giveUp = setTimeout(() => {
    if (window.__recallResume !== handoff) return;
    window.__recallResume = undefined;
    release();
  }, GIVE_UP_MS);
  function release(): void {
    clearTimeout(giveUp);
    removeEventListener('keydown', onKey);
    removeEventListener('hashchange', release);
    view.remove();
    hideApp.remove();
  }
  const handoff: ResumeHandoff = { cardId: snap.cardId, reps: snap.reps, shownAt, revealed: false, release };
  window.__recallResume = handoff;

  const grade = (rating: 1 | 2 | 3 | 4) => {
    if (!handoff.revealed || handoff.answer) return;
    handoff.answer = { rating, at: Date.now() };
    for (const b of bar.querySelectorAll('button')) b.disabled = true;
    bar.setAttribute('aria-busy', 'true');
  };
  const reveal = () => {
    if (handoff.revealed) return;
    handoff.revealed = true;
    body.insertAdjacentHTML(
      'beforeend',
      `<div aria-live="polite"><hr class="divider"><div class="card-back">${snap.back}</div></div>`,
    );
    bar.innerHTML = `<fieldset class="grades"><legend class="visually-hidden">Grade your recall</legend>${GRADES.map(
      (label, i) =>
        `<button type="button" class="btn grade grade-${label.toLowerCase()}" data-rating="${i + 1}" aria-keyshortcuts="${i + 1}" aria-describedby="interval-${i + 1}"><span class="grade-interval" id="interval-${i + 1}" aria-hidden="true">${escapeText(snap.labels[i] ?? '')}</span><span class="grade-label">${label}</span></button>`,
    ).join('')}</fieldset>`;
  };
  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (event.key === ' ' || event.key === 'Enter') {
      if (target?.tagName === 'BUTTON' || target?.tagName === 'A') return;
      event.preventDefault();
      if (handoff.revealed) grade(3);
      else reveal();
    } else if (['1', '2', '3', '4'].includes(event.key)) {
      event.preventDefault();
      grade(Number(event.key) as 1 | 2 | 3 | 4);
    }
  }
  bar.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button');
    if (!button) return;
    const rating = button.dataset.rating;
    if (rating) grade(Number(rating) as 1 | 2 | 3 | 4);
    else reveal();
  });
  body.addEventListener('click', (event) => {
    if (snap.tapToReveal && !(event.target as HTMLElement).closest('a, button')) reveal();
  });
  addEventListener('keydown', onKey);
  // Leaving the study route (a link in the header, the back button) hands the page to the app.
  addEventListener('hashchange', release);
}
