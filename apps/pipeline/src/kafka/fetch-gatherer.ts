/**
 * Messages a gathered ingest takes at most before it stops taking more batches: well above a fetch
 * of live traffic (six partitions of ~250 events), below one partition's batch of a backlog (~4,000
 * events), where gathering gained nothing and cost ~8 % (larger transactions).
 */
export const GATHER_MAX_MESSAGES = 2_000;

/**
 * Gathers the partition batches of one Kafka fetch into one piece of work. kafkajs hands every
 * batch of a fetch to an `eachBatch` call of its own, all in the same turn of the event loop
 * (`partitionsConsumedConcurrently`), and fetches again only once all of them returned. Each call
 * submits its messages here and waits: the first submission of a turn schedules the work for the
 * next turn (`setImmediate`), so every batch of the fetch is in it; submissions made while the work
 * runs go into the next one. A piece of work takes submissions, in order, while it holds fewer
 * than `maxItems` items (at least one submission), so large batches (a backlog) still go one at a
 * time and only small ones (live traffic) are gathered. Every submitter gets its piece's result,
 * or its error.
 */
export class FetchGatherer<T, R> {
  private pending: { items: readonly T[]; resolve: (result: R) => void; reject: (error: unknown) => void }[] =
    [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly work: (items: T[]) => Promise<R>,
    private readonly maxItems: number,
  ) {}

  submit(items: readonly T[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    let count = 0;
    let end = 0;
    while (end < this.pending.length && count < this.maxItems)
      count += this.pending[end++]?.items.length ?? 0;
    const taken = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    this.running = true;
    try {
      const result = await this.work(taken.flatMap((submission) => submission.items));
      for (const submission of taken) submission.resolve(result);
    } catch (error) {
      for (const submission of taken) submission.reject(error);
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.schedule();
    }
  }
}
