/**
 * DOM helpers shared by the in-page bundle and the init script. The app's screens are found by
 * what a person sees (button text, aria-labels, headings), as the e2e page models do.
 */

/** The enabled "Show answer" button of the card on screen: the card is up and interactive. */
export function showAnswerButton(scope: ParentNode = document): HTMLButtonElement | null {
  for (const b of scope.querySelectorAll('button')) {
    if (!b.disabled && b.textContent?.trim() === 'Show answer') return b;
  }
  return null;
}

/** A grade button, by its aria-label or its visible label (the interval above it is not part of the name). */
export function gradeButton(label: 'Again' | 'Hard' | 'Good' | 'Easy'): HTMLButtonElement | null {
  for (const b of document.querySelectorAll('button')) {
    if (b.disabled) continue;
    if (b.getAttribute('aria-label') === label || b.querySelector('.grade-label')?.textContent?.trim() === label) return b;
  }
  return null;
}

/** The study screen has nothing to show: the queue is empty or only future learning cards remain. */
export function sessionOver(): boolean {
  for (const h of document.querySelectorAll('h2')) {
    const text = h.textContent?.trim();
    if (text === 'All done for now' || text === 'Learning cards coming up') return true;
  }
  return false;
}

/** The deck list with its counts (it renders all at once when its data is in). */
export function deckListRendered(): boolean {
  return document.querySelector('.deck-list [data-testid="counts"]') !== null;
}

/** The Statistics screen with its data: the retention verdict and the week's forecast are up. */
export function statsRendered(): boolean {
  return (
    document.querySelector('[data-testid="retention-verdict"]') !== null && document.getElementById('forecast-title') !== null
  );
}

export function settingsRendered(): boolean {
  return document.getElementById('settings-title') !== null;
}

/** The Browse screen's search box, its form and its result-count line. */
export function browseParts(): { input: HTMLInputElement; form: HTMLFormElement; status: HTMLElement } | null {
  const input = document.querySelector<HTMLInputElement>('.browse-search input[type="search"]');
  const form = input?.form;
  const status = document.querySelector<HTMLElement>('.browse-count');
  return input && form && status ? { input, form, status } : null;
}

/** The result-count line says "Searching…" while a search runs (before its first page is in). */
export function browseSearching(text: string): boolean {
  return text.startsWith('Searching');
}

/** Browse is idle: the last search is done and its total counted ("12 cards", not "200+ cards, counting…"). */
export function browseIdle(): boolean {
  const text = browseParts()?.status.textContent?.trim() ?? '';
  return /^\d+ cards?$/.test(text);
}

/** The next animation frame; resolves with the time inside its callback. */
export function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

/**
 * Resolves with check()'s first truthy value: tested at once and after every DOM mutation (the
 * observer runs right after the mutating task, before the next frame). `text` also watches text
 * node changes (React updates a lone text child in place).
 */
export function whenDom<T>(
  check: () => T | null | undefined | false,
  what: string,
  timeoutMs = 20_000,
  text = false,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) {
      resolve(first);
      return;
    }
    const observer = new MutationObserver(() => {
      const value = check();
      if (value) {
        finish();
        resolve(value);
      }
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (at ${location.hash})`));
    }, timeoutMs);
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['disabled'],
      characterData: text,
    });
  });
}
