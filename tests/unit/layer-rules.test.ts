/**
 * The layer rules in biome.json, proven: each wrong-way import (and each right-way one) is linted
 * as a file at that place in a copy of the tree, with the project's own Biome and configuration.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

/** Lints `source` as the file `path` of the tree; returns Biome's messages ('' when clean). */
function lintAt(path: string, source: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'recall-layers-'));
  copyFileSync(join(ROOT, 'biome.json'), join(dir, 'biome.json'));
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), source);
  const run = spawnSync(BIOME, ['lint', '--max-diagnostics=5', path], { cwd: dir, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

describe('layer rules (biome.json)', { timeout: 30_000 }, () => {
  it.each([
    [
      'src/storage/x.ts',
      "import { useState } from 'react';\nexport const x = useState;\n",
      'src/storage imports neither UI nor React',
    ],
    [
      'src/storage/x.ts',
      "import { href } from '../ui/route';\nexport const x = href;\n",
      'src/storage imports neither UI nor React',
    ],
    [
      'src/ui/screens/x.ts',
      "import { openDatabase } from '../../storage/db';\nexport const x = openDatabase;\n",
      'src/ui imports only types from the database module',
    ],
    [
      'src/resume/x.ts',
      "import { DAY } from '../domain/scheduling/time';\nexport const x = DAY;\n",
      'it imports nothing from the app',
    ],
    [
      'src/sw/x.ts',
      "import { href } from '../ui/route';\nexport const x = href;\n",
      'the service worker imports only domain, storage',
    ],
    ['src/ui/x.ts', 'export const x = process.env.HOME;\n', 'app code runs in browsers: no Node globals'],
    ['src/domain/x.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n", 'src/domain is pure'],
    ['src/domain/x.ts', 'export const x = Buffer.from([]);\n', 'app code runs in browsers: use Uint8Array'],
    ['src/ui/study/x.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'plain TypeScript'],
    ['src/ui/browse/x-session.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'plain TypeScript'],
  ])('refuses a wrong-way import or global in %s', (path, source, message) => {
    const { ok, output } = lintAt(path, source);
    expect(ok).toBe(false);
    expect(output).toContain(message);
  });

  it.each([
    ['src/ui/x.ts', "import type { AppDatabase } from '../storage/db';\nexport type X = AppDatabase;\n"],
    ['src/storage/x.ts', "import { DAY } from '../domain/scheduling/time';\nexport const x = DAY;\n"],
    ['src/sw/x.ts', "import { openDatabase } from '../storage/db';\nexport const x = openDatabase;\n"],
  ])('allows a right-way import in %s', (path, source) => {
    const result = lintAt(path, source);
    expect(result.output).not.toContain('noRestricted');
    expect(result.ok).toBe(true);
  });
});

describe('the settings table is reached through its typed keys', () => {
  /** Every .ts/.tsx file under `dir`, as [path, text]. */
  function sources(dir: string): [string, string][] {
    return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => [join(dir, f), readFileSync(join(ROOT, dir, f), 'utf8')]);
  }

  it('no UI file touches db.settings: it uses storage/settings-store.ts, where each key has its value type', () => {
    const ui = sources('src/ui');
    expect(ui.length).toBeGreaterThan(20);
    const offenders = ui.filter(([, text]) => /\.settings\s*\.\s*(get|put|add|update|delete|where|bulk\w*|toArray)\b/.test(text));
    expect(offenders.map(([path]) => path)).toEqual([]);
    // The check itself: it finds the old way of writing it.
    expect(/\.settings\s*\.\s*(get|put)\b/.test("await db.settings.get('ui')")).toBe(true);
  });
});
