/**
 * Shows card HTML. Every string passes DOMPurify with an allowlist before it reaches the DOM,
 * whatever its origin (built-in decks too): the one door for card content.
 */
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

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

export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, CONFIG) as unknown as string;
}

let katexCss: Promise<unknown> | undefined;
/** KaTeX's stylesheet and fonts load only when a card has math (they are precached). */
function ensureMathStyles(html: string): void {
  if (!katexCss && html.includes('class="katex')) katexCss = import('katex/dist/katex.min.css');
}

export function CardHtml({ html, className }: { html: string; className?: string }) {
  const clean = useMemo(() => {
    ensureMathStyles(html);
    return sanitize(html);
  }, [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
