/**
 * The daily reminder in Chromium: Settings turns it on (permissions granted by the test through
 * the DevTools protocol, as an installed app would have them), a periodic sync is dispatched to
 * the service worker through the protocol, and the test checks the notification, the badge call
 * and where a tap on the notification leads. Without the permissions, Settings says what is missing.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from '../harness/browser';
import { readRow } from '../harness/idb';
import { DecksPage, ReminderSettings, StudyPage } from './pages/app';
import { type AppSession, goToHash, openApp, tapNotification } from './session';

const TAG = 'daily-reminder';

let session: AppSession;
let page: Page;
let cdp: CDPSession;
let worker: Worker;
let registrationId: string;

/** The browser context's id, which Browser.grantPermissions needs. */
async function contextId(context: BrowserContext, p: Page): Promise<string> {
  const target = await context.newCDPSession(p);
  const { targetInfo } = (await target.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
  await target.detach();
  return targetInfo.browserContextId;
}

async function controlledByServiceWorker(p: Page): Promise<void> {
  await p.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await p.reload();
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** A periodic sync with the reminder's tag, as Chromium sends one to an installed app. */
async function periodicSync(): Promise<void> {
  await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: session.server.url, registrationId, tag: TAG });
}

function notifications(): Promise<{ title: string; tag: string }[]> {
  return worker.evaluate(async () =>
    (await (self as unknown as ServiceWorkerGlobalScope).registration.getNotifications()).map((n) => ({
      title: n.title,
      tag: n.tag,
    })),
  );
}

function badgeCalls(): Promise<number[]> {
  return worker.evaluate(() => (self as unknown as { __badges: number[] }).__badges);
}

beforeAll(async () => {
  session = await openApp();
  page = session.page;
  const browserCdp = await session.browser.newBrowserCDPSession();
  await browserCdp.send('Browser.grantPermissions', {
    origin: session.server.url,
    browserContextId: await contextId(session.context, page),
    permissions: ['notifications', 'periodicBackgroundSync'],
  });
  await controlledByServiceWorker(page);
  const [sw] = session.context.serviceWorkers();
  if (!sw) throw new Error('no service worker');
  worker = sw;
  // Record the badge calls the service worker makes (headless Chromium has no icon to badge).
  await worker.evaluate(() => {
    const calls: number[] = [];
    (self as unknown as { __badges: number[] }).__badges = calls;
    const proto = Object.getPrototypeOf(self.navigator) as object;
    const record = (n: number) => {
      calls.push(n);
      return Promise.resolve();
    };
    Object.defineProperty(proto, 'setAppBadge', { configurable: true, value: record });
    Object.defineProperty(proto, 'clearAppBadge', { configurable: true, value: () => record(0) });
  });
  cdp = await session.context.newCDPSession(page);
  const registered = new Promise<string>((resolve) =>
    cdp.on(
      'ServiceWorker.workerRegistrationUpdated',
      (e: { registrations: { registrationId: string; isDeleted: boolean }[] }) => {
        const live = e.registrations.find((r) => !r.isDeleted);
        if (live) resolve(live.registrationId);
      },
    ),
  );
  await cdp.send('ServiceWorker.enable');
  registrationId = await registered;
});

afterAll(async () => {
  await session?.close();
});

