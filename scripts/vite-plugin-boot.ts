/**
 * Vite plugins for what index.html must do before the main bundle runs.
 *
 * - bootScript: builds src/resume/boot.ts as an entry of its own (a few kB, sharing no chunk with
 *   the app) and writes it into index.html, admitted by its hash in the page's CSP; the app's own
 *   code is one chunk (everything src/app-main.tsx imports statically), which the entry imports
 *   after the first frame.
 * - inlineEntryCss: puts the entry stylesheet into index.html, so the static shell (and the boot
 *   script's card) can paint without waiting for another request.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { type Plugin, parseAst } from 'vite';

export const BOOT_ENTRY = 'src/resume/boot.ts';
const APP_MODULE = resolve(import.meta.dirname, '..', 'src', 'app-main.tsx');

// Vite's and the bundler's own helpers get a chunk of their own: the entry uses them before the app loads.
const VITE_HELPER = /^\0vite\/(?:preload-helper|modulepreload-polyfill)/;

type ModuleInfo = { importedIds: readonly string[] } | null;

/**
 * `policy` is the page's Content-Security-Policy (`CSP` in vite.config.ts): written into
 * index.html's meta tag, plus, in a build, the hash of the inline boot script. index.html itself
 * holds no copy of it.
 */
export function bootScript(policy: string): Plugin {
  let base = '/';
  return {
    name: 'boot-script',
    configResolved(config) {
      base = config.base;
    },
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
        if (!bundle) {
          // Development: the source is served as a module; module scripts run in document order.
          const page = withPolicy(html, policy);
          const at = page.indexOf('<script type="module"');
          if (at < 0) throw new Error('boot-script: index.html has no module script');
          return `${page.slice(0, at)}<script type="module" src="${base}${BOOT_ENTRY}"></script>\n    ${page.slice(at)}`;
        }
        const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (chunk?.type !== 'chunk') throw new Error(`boot-script: no entry chunk built from ${BOOT_ENTRY}`);
        if (chunk.imports.length > 0 || /^\s*(?:import|export)\b/m.test(chunk.code)) {
          throw new Error(`boot-script: ${BOOT_ENTRY} must build to a plain script that shares no code with the app`);
        }
        // Written into index.html at the start of <body>: it runs before the rest of the page is
        // parsed and before the first paint, with no request of its own (served from the service
        // worker's cache, that request took 40–60 ms on the bench machine). The page's CSP admits
        // exactly this script, by its hash.
        // Wrapped in a function so its top-level names stay out of the page's global scope.
        const code = `(()=>{${chunk.code.trim()}})();`;
        if (/<\/script/i.test(code) || code.includes('<!--'))
          throw new Error('boot-script: the script text cannot be inlined as is');
        delete bundle[chunk.fileName];
        const withHash = withPolicy(html, allowInlineScript(policy, code));
        const body = /<body[^>]*>/.exec(withHash);
        if (!body) throw new Error('boot-script: index.html has no <body>');
        const at = body.index + body[0].length;
        return `${withHash.slice(0, at)}\n    <script>${code}</script>${withHash.slice(at)}`;
      },
    },
  };
}

/** The hash source a Content-Security-Policy uses to admit one inline script. */
export function scriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}

const CSP_META = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;

/** Writes `policy` into index.html's CSP meta tag. */
function withPolicy(html: string, policy: string): string {
  if (!CSP_META.test(html)) throw new Error('boot-script: index.html has no Content-Security-Policy meta tag');
  return html.replace(CSP_META, `$1${policy}$3`);
}

/** The policy with the script's hash added to its script-src. */
function allowInlineScript(policy: string, code: string): string {
  if (!/(?:^|;\s*)script-src /.test(policy)) throw new Error('boot-script: the policy has no script-src');
  return policy.replace(/((?:^|;\s*)script-src [^;]*)/, `$1 ${scriptHash(code)}`);
}

/** The policy an index.html declares in its meta tag (after a build, with the boot script's hash). */
export function policyOf(indexHtml: string): string {
  const policy = CSP_META.exec(indexHtml)?.[2];
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta tag');
  return policy;
}

export function inlineEntryCss(): Plugin {
  let base = '/';
  return {
    name: 'inline-entry-css',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        // The stylesheet's URL is the base path (BASE_PATH in vite.config.ts) and its file name in the bundle.
        return html.replace(/<link rel="stylesheet"[^>]*href="([^"]+\.css)"[^>]*>/g, (tag, href: string) => {
          if (!href.startsWith(base)) return tag;
          const asset = bundle[href.slice(base.length)];
          if (asset?.type !== 'asset') return tag;
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          if (css.includes('</style')) throw new Error(`inline-entry-css: ${href} contains </style`);
          return `<style>${css}</style>`;
        });
      },
    },
  };
}

/**
 * React's chunk is CommonJS code, which the bundler wraps in one arrow function per module. V8
 * compiles such a function lazily, on the main thread, when the app first evaluates the chunk:
 * for react-dom that was a 45–55 ms task (measured on the bench machine), the one long task of a
 * first visit. Written as a parenthesised function expression instead, the wrapper is compiled
 * eagerly with the rest of the module, which the browser does off the main thread while the chunk
 * streams in. The wrappers are called plainly from strict module code, so `this` at their top
 * level is undefined in both forms (and CommonJS code that ran as an arrow cannot use `arguments`
 * there).
 */
export function eagerCommonJsWrappers(chunkName = 'react'): Plugin {
  return {
    name: 'eager-commonjs-wrappers',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.name !== chunkName) continue;
        const runtime = /import\{([^}]*)\}from"\.\/rolldown-runtime[^"]*"/.exec(chunk.code);
        const helpers = (runtime?.[1] ?? '').split(',').map(
          (s) =>
            s
              .trim()
              .split(/\s+as\s+/)
              .at(-1) ?? '',
        );
        let count = 0;
        for (const helper of helpers.filter((h) => /^[\w$]+$/.test(h))) {
          const call = new RegExp(`=${helper.replace('$', '\\$')}\\(\\((?:([\\w$]+)|\\(([\\w$]+(?:,[\\w$]+)*)\\))=>\\{`, 'g');
          chunk.code = chunk.code.replace(call, (_m, one?: string, many?: string) => {
            count++;
            return `=${helper}((function(${one ?? many}){`;
          });
        }
        if (count === 0) throw new Error(`eager-commonjs-wrappers: found no CommonJS wrapper in the ${chunkName} chunk`);
        parseAst(chunk.code); // throws when the rewrite broke the syntax
      }
    },
  };
}
