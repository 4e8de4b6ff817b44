/**
 * Shows stored card HTML. Every write into storage sanitises it first (src/ui/sanitize.ts:
 * imports, notes written or edited here, restored backups; the built-in decks are rendered at
 * build time from Markdown with raw HTML off), so showing a card costs no sanitiser; the
 * Content-Security-Policy (no inline script, nothing off-origin) is the second wall. HTML that has
 * not been stored yet (an import preview) is sanitised by its screen before it gets here.
 * A card that names media files of its own is drawn by MediaCardHtml, loaded on first use.
 */
import { lazy, Suspense, useMemo } from 'react';

const MediaCardHtml = lazy(() => import('./MediaCardHtml'));

let katexCss: Promise<unknown> | undefined;
/** KaTeX's stylesheet and fonts load only when a card has math (they are precached). */
function ensureMathStyles(html: string): void {
  if (!katexCss && html.includes('class="katex')) katexCss = import('katex/dist/katex.min.css');
}

/** An img, audio, video or source whose src is a file name (no scheme, no `//`). */
const LOCAL_MEDIA = /<(?:img|audio|video|source)\b[^>]*\ssrc\s*=\s*["']?(?![a-z][a-z0-9+.-]*:|\/\/|#)[^\s"'>]/i;

export function CardHtml({ html, className }: { html: string; className?: string }) {
  useMemo(() => ensureMathStyles(html), [html]);
  if (LOCAL_MEDIA.test(html)) {
    return (
      <Suspense fallback={<div className={className} />}>
        <MediaCardHtml html={html} {...(className ? { className } : {})} />
      </Suspense>
    );
  }
  // biome-ignore lint/security/noDangerouslySetInnerHtml: stored HTML was sanitised on its way in (see above)
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
