/**
 * DOMPurify with the app's allowlist: the one door every piece of card HTML passes before it is
 * stored (imports, notes written or edited in the app, restored backups). Stored HTML is shown as
 * it is, so this module loads only with the screens that write or preview new content; the
 * Content-Security-Policy stays the second wall at display time.
 */
import DOMPurify from 'dompurify';
import type { SafeHtml } from '../domain/safe-html';

const CONFIG = {
  USE_PROFILES: { html: true, mathMl: true },
  FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'input', 'button', 'link'],
  FORBID_ATTR: ['srcset', 'action', 'formaction'],
  ALLOW_DATA_ATTR: false,
};

// Cards may only show what is stored with them: anything that would load from another origin
// (an image, audio or video source) is dropped, so a card cannot load or beacon, even before
// the Content-Security-Policy gets a say. Links stay, opened only by a deliberate tap.
const REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const LOCAL_SCHEMES = /^\s*(?:data:image\/|blob:)/i;
DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if ((data.attrName === 'src' || data.attrName === 'poster' || data.attrName === 'background') && REMOTE.test(data.attrValue)) {
    if (!LOCAL_SCHEMES.test(data.attrValue)) data.keepAttr = false;
  }
});
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer');
    node.setAttribute('target', '_blank');
  }
});

/** The one maker of SafeHtml for content from outside (see src/domain/safe-html.ts). */
export function sanitize(html: string): SafeHtml {
  return DOMPurify.sanitize(html, CONFIG) as unknown as SafeHtml;
}

/** The parts of a note that are shown as HTML: each card's sides and the rubric points. */
interface RenderedParts {
  cards: readonly { front: string; back: string }[];
  rubric?: readonly string[];
}

type Sanitised<T extends RenderedParts> = Omit<T, 'cards' | 'rubric'> & {
  cards: (Omit<T['cards'][number], 'front' | 'back'> & { front: SafeHtml; back: SafeHtml })[];
  rubric?: SafeHtml[];
};

/** The note with every HTML string it shows sanitised (everything else kept as it is). */
export function sanitizeRendered<T extends RenderedParts>(note: T): Sanitised<T> {
  const { rubric, ...rest } = note;
  return {
    ...rest,
    cards: note.cards.map((c) => ({ ...c, front: sanitize(c.front), back: sanitize(c.back) })),
    ...(rubric ? { rubric: rubric.map(sanitize) } : {}),
  } as Sanitised<T>;
}
