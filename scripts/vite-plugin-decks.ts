/**
 * Vite plugin: parses decks/*.md at build time into the virtual module
 * `virtual:builtin-decks` (the rendered bundle, loaded lazily by the app on first run or after
 * an update) and `virtual:builtin-decks-version` (its hash, tiny, in the main bundle).
 * A deck that does not parse fails the build with "decks/x.md:42: problem".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { type DeckBundle, makeBundle } from '../src/domain/deck-format/bundle';
import { DECKS_DIR, loadDeckFiles } from './deck-files';

const DATA_ID = 'virtual:builtin-decks';
const VERSION_ID = 'virtual:builtin-decks-version';

export function builtinDecks(dir = DECKS_DIR): Plugin {
  let cached: DeckBundle | undefined;
  const bundle = (): DeckBundle => {
    cached ??= makeBundle(loadDeckFiles(dir).map((d) => d.deck));
    return cached;
  };
  return {
    name: 'builtin-decks',
    resolveId(id) {
      if (id === DATA_ID || id === VERSION_ID) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id !== `\0${DATA_ID}` && id !== `\0${VERSION_ID}`) return undefined;
      for (const name of readdirSync(dir)) if (name.endsWith('.md')) this.addWatchFile(join(dir, name));
      const data = bundle();
      if (id === `\0${VERSION_ID}`) return `export default ${JSON.stringify(data.version)};`;
      // JSON.parse of a string literal is faster to start than an object literal this size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
    watchChange(id) {
      if (id.startsWith(dir)) cached = undefined;
    },
  };
}
