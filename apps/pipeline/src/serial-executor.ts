/**
 * Runs async work one at a time in submission order. Batches and timer sweeps of one process both
 * re-fold cases; serialising them keeps a case's projection from being overwritten by a stale fold.
 */
export class SerialExecutor {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
