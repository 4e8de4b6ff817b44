/**
 * One browser, one local server and one page with the app's deck list on screen: the setup most
 * browser tests share. `close()` tears all three down (safe to call after a partial start).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page, Worker } from 'playwright-core';
import { launch, newContext, PHONE } from '../harness/browser';
import { DecksPage } from './pages/app';
import { startServer, type StaticServer } from '../harness/server';

export interface AppSession {
  browser: Browser;
  server: StaticServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openApp(
  options: { context?: BrowserContextOptions; beforeGoto?: (page: Page) => Promise<void>; fakeMedia?: 'granted' | 'prompt' } = {},
): Promise<AppSession> {
  const browser = await launch(options.fakeMedia ? { fakeMedia: options.fakeMedia } : {});
  const server = await startServer();
  const context = options.context
    ? await browser.newContext({ ...PHONE, serviceWorkers: 'allow', ...options.context })
    : await newContext(browser, PHONE);
  const page = await context.newPage();
  await options.beforeGoto?.(page);
  await page.goto(server.url);
  await new DecksPage(page).heading().waitFor();
  return {
    browser,
    server,
    context,
    page,
    close: async () => {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Moves the app to a route without reloading the page. */
export async function goToHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/**
 * A tap on the service worker's first notification: the event Chromium sends, dispatched in the
 * worker; resolves once the worker's handler has finished.
 */
export async function tapNotification(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const sw = self as unknown as ServiceWorkerGlobalScope;
    const [notification] = await sw.registration.getNotifications();
    if (!notification) throw new Error('no notification to tap');
    let handled: Promise<unknown> = Promise.resolve();
    const event = new NotificationEvent('notificationclick', { notification });
    // A script-made event cannot extend its own lifetime; keep the handler's promise instead.
    Object.defineProperty(event, 'waitUntil', { value: (p: Promise<unknown>) => (handled = p) });
    sw.dispatchEvent(event);
    await handled;
  });
}
