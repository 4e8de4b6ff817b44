/** The worker's message handler and the page-side client, with a fake Worker. */
import { describe, expect, it } from 'vitest';
import { ImportCancelledError, runImportInWorker, type WorkerLike } from '../../src/import/client';
import { ImportError } from '../../src/import/model';
import { handleImportRequest, type ImportRequest, type ImportResponse, transferables } from '../../src/import/worker-protocol';
import { ankiFixture, sql, utf8 } from './helpers';

/** Runs the real handler behind a Worker-shaped object, asynchronously like a real worker. */
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  terminated = false;
  transferred: Transferable[] = [];
  posted: ImportResponse[] = [];

  postMessage(message: ImportRequest, transfer: Transferable[]): void {
    this.transferred = transfer;
    setTimeout(() => {
      void handleImportRequest(message, sql, (response) => {
        this.posted.push(response);
        if (!this.terminated) this.onmessage?.({ data: response } as MessageEvent<ImportResponse>);
      });
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('worker handler', { timeout: 60_000 }, () => {
  it('posts progress and then the result, transferring media buffers', async () => {
    const posted: Array<[ImportResponse, ArrayBuffer[] | undefined]> = [];
    await handleImportRequest({ fileName: 'media.apkg', bytes: ankiFixture('media.apkg') }, sql, (m, t) => posted.push([m, t]));
    const last = posted.at(-1)!;
    expect(last[0].type).toBe('done');
    expect(posted.slice(0, -1).every(([m]) => m.type === 'progress')).toBe(true);
    expect(posted.length).toBeGreaterThan(1);
    if (last[0].type !== 'done') throw new Error('not done');
    const media = last[0].result.media[0]!;
    expect(last[1]).toEqual([media.data.buffer]);
    expect(transferables(last[0].result)).toHaveLength(1);
  });

  it('posts an error with where and problem', async () => {
    const posted: ImportResponse[] = [];
    await handleImportRequest({ fileName: 'x.csv', bytes: new Uint8Array(0) }, sql, (m) => posted.push(m));
    expect(posted.at(-1)).toEqual({
      type: 'error',
      message: 'x.csv: the file is empty',
      where: 'x.csv',
      problem: 'the file is empty',
    });
  });
});

describe('runImportInWorker', { timeout: 60_000 }, () => {
  it('transfers the bytes, relays progress and resolves with the result', async () => {
    const worker = new FakeWorker();
    const stages: string[] = [];
    const file = new File([ankiFixture('update1.apkg')], 'update1.apkg');
    const running = runImportInWorker(
      file,
      (_d, _t, stage) => stages.push(stage),
      () => worker,
    );
    const result = await running.promise;
    expect(result.decks[0]?.notes[0]?.cards[0]?.front).toBe('hello');
    expect(stages).toContain('detect');
    expect(worker.transferred).toHaveLength(1);
    expect(worker.terminated).toBe(true);
  });

  it('rejects with the ImportError the worker reported', async () => {
    const file = new File([utf8('a\tb\u0000')], 'bad.txt');
    const running = runImportInWorker(file, undefined, () => new FakeWorker());
    await expect(running.promise).rejects.toBeInstanceOf(ImportError);
    await expect(running.promise).rejects.toThrow(/^bad\.txt: holds a NUL character/);
  });

  it('cancel stops the worker and rejects with an AbortError', async () => {
    const worker = new FakeWorker();
    const file = new File([ankiFixture('update1.apkg')], 'update1.apkg');
    const running = runImportInWorker(file, undefined, () => worker);
    running.cancel();
    await expect(running.promise).rejects.toBeInstanceOf(ImportCancelledError);
    await expect(running.promise).rejects.toMatchObject({ name: 'AbortError' });
    running.cancel();
  });

  it('a worker that fails to start rejects the promise', async () => {
    const worker = new FakeWorker();
    worker.postMessage = () => {
      setTimeout(() => worker.onerror?.({ message: 'script failed to load' } as ErrorEvent), 0);
    };
    const running = runImportInWorker(new File([utf8('a,b')], 'a.csv'), undefined, () => worker);
    await expect(running.promise).rejects.toThrow('a.csv: the import worker failed (script failed to load)');
    expect(worker.terminated).toBe(true);
  });
});