describe('daily reminder', () => {
  it('notifies from the service worker with the count and the time, sets the badge, and a tap opens the study screen', async () => {
    const decks = new DecksPage(page);
    await decks.heading().waitFor();
    const today = await decks.counts();
    const waiting = today.newCount + today.learning + today.due;
    expect(waiting).toBe(20);

    await goToHash(page, '#/settings');
    const reminder = new ReminderSettings(page);
    // 04:00 is when the study day starts, so the reminder time has always come.
    await reminder.time().fill('04:00');
    await reminder.toggle().check();
    await expect.poll(() => reminder.status().innerText()).toMatch(/^On: once a day from 04:00/);
    expect(await reminder.problem().count()).toBe(0);
    expect(
      await page.evaluate(async () => {
        const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
          periodicSync: { getTags(): Promise<string[]> };
        };
        return reg.periodicSync.getTags();
      }),
    ).toEqual([TAG]);
    expect(await notifications()).toEqual([]);

    await periodicSync();
    // No answers yet: 10 seconds a card, 20 cards → about 3 minutes.
    await expect.poll(notifications).toEqual([{ title: `${waiting} cards waiting — about 3 minutes`, tag: TAG }]);
    expect(await badgeCalls()).toEqual([waiting]);
    await expect
      .poll(async () => (await readRow<{ value: number }>(page, 'settings', 'reminder-shown'))?.value)
      .toBeTypeOf('number');

    await tapNotification(worker);
    await page.waitForURL(/#\/study\/all$/);
    await page.getByRole('region', { name: 'Study All decks' }).waitFor();
    await new StudyPage(page).showAnswer().waitFor();
    expect(await notifications()).toEqual([]);

    // A second check the same day updates the badge but does not remind again.
    await periodicSync();
    await expect.poll(badgeCalls).toEqual([waiting, waiting]);
    expect(await notifications()).toEqual([]);
  });

  it('shows nothing when nothing is due, and clears the badge', async () => {
    await goToHash(page, '#/settings');
    await page.getByLabel('New cards per day', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // Forget the reminder shown in the first test, so only "nothing due" can hold this one back.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('recall-re');
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').delete('reminder-shown');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    const before = (await badgeCalls()).length;
    await periodicSync();
    await expect.poll(async () => (await badgeCalls()).slice(before)).toEqual([0]);
    expect(await notifications()).toEqual([]);
    expect(await readRow(page, 'settings', 'reminder-shown')).toBeUndefined();
  });

  it('turning it off unregisters the daily check', async () => {
    await goToHash(page, '#/settings');
    const reminder = new ReminderSettings(page);
    await reminder.toggle().uncheck();
    await expect.poll(() => reminder.status().innerText()).toMatch(/^Off\./);
    const tags = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
        periodicSync: { getTags(): Promise<string[]> };
      };
      return reg.periodicSync.getTags();
    });
    expect(tags).toEqual([]);
  });
});

describe('daily reminder where the browser cannot do it', () => {
  async function tryTurningOn(options: {
    grant?: string[];
    noPeriodicSync?: boolean;
  }): Promise<{ problem: string; on: boolean }> {
    const context = await session.browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
    try {
      if (options.grant) await context.grantPermissions(options.grant, { origin: session.server.url });
      const p = await context.newPage();
      if (options.noPeriodicSync) {
        await p.addInitScript(() => {
          delete (ServiceWorkerRegistration.prototype as unknown as { periodicSync?: unknown }).periodicSync;
        });
      }
      await p.goto(session.server.url);
      await new DecksPage(p).heading().waitFor();
      await p.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await goToHash(p, '#/settings');
      const reminder = new ReminderSettings(p);
      await reminder.toggle().click();
      await reminder.problem().waitFor();
      return { problem: await reminder.problem().innerText(), on: await reminder.toggle().isChecked() };
    } finally {
      await context.close();
    }
  }

  it('not installed (no background-sync permission): says to install the app, and stays off', async () => {
    const { problem, on } = await tryTurningOn({ grant: ['notifications'] });
    expect(problem).toContain('Install Recall RE');
    expect(on).toBe(false);
  });

  it('notifications refused: says where to allow them, and stays off', async () => {
    const { problem, on } = await tryTurningOn({});
    expect(problem).toContain('Notifications are blocked');
    expect(on).toBe(false);
  });

  it('no Periodic Background Sync (Safari, Firefox): says which browsers have it, and stays off', async () => {
    const { problem, on } = await tryTurningOn({ grant: ['notifications'], noPeriodicSync: true });
    expect(problem).toContain('only in Chromium-based browsers');
    expect(on).toBe(false);
  });
});
