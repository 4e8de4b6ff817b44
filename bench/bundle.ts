/**
 * Bundles the in-page code for the browser with Vite's build API, in memory (nothing is written,
 * and the app's own build is untouched). The result is evaluated in a page through CDP, which the
 * page's Content-Security-Policy does not apply to.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';

const BENCH = import.meta.dirname;

async function bundleOne(entry: string, name: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: resolve(BENCH, '..'),
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: resolve(BENCH, entry), formats: ['iife'], name },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error(`bundling ${entry} produced no JavaScript`);
  return chunk.code;
}

export interface BrowserBundles {
  /** Defines window.__bench (seed + probes). */
  api: string;
  /** For context.addInitScript: long tasks and first-frame marks from document start. */
  init: string;
}

export async function bundleBrowserCode(): Promise<BrowserBundles> {
  const [api, init] = await Promise.all([bundleOne('browser.ts', '__benchBundle'), bundleOne('init-script.ts', '__benchInit')]);
  return { api, init };
}
