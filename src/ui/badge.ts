/**
 * The installed app's icon badge shows how many cards are waiting today. Browsers without the
 * Badging API (or a page that is not installed) simply skip it.
 */
export function showDueBadge(count: number): void {
  const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  try {
    if (count > 0) void nav.setAppBadge?.(count)?.catch(() => undefined);
    else void nav.clearAppBadge?.()?.catch(() => undefined);
  } catch {
    // Not allowed here (e.g. not installed): nothing to show.
  }
}
