// Live feeding for benchmark 1: a topic whose events become readable while it is consumed, never
// more than `window` events ahead of the consumer's committed offsets, so every batch the consumer
// fetches is made of what arrived within the last ~`window` events (as when a pipeline keeps up
// with live producers), not of a backlog. The events are all produced before the consumer starts,
// in chunks of window/4, each in a Kafka transaction of its own (one transactional producer per
// chunk) left open; the consumers read committed data only (kafkajs' default, the pipeline's
// too), so the topic's last stable offset holds them back, and the feeder commits the chunks in
// order as the consumer's commits ("progress" on fd 3) make room. So the producing is not done on
// the measured cores while the clock runs: what remains is a transaction commit per chunk.
import { createRequire } from 'node:module';
import { Kafka, logLevel, Partitioners, type Producer, type Transaction } from 'kafkajs';
import type { LiveMessage } from '../live-traffic';
import type { Report } from './child';
import type { BenchTopic } from './infra';
import { percentile } from './stats';

/**
 * kafkajs 2.2.4 re-arms a 1 ms timer on every connection forever once it is idle
 * (`RequestQueue.scheduleCheckPendingRequests`, tulios/kafkajs#1556, fix proposed in #1667): with
 * the feeder's hundreds of connections that alone would take a good part of a core from the
 * measured processes. In this process (the orchestrator) only, a check is scheduled only when a
 * request waits or the connection is throttled, as in the proposed fix.
 */
function quietIdleKafkaConnections(): void {
  interface Queue {
    pending: unknown[];
    throttledUntil: number;
    scheduleCheckPendingRequests(): void;
  }
  const { prototype } = createRequire(__filename)('kafkajs/src/network/requestQueue') as {
    prototype: Queue & { quieted?: boolean };
  };
  if (prototype.quieted) return;
  prototype.quieted = true;
  // re-applied with the queue as `this` below
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: Queue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
}
quietIdleKafkaConnections();

export interface Placement {
  offsets: number[];
  keys: string[];
}

interface Chunk {
  producer: Producer;
  transaction: Transaction;
  /** Events up to the end of this chunk. */
  end: number;
}

export class LagFeeder {
  private readonly chunks: Chunk[] = [];
  /** Chunks committed (or being committed, in order). */
  private released = 0;
  private consumed = 0;
  private readonly commits = new Set<Promise<void>>();
  private failure: Error | undefined;
  private readonly chunkSize: number;
  /** Where each event went: per partition, offsets (ascending once sorted) and keys. */
  readonly placed = new Map<number, Placement>();

  constructor(
    private readonly topic: BenchTopic,
    private readonly messages: readonly LiveMessage[],
    readonly window: number,
  ) {
    this.chunkSize = Math.max(1, Math.ceil(window / 4));
  }

  /** Events readable now (committed or being committed). */
  private get visible(): number {
    return this.released === 0 ? 0 : (this.chunks[this.released - 1] as Chunk).end;
  }

