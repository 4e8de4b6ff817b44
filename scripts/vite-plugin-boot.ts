/**
 * Vite plugin: builds src/resume/boot.ts as an entry of its own (a few kB, no shared chunks) and
 * puts its script tag in index.html ahead of the app's, so it runs before the main bundle has
 * even been evaluated. In development the source file is referenced directly.
 */
import type { Plugin } from 'vite';

export const BOOT_ENTRY = 'src/resume/boot.ts';

export function bootScript(): Plugin {
  return {
    name: 'boot-script',
    config() {
      return { build: { rollupOptions: { input: { index: 'index.html', boot: BOOT_ENTRY } } } };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = ctx.bundle
          ? Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
          : undefined;
        if (ctx.bundle && !chunk) throw new Error(`boot-script: no entry chunk built from ${BOOT_ENTRY}`);
        if (chunk?.type === 'chunk' && chunk.imports.length > 0) {
          throw new Error(`boot-script: ${BOOT_ENTRY} must not share code with the app (it imports ${chunk.imports.join(', ')})`);
        }
        const src = chunk ? `/${chunk.fileName}` : `/${BOOT_ENTRY}`;
        // Module scripts run in document order: this one goes right before the app's (and after
        // the Content-Security-Policy meta tag, which must come before any script).
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('boot-script: index.html has no module script to go before');
        return `${html.slice(0, at)}<script type="module" src="${src}"></script>\n    ${html.slice(at)}`;
      },
    },
  };
}
