/**
 * Defect: on a first visit the service worker did not control the page that installed it, so
 * when the network dropped before any reload, opening a lazily loaded screen turned the whole
 * page white. Now the first version claims the page, every lazy screen and the import worker
 * come from the precache, and a screen whose code cannot be loaded shows what happened and a
 * Retry in its place, with the navigation still there.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, PHONE } from '../harness/browser';
import { DecksPage } from './pages/app';
import { startServer, type StaticServer } from '../harness/server';

const tmp = mkdtempSync(join(tmpdir(), 'recall-first-visit-'));
let browser: Browser;
let server: StaticServer;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await server?.close().catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
});

/** A first visit: the deck list shows, then the service worker installs and, without a reload, controls the page. */
async function firstVisit(): Promise<Page> {
  server = await startServer();
  context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(server.url);
  await new DecksPage(page).heading().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  return page;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Nothing blank: the navigation is there whatever the screen shows. */
async function expectNavigation(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks', exact: true }).waitFor();
}

describe('defect: first visit, then the network drops', () => {
  it('the service worker controls the first page, and every lazy screen and the import worker load offline', async () => {
    const page = await firstVisit();
    const offOrigin: string[] = [];
    await server.close();
    await context?.setOffline(true);

    const screens: Array<[string, RegExp]> = [
      ['#/browse', /^Browse$/],
      ['#/import', /^Import$/],
      ['#/stats', /^Statistics$/],
      ['#/settings', /^Settings$/],
      ['#/add', /^Add a note$/],
      ['#/options/statistics', /^(Options: |No such deck)/],
    ];
    for (const [hash, heading] of screens) {
      await go(page, hash);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectNavigation(page);
    }
    expect(await page.getByRole('alert').filter({ hasText: 'could not be shown' }).count()).toBe(0);

    // The import worker (its own script) comes from the precache too.
    const csv = join(tmp, 'first-visit.csv');
    writeFileSync(csv, 'offline front,offline back\nsecond,row\n');
    await go(page, '#/import');
    await page.getByLabel('Choose a file').setInputFiles(csv);
    await page.getByRole('heading', { name: /^Preview of / }).waitFor();
    expect(await page.getByTestId('preview-counts').innerText()).toContain('2 notes');
    expect(offOrigin).toEqual([]);
  });

  it('a screen whose code cannot be loaded shows the reason and a Retry in its place, never a blank page', async () => {
    const page = await firstVisit();
    // The Browse screen's code gone from the precache, and no network to fetch it from.
    const removed = await page.evaluate(async () => {
      const gone: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (/BrowseScreen[^/]*\.js/.test(request.url)) {
            await cache.delete(request);
            gone.push(request.url);
          }
        }
      }
      return gone;
    });
    expect(removed.length).toBeGreaterThan(0);
    const port = server.port;
    await server.close();
    // The worker's own requests too (the browser's HTTP cache still holds the file).
    const offline = (route: Route) => route.abort('internetdisconnected');
    await context?.route('**/*', offline);
    await context?.setOffline(true);

    await page.getByRole('link', { name: 'Browse', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This screen could not be shown' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/could not be downloaded[\s\S]*Failed to fetch dynamically imported module/);
    await expectNavigation(page);
    // The rest of the app still works.
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    await new DecksPage(page).heading().waitFor();

    // Network back: Retry brings the screen.
    server = await startServer(port);
    await context?.unroute('**/*', offline);
    await context?.setOffline(false);
    await page.getByRole('link', { name: 'Browse', exact: true }).click();
    await alert.waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browse' }).waitFor();
    expect(await alert.count()).toBe(0);
  });
});
