/**
 * Vite plugins for what index.html must do before the main bundle runs.
 *
 * - bootScript: builds src/resume/boot.ts as an entry of its own (a few kB, sharing no chunk with
 *   the app) and loads it as an async module script at the end of <body>, preloaded from <head>:
 *   it runs as soon as it arrives, while the main bundle is still loading. In development the
 *   source file is referenced directly.
 * - inlineEntryCss: puts the entry stylesheet into index.html, so the static shell (and the boot
 *   script's card) can paint without waiting for another request.
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
        // The preload goes before the app's script (and after the Content-Security-Policy meta tag,
        // which must come before any script); the script itself after #root, which it paints into.
        const at = html.indexOf('<script type="module"');
        const end = html.lastIndexOf('</body>');
        if (at < 0 || end < 0) throw new Error('boot-script: index.html needs a module script and a </body>');
        return `${html.slice(0, at)}<link rel="modulepreload" href="${src}">\n    ${html.slice(at, end)}  <script type="module" async src="${src}"></script>\n  ${html.slice(end)}`;
      },
    },
  };
}

export function inlineEntryCss(): Plugin {
  return {
    name: 'inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, fileName: string) => {
          const asset = bundle[fileName];
          if (asset?.type !== 'asset') return tag;
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          if (css.includes('</style')) throw new Error(`inline-entry-css: ${fileName} contains </style`);
          return `<style>${css}</style>`;
        });
      },
    },
  };
}
