/**
 * The installed app's icon badge shows how many cards are waiting today, set by the page and by
 * the service worker's daily check (so it is one module for both). Browsers without the Badging
 * API (or a page that is not installed) simply skip it.
 */
interface BadgeNavigator {
  setAppBadge?: (n?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
}

export function showDueBadge(count: number): void {
  const nav = (globalThis as { navigator?: BadgeNavigator }).navigator;
  try {
    if (count > 0) void nav?.setAppBadge?.(count)?.catch(() => undefined);
    else void nav?.clearAppBadge?.()?.catch(() => undefined);
  } catch {
    // Not allowed here (e.g. not installed): nothing to show.
  }
}
