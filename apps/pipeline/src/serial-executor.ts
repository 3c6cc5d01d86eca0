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

  /**
   * Runs work that touches several partitions (the gathered batches of a fetch) in each one's
   * order: it is queued on all of them at once, starts when each has reached it, and holds them
   * all until it settles. Being queued everywhere in the same instant, two such pieces of work
   * stand in the same order on every partition, so neither can wait for the other.
   */
  runAll<T>(partitions: Iterable<number>, work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reached = [...new Set(partitions)].map(
      (partition) =>
        new Promise<void>((arrived) => {
          void this.run(partition, () => {
            arrived();
            return released;
          });
        }),
    );
    const result = Promise.all(reached).then(work);
    result.then(release, release);
    return result;
  }

  /** Resolves once every partition's work submitted so far has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.executors.values()].map((executor) => executor.run(() => Promise.resolve())));
  }
}
