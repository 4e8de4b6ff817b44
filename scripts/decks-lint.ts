/** `npm run decks:lint`: parses every deck in decks/ and prints every content problem. */
import { BUILT_IN_LINT, loadDeckFiles } from './deck-files';
import { lintDecks } from '../src/domain/deck-format/lint';

const decks = loadDeckFiles();
const problems = lintDecks(decks, BUILT_IN_LINT);
for (const p of problems) console.error(`${p.file}:${p.line}: [${p.noteId}] ${p.problem}`);
const notes = decks.reduce((n, d) => n + d.deck.notes.length, 0);
console.log(`${decks.length} decks, ${notes} notes, ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
