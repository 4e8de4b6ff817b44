/**
 * Vite plugins for what index.html must do before the main bundle runs.
 *
 * - bootScript: builds src/resume/boot.ts as an entry of its own (a few kB, sharing no chunk with
 *   the app) and loads it as a deferred script just before the app's entry; the app's own code is
 *   one chunk (everything src/app-main.tsx imports statically), which the entry imports after the
 *   first frame.
 * - inlineEntryCss: puts the entry stylesheet into index.html, so the static shell (and the boot
 *   script's card) can paint without waiting for another request.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const BOOT_ENTRY = 'src/resume/boot.ts';
const APP_MODULE = resolve(import.meta.dirname, '..', 'src', 'app-main.tsx');

// Vite's and the bundler's own helpers get a chunk of their own: the entry uses them before the app loads.
const VITE_HELPER = /^\0vite\/(?:preload-helper|modulepreload-polyfill)/;

type ModuleInfo = { importedIds: readonly string[] } | null;

export function bootScript(): Plugin {
  return {
    name: 'boot-script',
    config() {
      // Everything src/app-main.tsx imports statically is one chunk: otherwise the bundler splits
      // what it shares with the lazy screens into many small chunks, each one more request.
      let app: Set<string> | undefined;
      const appGraph = (getModuleInfo: (id: string) => ModuleInfo): Set<string> => {
        if (app) return app;
        const seen = new Set<string>();
        const visit = (id: string) => {
          if (seen.has(id)) return;
          seen.add(id);
          for (const dep of getModuleInfo(id)?.importedIds ?? []) visit(dep);
        };
        visit(APP_MODULE);
        app = seen;
        return app;
      };
      return {
        build: {
          rollupOptions: {
            input: { index: 'index.html', boot: BOOT_ENTRY },
            output: {
              codeSplitting: {
                groups: [
                  { name: 'vite-helpers', test: VITE_HELPER, priority: 4 },
                  // The two big libraries get chunks of their own, so the entry can evaluate them
                  // in separate tasks (each under the 50 ms a long task starts at).
                  { name: 'react', test: /node_modules[\\/](?:react|react-dom|scheduler)[\\/]/, priority: 3 },
                  { name: 'dexie', test: /node_modules[\\/](?:dexie|dexie-react-hooks)[\\/]/, priority: 2 },
                  {
                    name: (id: string, meta: { getModuleInfo: (id: string) => ModuleInfo }) =>
                      appGraph((x) => meta.getModuleInfo(x)).has(id) ? 'app' : null,
                    priority: 1,
                  },
                ],
              },
            },
          },
        },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        const chunk = bundle
          ? Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot')
          : undefined;
        if (bundle && chunk?.type !== 'chunk') throw new Error(`boot-script: no entry chunk built from ${BOOT_ENTRY}`);
        if (chunk?.type === 'chunk' && (chunk.imports.length > 0 || /^\s*(?:import|export)\b/m.test(chunk.code))) {
          throw new Error(`boot-script: ${BOOT_ENTRY} must build to a plain script that shares no code with the app`);
        }
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('boot-script: index.html has no module script');
        // A classic deferred script right before the app's module script: deferred scripts run in
        // document order once the page is parsed, so it paints before the app's entry runs (and
        // after the Content-Security-Policy meta tag, which must come before any script).
        // In development the source is served as a module, which also runs in that order.
        const tag = chunk
          ? `<script defer src="/${chunk.fileName}"></script>`
          : `<script type="module" src="/${BOOT_ENTRY}"></script>`;
        // The app's own chunk is not preloaded here: compiling it as it arrives would hold up the
        // boot script's paint. The entry imports it right after that paint.
        return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
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
