/**
 * Tabs (and the installed window) of the app on one device share one database but each keeps its
 * own study queue in memory. When a tab changes a card (an answer saved, an undo, a card action),
 * it says so here once the change is committed; a study session elsewhere that holds that card
 * reads its queue again, so the card leaves its screen and its counts match.
 */
const CHANNEL = 'recall-re-cards';
/** This page's id: a page hears its own messages through its other channel objects. */
const SELF = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

let sender: BroadcastChannel | undefined;

export function announceCardChange(cardId: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  sender ??= new BroadcastChannel(CHANNEL);
  sender.postMessage({ from: SELF, cardId });
}

/** Calls `changed` with the id of each card another page changed; returns the unsubscribe. */
export function onCardChangedElsewhere(changed: (cardId: string) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<{ from?: string; cardId?: unknown }>) => {
    if (event.data?.from !== SELF && typeof event.data?.cardId === 'string') changed(event.data.cardId);
  };
  return () => channel.close();
}
