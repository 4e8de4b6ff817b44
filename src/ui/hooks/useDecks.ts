import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { QueueCounts } from '../../domain/queue/queue';
import type { DayClock } from '../../domain/scheduling/time';
import type { DeckRow } from '../../storage/db';
import { loadStudyConfig } from '../../storage/presets';
import { deckListCounts } from '../../storage/study';
import { useServices } from '../services';
import { activeDecks, liveCardCounts } from '../../storage/decks';

export interface DeckSummary {
  deck: DeckRow;
  counts: QueueCounts;
  cardCount: number;
}

export interface DeckListData {
  decks: DeckSummary[];
  all: QueueCounts;
}

/** Re-render once a minute so learning cards that come due show up in the counts. */
function useMinuteTick(now: () => number): number {
  const [tick, setTick] = useState(now);
  useEffect(() => {
    const id = window.setInterval(() => setTick(now()), 60_000);
    const onVisible = () => document.visibilityState === 'visible' && setTick(now());
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [now]);
  return tick;
}

export function useDeckList(): DeckListData | undefined {
  const { db, now, zone } = useServices();
  const tick = useMinuteTick(now);
  return useLiveQuery(async () => {
    const settings = await loadStudyConfig(db);
    const clock: DayClock = { zone, rolloverHour: settings.global.rolloverHour };
    const at = now();
    const decks = await activeDecks(db);
    const [counts, cardCounts] = await Promise.all([
      deckListCounts(
        db,
        decks.map((d) => d.id),
        settings,
        at,
        clock,
      ),
      liveCardCounts(
        db,
        decks.map((d) => d.id),
      ),
    ]);
    const empty = { newCount: 0, learningCount: 0, reviewCount: 0 };
    const summaries = decks.map((deck, i) => ({
      deck,
      counts: counts.byDeck.get(deck.id) ?? empty,
      cardCount: cardCounts[i] ?? 0,
    }));
    const all = counts.all;
    return { decks: summaries, all };
  }, [db, zone, tick]);
}