  /**
   * Produces every chunk in an open transaction of its own, then commits the first `window`
   * events; the consumer starts after.
   */
  async prefill(brokers: string): Promise<void> {
    const kafka = new Kafka({
      clientId: 'jiancha-bench-feeder',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      // no 100 ms request-timeout timer on each of the hundreds of connections: idle, they would
      // cost the measured cores ~15 % of one (the runs have time limits of their own)
      enforceRequestTimeout: false,
    });
    const starts: number[] = [];
    for (let at = 0; at < this.messages.length; at += this.chunkSize) starts.push(at);
    // the producers and their transactions, a few at a time (a connection and a few requests each)
    const opened: { producer: Producer; transaction?: Transaction }[] = [];
    let next = 0;
    const connect = async () => {
      while (next < starts.length) {
        const index = next;
        next += 1;
        const producer = kafka.producer({
          transactionalId: `${this.topic.name}.feeder.${index}`,
          idempotent: true,
          maxInFlightRequests: 1,
          // the broker's default transaction.max.timeout.ms: a run may take minutes
          transactionTimeout: 900_000,
          createPartitioner: Partitioners.DefaultPartitioner,
          allowAutoTopicCreation: false,
        });
        opened[index] = { producer };
        await producer.connect();
        (opened[index] as { transaction?: Transaction }).transaction = await producer.transaction();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(16, starts.length) }, connect));
      // the chunks one after the other, so that each partition holds them in stream order
      for (const [index, at] of starts.entries()) {
        const { producer, transaction } = opened[index] as { producer: Producer; transaction: Transaction };
        const messages = this.messages.slice(at, at + this.chunkSize);
        const written = await transaction.send({ topic: this.topic.name, acks: -1, messages });
        // one record batch a partition: its messages, in chunk order, from the base offset on
        // (offsets are not counts: every committed transaction leaves a marker in its partitions)
        for (const batch of written) {
          const placed = this.placed.get(batch.partition) ?? { offsets: [], keys: [] };
          this.placed.set(batch.partition, placed);
          let offset = Number(batch.baseOffset ?? batch.offset);
          for (const message of messages)
            if (message.partition === batch.partition) {
              placed.offsets.push(offset);
              placed.keys.push(message.key);
              offset += 1;
            }
        }
        this.chunks.push({ producer, transaction, end: at + messages.length });
      }
    } catch (error) {
      await Promise.all(opened.map((o) => o?.producer.disconnect().catch(() => undefined)));
      this.chunks.length = 0;
      throw error;
    }
    this.pump();
    await this.flush();
  }

  /** For BenchChild: the consumer's commit reports. */
  onReport = (report: Report): void => {
    if (report.kind !== 'progress') return;
    this.consumed = Math.max(this.consumed, report.consumed as number);
    this.pump();
  };

  /**
   * Commits the next chunks while they keep the window. The commits run at the same time (each
   * chunk is a producer of its own); the last stable offset passes a chunk once it and every
   * earlier one are committed.
   */
  private pump(): void {
    while (this.released < this.chunks.length && this.failure === undefined) {
      const chunk = this.chunks[this.released] as Chunk;
      if (chunk.end - this.consumed > this.window) return;
      this.released += 1;
      const committing = chunk.transaction.commit().then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(`feeder: ${JSON.stringify(error)}`);
        },
      );
      this.commits.add(committing);
      void committing.finally(() => this.commits.delete(committing));
    }
  }

  /** Waits for the commits in flight; fails if one failed. */
  async flush(): Promise<void> {
    await Promise.all([...this.commits]);
    if (this.failure !== undefined) throw this.failure;
    this.topic.produced = this.visible;
  }

  /** Disconnects the producers (aborting what was not committed, if the run failed). */
  async dispose(): Promise<void> {
    await Promise.all([...this.commits]);
    await Promise.all(
      this.chunks.map(async (chunk, index) => {
        if (index >= this.released) await chunk.transaction.abort().catch(() => undefined);
        await chunk.producer.disconnect().catch(() => undefined);
      }),
    );
  }
}

export interface BatchComposition {
  batches: number;
  /** Messages per batch. */
  meanSize: number;
  /** Events of one case in one batch, over every (case, batch) pair. */
  perCaseMean: number;
  perCaseP99: number;
  perCaseMax: number;
  /** Share of (case, batch) pairs with more than two events of the case. */
  moreThanTwo: number;
}

/**
 * What the consumer's batches held, from its "batch" reports (partition, first and last offset)
 * and where the feeder's events went.
 */
export function batchComposition(
  placed: ReadonlyMap<number, Placement>,
  reports: Report[],
): BatchComposition {
  const firstAtOrAfter = (offsets: number[], offset: number) => {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((offsets[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const counts: number[] = [];
  let size = 0;
  for (const r of reports) {
    const { offsets, keys } = placed.get(r.partition as number) ?? { offsets: [], keys: [] };
    const last = Number(r.last);
    const perCase = new Map<string, number>();
    for (
      let i = firstAtOrAfter(offsets, Number(r.first));
      i < offsets.length && (offsets[i] as number) <= last;
      i += 1
    ) {
      const key = keys[i] as string;
      perCase.set(key, (perCase.get(key) ?? 0) + 1);
      size += 1;
    }
    for (const count of perCase.values()) counts.push(count);
  }
  return {
    batches: reports.length,
    meanSize: size / Math.max(1, reports.length),
    perCaseMean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length),
    perCaseP99: percentile(counts, 99),
    perCaseMax: counts.reduce((a, b) => Math.max(a, b), 0),
    moreThanTwo: counts.filter((c) => c > 2).length / Math.max(1, counts.length),
  };
}
