import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { Rating } from '../../src/domain/scheduling/scheduler';
import { applyBrowseAction } from '../../src/storage/browse-actions';
import type { AppDatabase } from '../../src/storage/db';
import {
  DAILY,
  dailySnapshot,
  KEEP,
  listSnapshots,
  readSnapshot,
  restoreSnapshot,
  type SnapshotMeta,
  snapshotStore,
  takeSnapshot,
  toPrune,
} from '../../src/storage/snapshots';
import { saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, freshDb, makeCtx, snapshot, utc } from './helpers';

const NOW = utc(2026, 3, 10, 12);
let db: AppDatabase;

beforeEach(async () => {
  db = freshDb('snap');
  await writeDecks(db, [basicDeck('d', 4)], 'user');
  await db.media.put({ id: 'a.png', mime: 'image/png', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) });
  await saveAnswer(db, { cardId: cardId('d-0', 0), rating: Rating.Good, now: NOW, durationMs: 900, shownReps: 0 }, makeCtx());
});
afterEach(async () => {
  snapshotStore(db).close();
  db.close();
});

describe('automatic backups', () => {
  it('a snapshot restores the collection exactly, table by table (media included)', async () => {
    const before = await snapshot(db);
    const meta = await takeSnapshot(db, NOW, 'before import');
    expect(meta).toMatchObject({ reason: 'before import', cards: 4, reviews: 1 });
    expect(meta.size).toBeGreaterThan(0);
    await applyBrowseAction(db, [cardId('d-1', 0), cardId('d-2', 0)], { kind: 'delete' });
    expect(await db.cards.count()).toBe(2);
    await restoreSnapshot(db, meta.id as number, NOW + 1000);
    expect(await snapshot(db)).toEqual(before);
    const media = await db.media.get('a.png');
    expect([...new Uint8Array(await (media as { blob: Blob }).blob.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('is compressed: smaller than the backup file it holds', async () => {
    await writeDecks(db, [basicDeck('big', 500)], 'user');
    const meta = await takeSnapshot(db, NOW, 'daily');
    const json = JSON.stringify(await readSnapshot(db, meta.id as number));
    expect(meta.size).toBeLessThan(json.length / 4);
  });

  it('a restore snapshots the current state first, so the restore can itself be undone', async () => {
    const old = await takeSnapshot(db, NOW, 'daily');
    await writeDecks(db, [basicDeck('later', 2)], 'user');
    const withLater = await snapshot(db);
    const before = await restoreSnapshot(db, old.id as number, NOW + 5000);
    expect(before.reason).toBe('before restore');
    expect((await listSnapshots(db))[0]).toEqual(before);
    expect(await db.decks.get('later')).toBeUndefined();
    await restoreSnapshot(db, before.id as number, NOW + 6000);
    expect(await snapshot(db)).toEqual(withLater);
  });

  it(`keeps only the newest ${KEEP}, newest first in the list`, async () => {
    for (let i = 0; i < KEEP + 3; i++) await takeSnapshot(db, NOW + i * 1000, `n${i}`);
    const list = await listSnapshots(db);
    expect(list.map((s) => s.reason)).toEqual(Array.from({ length: KEEP }, (_, i) => `n${KEEP + 2 - i}`));
    // Their data goes with them.
    expect(await snapshotStore(db).data.count()).toBe(KEEP);
  });

  it('a missing snapshot is a clear error and restores nothing', async () => {
    const before = await snapshot(db);
    await expect(restoreSnapshot(db, 999, NOW)).rejects.toThrow('snapshot 999 does not exist');
    expect(await snapshot(db)).toEqual(before);
  });

  it('the daily snapshot: one a day at most, none for an untouched collection', async () => {
    expect(await dailySnapshot(db, NOW)).toMatchObject({ reason: 'daily' });
    expect(await dailySnapshot(db, NOW + DAILY - 1)).toBeUndefined();
    expect(await dailySnapshot(db, NOW + DAILY)).toMatchObject({ reason: 'daily' });
    // A clock set back before the newest snapshot does not stop the next one forever.
    expect(await dailySnapshot(db, NOW - 10 * DAILY)).toMatchObject({ reason: 'daily' });
    const empty = freshDb('snap-empty');
    await writeDecks(empty, [basicDeck('b', 2)], 'builtin');
    expect(await dailySnapshot(empty, NOW)).toBeUndefined();
    snapshotStore(empty).close();
    empty.close();
  });
});

describe('toPrune', () => {
  const m = (id: number, at: number, size: number): SnapshotMeta => ({ id, at, size, reason: '', cards: 0, reviews: 0 });
  it('drops beyond the count, oldest first', () => {
    expect(toPrune([m(1, 1, 1), m(2, 2, 1), m(3, 3, 1)], 2, Number.POSITIVE_INFINITY)).toEqual([1]);
  });
  it('drops the oldest once the total passes the budget, but always keeps the newest', () => {
    expect(toPrune([m(1, 1, 10), m(2, 2, 10), m(3, 3, 10)], 5, 25)).toEqual([1]);
    expect(toPrune([m(1, 1, 10), m(2, 2, 100)], 5, 50)).toEqual([1]);
  });
});
