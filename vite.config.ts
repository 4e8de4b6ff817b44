import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bootScript, eagerCommonJsWrappers, inlineEntryCss, policyOf } from './scripts/vite-plugin-boot';
import { builtinDecks } from './scripts/vite-plugin-decks';

/**
 * The page's Content-Security-Policy. The boot-script plugin writes it into index.html's meta tag,
 * and the build adds the hash of the one inline script (the boot script).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * What `npm start` (vite preview) and the test server send as a header: the built page's own
 * policy, so the header admits the inline boot script by the same hash.
 */
export function servedCsp(dist = resolve(import.meta.dirname, 'dist')): string {
  const index = join(dist, 'index.html');
  return existsSync(index) ? policyOf(readFileSync(index, 'utf8')) : CSP;
}

/**
 * The URL path the app is served under, with a slash at each end: `/` by default, or the
 * `BASE_PATH` environment variable at build time (`BASE_PATH=/recall-re/ npm run build` for a site
 * at https://example.org/recall-re/). Every URL the build writes (index.html, the manifest, the
 * service worker's precache and scope) follows it; see docs/deploy.md.
 */
export function basePath(value = process.env.BASE_PATH): string {
  const raw = (value ?? '').trim();
  if (raw === '' || raw === '/') return '/';
  const path = `/${raw.replace(/^\/+|\/+$/g, '')}/`;
  if (!/^\/(?:[A-Za-z0-9._~-]+\/)+$/.test(path) || path.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(
      `BASE_PATH "${raw}" is not a URL path: use letters, digits, ".", "_", "~", "-" and "/" between folders, such as /recall-re/`,
    );
  }
  return path;
}

const BASE = basePath();

export default defineConfig({
  base: BASE,
  plugins: [
    react(),
    builtinDecks(),
    bootScript(CSP),
    inlineEntryCss(),
    eagerCommonJsWrappers(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,json,webmanifest,wasm}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      includeAssets: ['icons/*.png', 'favicon.svg'],
      manifest: {
        // The app's identity: `/` for a root deployment (as before this was configurable).
        id: BASE,
        name: 'Recall RE — AI Research Engineer interview prep',
        short_name: 'Recall RE',
        description:
          'Spaced-repetition review for AI Research Engineer interviews: research judgment, experiments and statistics, offline.',
        theme_color: '#1e293b',
        background_color: '#0f172a',
        display: 'standalone',
        start_url: BASE,
        scope: BASE,
        orientation: 'portrait',
        categories: ['education', 'productivity'],
        // Long-press the home-screen icon: straight into today's review (where the card kept from
        // the last session is painted before the app loads), or to the import screen.
        shortcuts: [
          {
            name: 'Study all decks',
            short_name: 'Study',
            url: `${BASE}#/study/all`,
            icons: [{ src: `${BASE}icons/icon-192.png`, sizes: '192x192' }],
          },
          {
            name: 'Import a deck',
            short_name: 'Import',
            url: `${BASE}#/import`,
            icons: [{ src: `${BASE}icons/icon-192.png`, sizes: '192x192' }],
          },
        ],
        // Open decks with the installed app, or share them to it from a phone's share sheet.
        file_handlers: [
          {
            action: `${BASE}#/import`,
            accept: {
              'text/markdown': ['.md', '.markdown'],
              'application/json': ['.json'],
              'text/csv': ['.csv'],
              'text/tab-separated-values': ['.tsv'],
              'text/plain': ['.txt'],
              'application/zip': ['.apkg', '.colpkg'],
              'application/vnd.sqlite3': ['.anki2', '.anki21'],
            },
          },
        ],
        share_target: {
          action: `${BASE}share-target`,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            files: [
              {
                name: 'deck',
                accept: [
                  '.md',
                  '.json',
                  '.csv',
                  '.tsv',
                  '.txt',
                  '.apkg',
                  '.colpkg',
                  '.anki2',
                  '.anki21',
                  'text/*',
                  'application/*',
                ],
              },
            ],
          },
        },
        icons: [
          { src: `${BASE}icons/icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: `${BASE}icons/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: `${BASE}icons/maskable-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  // Module workers (import, built-in decks) get the decks plugin too: the sync worker reads the bundle.
  worker: { format: 'es', plugins: () => [builtinDecks()] },
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json: the bench reads which chunks the app's first screen needs.
    manifest: true,
    // Every browser that can install this app supports <link rel="modulepreload">.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: {
      'Content-Security-Policy': servedCsp(),
      'Cache-Control': 'no-cache',
    },
  },
  server: {
    port: 5173,
  },
});
