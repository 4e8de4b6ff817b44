/** The guard installed for every test (tests/setup/repo-only-reads.ts): reads outside the repo fail. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../setup/repo-only-reads';

const beside = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'anki', 'update1.apkg');

describe('fresh clone: a test may not read outside the repository', () => {
  it('refuses a synchronous read beside the checkout, naming the path', () => {
    expect(() => readFileSync(beside)).toThrow(`a test read ${beside}, outside the repository`);
  });

  it('refuses a promise read and a system file', async () => {
    await expect(readFile(beside)).rejects.toThrow(/outside the repository/);
    expect(() => readFileSync('/etc/hostname', 'utf8')).toThrow(/\/etc\/hostname, outside the repository/);
  });

  it('allows the repository itself and a temporary folder the test made', () => {
    expect(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).toContain('"name": "recall-re"');
    const dir = mkdtempSync(join(tmpdir(), 'recall-guard-'));
    writeFileSync(join(dir, 'x.txt'), 'ok');
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('ok');
  });

  it('refuses the temp folder itself when the test did not make the file there', () => {
    const other = join(tmpdir(), `recall-guard-other-${process.pid}.txt`);
    writeFileSync(other, 'x');
    expect(() => readFileSync(other)).toThrow(/outside the repository/);
  });
});
