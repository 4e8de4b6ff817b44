/**
 * Vitest setup for every test run: a test may read files only inside this repository, or inside a
 * temporary folder made during the run (mkdtemp). A fresh clone has nothing beside it, so a test that reads
 * a folder beside the checkout, or any other outside path, passes here and fails for every new user; this
 * makes it fail here too, with the path and the rule in the message.
 *
 * Only reads that the repository's own code asks for are checked (some frame of the call stack
 * lies in this repo outside node_modules): libraries reading their own files stay untouched.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const THIS_FILE = fileURLToPath(import.meta.url);
/** The repository, and each temporary folder made during this run (added as they are made). */
const ALLOWED = [REPO_ROOT];
// The installed packages are the repository's own, wherever a linked node_modules points.
try {
  ALLOWED.push(fs.realpathSync(resolve(REPO_ROOT, 'node_modules')));
} catch {
  // No node_modules yet: nothing to add.
}

export class OutsideReadError extends Error {
  constructor(readonly path: string) {
    super(
      `a test read ${path}, outside the repository (${REPO_ROOT}); ` +
        'copy what it needs under tests/fixtures/ and read it from there',
    );
    this.name = 'OutsideReadError';
  }
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + sep);
}

/** True when some caller on the stack is this repository's own code (not a dependency). */
function askedByRepoCode(): boolean {
  const stack = new Error().stack ?? '';
  for (const match of stack.matchAll(/(?:file:\/\/)?(\/[^\s():]+):\d+:\d+/g)) {
    const file = match[1] ?? '';
    if (file === THIS_FILE) continue;
    if (inside(file, REPO_ROOT) && !file.includes(`${sep}node_modules${sep}`)) return true;
  }
  return false;
}

function toPath(target: unknown): string | undefined {
  if (typeof target === 'string') return resolve(target);
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : undefined;
  if (Buffer.isBuffer(target)) return resolve(target.toString());
  return undefined; // a file descriptor: its path was checked when it was opened
}

export function checkRead(target: unknown): void {
  const path = toPath(target);
  if (path === undefined || ALLOWED.some((dir) => inside(path, dir))) return;
  if (askedByRepoCode()) throw new OutsideReadError(path);
}

type Fn = (...args: never[]) => unknown;

/** Wraps each named function so that it checks its path first; a promise API rejects instead of throwing. */
function guard<T extends object>(owner: T, names: readonly string[], async: boolean): void {
  for (const name of names) {
    const original = (owner as Record<string, Fn>)[name];
    if (typeof original !== 'function') continue;
    (owner as Record<string, Fn>)[name] = function guarded(this: unknown, ...args: never[]) {
      try {
        checkRead(args[0]);
      } catch (error) {
        if (async) return Promise.reject(error);
        throw error;
      }
      return original.apply(this, args);
    } as Fn;
  }
}

/** Records the folders mkdtemp makes: what a test wrote there, it may read back. */
function recordTempFolders(): void {
  const sync = fs.mkdtempSync;
  fs.mkdtempSync = ((...args: Parameters<typeof sync>) => {
    const dir = sync(...args);
    ALLOWED.push(resolve(String(dir)));
    return dir;
  }) as typeof sync;
  const promised = fs.promises.mkdtemp;
  fs.promises.mkdtemp = (async (...args: Parameters<typeof promised>) => {
    const dir = await promised(...args);
    ALLOWED.push(resolve(String(dir)));
    return dir;
  }) as typeof promised;
  const callback = fs.mkdtemp;
  fs.mkdtemp = ((prefix: string, ...rest: unknown[]) => {
    const done = rest.pop() as (error: Error | null, dir: string) => void;
    return (callback as (...a: unknown[]) => void)(prefix, ...rest, (error: Error | null, dir: string) => {
      if (!error) ALLOWED.push(resolve(dir));
      done(error, dir);
    });
  }) as typeof callback;
}

recordTempFolders();
guard(fs, ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readdirSync', 'readdir', 'opendirSync'], false);
guard(fs.promises, ['readFile', 'open', 'readdir', 'opendir'], true);
syncBuiltinESMExports();
