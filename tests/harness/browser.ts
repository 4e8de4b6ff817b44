/** Debian's Chromium driven by playwright-core (no browser download is possible here). */
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `fakeMedia` gives the browser a fake microphone (it plays a tone), for the spoken answers of a
 * mock interview: 'granted' also accepts the permission prompt (`--use-fake-ui-for-media-stream`);
 * 'prompt' leaves the prompt, which headless Chromium refuses, as a person saying no would
 * (a context granted the `microphone` permission still gets it).
 */
export async function launch(options: { fakeMedia?: 'granted' | 'prompt' } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(options.fakeMedia ? ['--use-fake-device-for-media-stream'] : []),
      ...(options.fakeMedia === 'granted' ? ['--use-fake-ui-for-media-stream'] : []),
    ],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false } as const;

export async function newContext(browser: Browser, size: typeof PHONE | typeof DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ ...size, serviceWorkers: 'allow' });
}
