/**
 * Shows stored card HTML. Every write into storage sanitises it first (src/ui/sanitize.ts:
 * imports, notes written or edited here, restored backups; the built-in decks are rendered at
 * build time from Markdown with raw HTML off), so showing a card costs no sanitiser; the
 * Content-Security-Policy (no inline script, nothing off-origin) is the second wall. HTML that has
 * not been stored yet (an import preview) is sanitised by its screen before it gets here.
 *
 * Media: an imported card names its files as Anki does (`<img src="dot.png">`); the files are in
 * IndexedDB, not on the server. Such sources are taken out of the HTML before it reaches the
 * page (so nothing is requested from the network) and put back as object URLs of the stored
 * files, which works offline. Cards without local sources (every built-in card) skip all of it.
 */
import { useContext, useEffect, useMemo, useRef } from 'react';
import { ServicesContext } from '../services';

let katexCss: Promise<unknown> | undefined;
/** KaTeX's stylesheet and fonts load only when a card has math (they are precached). */
function ensureMathStyles(html: string): void {
  if (!katexCss && html.includes('class="katex')) katexCss = import('katex/dist/katex.min.css');
}

const MEDIA_TAGS = 'img, audio, video, source';
/** A source with no scheme and no leading `//`: a file name relative to the card. */
const LOCAL_SOURCE = /^(?![a-z][a-z0-9+.-]*:|\/\/|#)\S/i;
const HAS_LOCAL_SOURCE = /<(?:img|audio|video|source)\b[^>]*\ssrc\s*=\s*["']?(?![a-z][a-z0-9+.-]*:|\/\/|#)[^\s"'>]/i;
export const MEDIA_ATTRIBUTE = 'data-media';

/** The HTML with each local media source moved to data-media, so the browser fetches nothing. */
export function deferLocalMedia(html: string): string {
  if (!HAS_LOCAL_SOURCE.test(html)) return html;
  const template = document.createElement('template');
  template.innerHTML = html; // template content is inert: nothing loads while it is rewritten
  for (const element of template.content.querySelectorAll(MEDIA_TAGS)) {
    const src = element.getAttribute('src');
    if (src === null || !LOCAL_SOURCE.test(src)) continue;
    element.setAttribute(MEDIA_ATTRIBUTE, src);
    element.removeAttribute('src');
  }
  return template.innerHTML;
}

export function CardHtml({ html, className }: { html: string; className?: string }) {
  useMemo(() => ensureMathStyles(html), [html]);
  const services = useContext(ServicesContext);
  const shown = useMemo(() => deferLocalMedia(html), [html]);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (shown === html || !element || !services) return;
    const targets = [...element.querySelectorAll<HTMLElement>(`[${MEDIA_ATTRIBUTE}]`)];
    const urls: string[] = [];
    let cancelled = false;
    // Loaded on first use: only imported cards with media need it.
    void import('../../storage/media')
      .then(({ mediaByName }) =>
        mediaByName(
          services.db,
          targets.map((t) => t.getAttribute(MEDIA_ATTRIBUTE) ?? ''),
        ),
      )
      .then((files) => {
        if (cancelled) return;
        for (const target of targets) {
          const file = files.get(target.getAttribute(MEDIA_ATTRIBUTE) ?? '');
          if (!file) {
            target.classList.add('media-missing');
            continue;
          }
          const url = URL.createObjectURL(file);
          urls.push(url);
          target.setAttribute('src', url);
        }
      })
      .catch(() => {
        for (const target of targets) target.classList.add('media-missing');
      });
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [shown, html, services]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: stored HTML was sanitised on its way in (see above)
  return <div ref={root} className={className} dangerouslySetInnerHTML={{ __html: shown }} />;
}
