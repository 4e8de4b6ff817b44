import { it } from 'vitest';
import { buildPackage, type PackageSpec } from './anki-builder';
import { read } from './helpers';
it('big apkg', async () => {
  const n = 30000;
  const spec: PackageSpec = {
    layout: 'anki21b', crt: 1700000000,
    notetypes: [{ id: 1, name: 'Basic', fields: ['Front', 'Back'], templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{FrontSide}}<hr id=answer>{{Back}}' }, { name: 'Card 2', q: '{{Back}}', a: '{{FrontSide}}<hr id=answer>{{Front}}' }] }],
    decks: [{ id: 1, name: 'Default' }],
    notes: Array.from({ length: n }, (_, k) => ({ id: k + 1, guid: `g${k}`, mid: 1, fields: [`front ${k}`, `back ${k}`] })),
    cards: Array.from({ length: 2 * n }, (_, k) => ({ id: k + 1, nid: (k >> 1) + 1, did: 1, ord: k & 1, type: 2, queue: 2, due: 100, ivl: 10, factor: 2500, reps: 3, data: '{"s":10,"d":5}' })),
    revlog: Array.from({ length: 2 * n }, (_, k) => ({ id: 1700000000000 + k * 1000, cid: k + 1, ease: 3, ivl: 10, time: 5000, type: 1 })),
  };
  const pkg = await buildPackage(spec);
  const t = Date.now();
  const r = await read('big.apkg', pkg);
  process.stdout.write(`READ ${Date.now() - t} ${r.decks[0]?.notes.length} ${r.scheduling.length} ${r.reviews.length}\n`);
}, 300000);
