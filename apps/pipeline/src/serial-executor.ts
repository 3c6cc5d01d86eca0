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

/**
 * One `SerialExecutor` per Kafka partition: a partition's batches and timer sweeps run one at a
 * time, in order, while different partitions' overlap (Node folds one while PostgreSQL writes
 * another). A case lives in one partition, so its folds never overlap.
 */
export class PartitionExecutors {
  private readonly executors = new Map<number, SerialExecutor>();

  run<T>(partition: number, work: () => Promise<T>): Promise<T> {
    let executor = this.executors.get(partition);
    if (!executor) {
      executor = new SerialExecutor();
      this.executors.set(partition, executor);
    }
    return executor.run(work);
  }

  /** Resolves once every partition's work submitted so far has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.executors.values()].map((executor) => executor.run(() => Promise.resolve())));
  }
}
