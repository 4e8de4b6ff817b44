/** Reads and parses decks/*.md (Node only: used by scripts, the build and tests). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LintOptions } from '../src/domain/deck-format/lint';
import type { DeckSource } from '../src/domain/deck-format/model';
import { parseDeck } from '../src/domain/deck-format/parse';

/**
 * The lint options for decks/. Rubric kinds are switched on once every built-in explain note
 * has them (issue 17); the rule itself is tested in tests/unit/deck-lint.test.ts.
 */
export const BUILT_IN_LINT: LintOptions = { rubricKinds: false };

export const DECKS_DIR = join(import.meta.dirname, '..', 'decks');

export function loadDeckFiles(dir = DECKS_DIR): { file: string; deck: DeckSource }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const file = relative(join(import.meta.dirname, '..'), path);
      return { file, deck: parseDeck(readFileSync(path, 'utf8'), file) };
    });
}
