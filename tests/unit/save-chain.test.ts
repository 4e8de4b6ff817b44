import { describe, expect, it } from 'vitest';
import { SaveChain, SkippedSave } from '../../src/ui/save-chain';

/** A save that finishes when told to, recording when it started. */
function deferred(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const save = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
      fail = (e) => {
        log.push(`fail ${name}`);
        reject(e);
      };
    });
  };
  return { save, finish: () => finish(), fail: (e: Error) => fail(e) };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('SaveChain', () => {
  it('runs saves one after another, in the order asked, each getting its own result', async () => {
    const chain = new SaveChain();
    const log: string[] = [];
    const a = deferred(log, 'a');
    const b = deferred(log, 'b');
    const ra = chain.run(a.save);
    const rb = chain.run(b.save);
    await tick();
    expect(log).toEqual(['start a']);
    a.finish();
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.finish();
    expect(await ra).toBe('a');
    expect(await rb).toBe('b');
  });

  it('idle() waits for every save asked for so far, failed ones included', async () => {
    const chain = new SaveChain();
    const log: string[] = [];
    const a = deferred(log, 'a');
    const ra = chain.run(a.save).catch((e: Error) => e.message);
    let idle = false;
    void chain.idle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    a.fail(new Error('disk full'));
    expect(await ra).toBe('disk full');
    await tick();
    expect(idle).toBe(true);
  });

  it('drops the saves queued behind a failed one, and runs the ones asked for after it', async () => {
    const chain = new SaveChain();
    const log: string[] = [];
    const a = deferred(log, 'a');
    const b = deferred(log, 'b');
    const ra = chain.run(a.save);
    const rb = chain.run(b.save);
    await tick();
    a.fail(new Error('disk full'));
    await expect(ra).rejects.toThrow('disk full');
    await expect(rb).rejects.toBeInstanceOf(SkippedSave);
    expect(log).toEqual(['start a', 'fail a']);
    const c = deferred(log, 'c');
    const rc = chain.run(c.save);
    await tick();
    c.finish();
    expect(await rc).toBe('c');
    expect(log).toEqual(['start a', 'fail a', 'start c', 'end c']);
  });

  it('a save that throws before returning a promise counts as failed', async () => {
    const chain = new SaveChain();
    const bad = chain.run(() => {
      throw new Error('sync');
    });
    const later = chain.run(async () => 'never');
    await expect(bad).rejects.toThrow('sync');
    await expect(later).rejects.toBeInstanceOf(SkippedSave);
  });
});
