/**
 * Card HTML that names its own media files (`<img src="dot.png">`, as Anki writes them): loaded
 * by CardHtml only for such cards. The files are in IndexedDB, not on the server: the local
 * sources are taken out of the HTML before it reaches the page (so nothing is requested from the
 * network) and put back as object URLs of the stored files, which works offline.
 */
import { useContext, useEffect, useMemo, useRef } from 'react';
import { mediaByName } from '../../storage/media';
import { ServicesContext } from '../services';

const MEDIA_TAGS = 'img, audio, video, source';
/** A source with no scheme and no leading `//`: a file name relative to the card. */
const LOCAL_SOURCE = /^(?![a-z][a-z0-9+.-]*:|\/\/|#)\S/i;
export const MEDIA_ATTRIBUTE = 'data-media';

/** The HTML with each local media source moved to data-media, so the browser fetches nothing. */
export function deferLocalMedia(html: string): string {
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

export default function MediaCardHtml({ html, className }: { html: string; className?: string }) {
  const services = useContext(ServicesContext);
  const shown = useMemo(() => deferLocalMedia(html), [html]);
  const root = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `shown` is new DOM to fill, read through the ref
  useEffect(() => {
    const element = root.current;
    if (!element || !services) return;
    const targets = [...element.querySelectorAll<HTMLElement>(`[${MEDIA_ATTRIBUTE}]`)];
    const urls: string[] = [];
    let cancelled = false;
    const missing = () => {
      for (const target of targets) if (!target.hasAttribute('src')) target.classList.add('media-missing');
    };
    mediaByName(
      services.db,
      targets.map((t) => t.getAttribute(MEDIA_ATTRIBUTE) ?? ''),
    )
      .then((files) => {
        if (cancelled) return;
        for (const target of targets) {
          const file = files.get(target.getAttribute(MEDIA_ATTRIBUTE) ?? '');
          if (!file) continue;
          const url = URL.createObjectURL(file);
          urls.push(url);
          target.setAttribute('src', url);
        }
        missing();
      })
      .catch(missing);
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [shown, services]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: stored HTML was sanitised on its way in (see CardHtml)
  return <div ref={root} className={className} dangerouslySetInnerHTML={{ __html: shown }} />;
}
