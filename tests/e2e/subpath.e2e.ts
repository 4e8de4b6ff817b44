/**
 * The app deployed under a sub-path, as on GitHub Pages (https://user.github.io/recall-re/): built
 * once in this run with BASE_PATH=/recall-re/ into a temporary folder, and served by a server that
 * answers only under /recall-re/ (anything else is a 404). In Chromium: the app loads, its service
 * worker controls /recall-re/ only, the manifest's URLs stay inside it, a card is answered, the
 * app starts again offline (the boot script paints the card first), a shared file and a tap on the
 * reminder land inside it, and no request at all leaves /recall-re/. See docs/deploy.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, PHONE } from '../harness/browser';
import { countStore } from '../harness/idb';
import { startServer, type StaticServer } from '../harness/server';
import { DecksPage, StudyPage } from './pages/app';
import { goToHash, tapNotification } from './session';

const PREFIX = '/recall-re/';
const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const VITE = resolve(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

let out: string;
let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
/** Every http(s) URL the page, its workers and the service worker asked for. */
const requested: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'recall-subpath-'));
  // The one extra build of the run (the other tests use dist/, built at the root path).
  await promisify(execFile)(process.execPath, [VITE, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: REPO_ROOT,
    // Vitest sets NODE_ENV=test, which would make a development build (no service worker).
    env: { ...process.env, NODE_ENV: 'production', BASE_PATH: PREFIX },
    maxBuffer: 16 * 1024 * 1024,
  });
  server = await startServer(0, out, { prefix: PREFIX });
  browser = await launch();
  context = await newContext(browser, PHONE);
  context.on('request', (request) => {
    if (/^https?:/.test(request.url())) requested.push(request.url());
  });
  page = await context.newPage();
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the app served under /recall-re/', () => {
  it('loads there, with its stylesheet inlined, and its service worker controls /recall-re/ only', async () => {
    const html = await (await fetch(server.appUrl)).text();
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).not.toMatch(/(?:href|src)="\/(?!recall-re\/)/);

    await page.goto(server.appUrl);
    await new DecksPage(page).heading().waitFor();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    // The first version claims the page that installed it (src/sw.ts).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const registration = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, script: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(registration).toEqual({ scope: server.appUrl, script: `${server.appUrl}sw.js` });
  });

  it('has a manifest whose scope, start URL, icons and actions are all under /recall-re/', async () => {
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      if (!link) throw new Error('no manifest link');
      const response = await fetch(link.href);
      return { url: response.url, json: await response.json() };
    });
    expect(manifest.url).toBe(`${server.appUrl}manifest.webmanifest`);
    const json = manifest.json as {
      id: string;
      scope: string;
      start_url: string;
      icons: { src: string }[];
      shortcuts: { url: string; icons: { src: string }[] }[];
      file_handlers: { action: string }[];
      share_target: { action: string };
    };
    const at = (url: string) => new URL(url, manifest.url).href;
    expect(at(json.scope)).toBe(server.appUrl);
    expect(at(json.start_url)).toBe(server.appUrl);
    expect(at(json.id)).toBe(server.appUrl);
    const urls = [
      ...json.icons.map((i) => i.src),
      ...json.shortcuts.flatMap((s) => [s.url, ...s.icons.map((i) => i.src)]),
      ...json.file_handlers.map((f) => f.action),
      json.share_target.action,
    ];
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(at(url)).toMatch(new RegExp(`^${server.appUrl}[^/]`));
    // Each icon is there (from the precache or the server).
    const statuses = await page.evaluate(
      (srcs) => Promise.all(srcs.map(async (src) => (await fetch(src)).status)),
      json.icons.map((i) => at(i.src)),
    );
    expect(statuses).toEqual(json.icons.map(() => 200));
  });

  it('answers a card', async () => {
    const study = await new DecksPage(page).studyAll();
    const first = await study.frontText();
    await study.answerWithClicks('Good');
    expect(await countStore(page, 'reviews')).toBe(1);
    expect(await study.frontText()).not.toBe(first);
    // The card now on screen is kept for the next start (the boot script's snapshot).
    await expect.poll(() => page.evaluate(() => localStorage.getItem('recall-re:resume') !== null)).toBe(true);
  });

  it('takes a shared file and a tap on the reminder to screens under /recall-re/', async () => {
    // The worker answers the POST itself, with a redirect to the import screen (the page, from its precache).
    const landed = await page.evaluate(async (target) => {
      const form = new FormData();
      form.append('deck', new File(['term\tdefinition\nshared term\tshared meaning\n'], 'shared.tsv'));
      const response = await fetch(target, { method: 'POST', body: form });
      return { status: response.status, url: response.url };
    }, `${server.appUrl}share-target`);
    expect(landed.status).toBe(200);
    expect(landed.url.startsWith(server.appUrl)).toBe(true);
    expect(server.requests.filter((path) => path.includes('share-target'))).toEqual([]);
    await goToHash(page, '#/import/shared');
    await page.getByRole('heading', { name: 'Preview of shared.tsv' }).waitFor();
    expect(await page.getByTestId('preview-counts').innerText()).toContain('2 notes');

    await goToHash(page, '#/decks');
    await new DecksPage(page).heading().waitFor();
    await context.grantPermissions(['notifications'], { origin: server.url });
    const [worker] = context.serviceWorkers();
    if (!worker) throw new Error('no service worker');
    // The reminder's notification (shown here directly; reminder.e2e.ts covers when it is shown).
    await worker.evaluate(async () => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      await sw.registration.showNotification('Cards waiting', { tag: 'daily-reminder' });
    });
    await tapNotification(worker);
    await page.waitForURL(`${server.appUrl}#/study/all`);
    await new StudyPage(page).showAnswer().waitFor();
  });

  it('starts again with the server gone: the boot script paints the card, and it can be answered', async () => {
    await server.close();
    await context.setOffline(true);
    // The service worker's own requests too.
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    // Whether the boot script painted the kept card before the app took over (it removes it then).
    await page.addInitScript(() => {
      new MutationObserver((changes, observer) => {
        for (const change of changes)
          for (const node of change.addedNodes)
            if (node instanceof HTMLElement && node.id === 'resume') {
              (window as unknown as { __resumePainted: boolean }).__resumePainted = true;
              observer.disconnect();
            }
      }).observe(document, { childList: true, subtree: true });
    });
    expect(page.url()).toBe(`${server.appUrl}#/study/all`);
    await page.reload();
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __resumePainted?: boolean }).__resumePainted)).toBe(true);
    await study.answerWithClicks('Good');
    await expect.poll(() => countStore(page, 'reviews')).toBe(2);
  });

  it('never asked for anything outside /recall-re/', () => {
    expect(server.requests.length).toBeGreaterThan(10);
    expect(server.requests.filter((path) => !path.startsWith(PREFIX))).toEqual([]);
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(server.appUrl))).toEqual([]);
  });
});
