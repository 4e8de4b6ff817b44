/**
 * Saves that run one after another, in the order they were asked for, while the screen has
 * already moved on. When one fails, the saves queued behind it (asked for before the failure was
 * known) are dropped with `SkippedSave`: they were made on a screen that assumed the failed save
 * had landed. Saves asked for after the failure run again.
 */
export class SkippedSave extends Error {
  constructor() {
    super('not saved: an earlier save failed');
    this.name = 'SkippedSave';
  }
}

export class SaveChain {
  private tail: Promise<void> = Promise.resolve();
  private epoch = 0;

  /** Runs `save` after every save asked for before it has settled. */
  run<T>(save: () => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    const result = this.tail.then(async () => {
      if (epoch !== this.epoch) throw new SkippedSave();
      try {
        return await save();
      } catch (error) {
        if (epoch === this.epoch) this.epoch++;
        throw error;
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every save asked for so far has settled (whether it landed or not). */
  idle(): Promise<void> {
    return this.tail;
  }
}
