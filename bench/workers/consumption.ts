// What the pipeline probe and the do-nothing consumer both report, measured the same way:
// "start" when the consumer starts consuming (its first fetch request after joining the group, so
// process start, connection and group join are not counted), "done" when the commit that completes
// the expected count is made (lag 0), each with the process's CPU time. With BENCH_LIVE=1 (a topic
// fed while it is consumed, bench/lib/feeder.ts) also "progress" after every commit (the count so
// far, which lets the feeder release more) and "batch" for every batch (partition, first and last
// offset, for the batches' composition).
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { FetchGatherer, GATHER_MAX_MESSAGES } from '../../apps/pipeline/src/kafka/fetch-gatherer';
import { nowMs, report } from './report';

export class ConsumptionClock {
  private joined = false;
  private started = false;
  private finished = false;
  private consumed = 0;
  private batches = 0;
  private readonly live = process.env.BENCH_LIVE === '1';

  constructor(
    private readonly expect: number,
    private readonly hooks: { onStart?: () => void; onDone?: () => void } = {},
  ) {}

  watch(consumer: Consumer): void {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    consumer.on(consumer.events.FETCH_START, () => {
      if (!this.joined || this.started) return;
      this.started = true;
      report('start', { at: nowMs(), cpu: process.cpuUsage() });
      this.hooks.onStart?.();
    });
    if (this.live)
      consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => {
        report('batch', {
          partition: payload.partition,
          first: payload.firstOffset,
          last: payload.lastOffset,
        });
      });
  }

  /** After a batch's offsets are committed. */
  committed(messages: number): void {
    this.consumed += messages;
    this.batches += 1;
    if (this.live) report('progress', { consumed: this.consumed });
    if (this.finished || this.consumed < this.expect) return;
    this.finished = true;
    report('done', {
      at: nowMs(),
      consumed: this.consumed,
      batches: this.batches,
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
    });
    this.hooks.onDone?.();
  }
}

/**
 * A consumer of BENCH_TOPIC with the pipeline's consumer settings (fresh group BENCH_GROUP, from the
 * beginning, 2 MiB per partition, the batches of the BENCH_PARTITIONS partitions of one fetch
 * gathered into one `handle` as the pipeline's `FetchGatherer` does, offsets committed by hand
 * after it), its clock, and a promise that resolves when the expected count is committed. `handle`
 * does a fetch's work before its offsets are committed.
 */
export async function consumeLikeThePipeline(options: {
  clientId: string;
  expect: number;
  handle: (messages: KafkaMessage[]) => Promise<void>;
}): Promise<{ consumer: Consumer; done: Promise<void> }> {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 300, retries: 8 },
  });
  const consumer = kafka.consumer({
    groupId: process.env.BENCH_GROUP as string,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxBytesPerPartition: 2 * 1024 * 1024,
  });
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const clock = new ConsumptionClock(options.expect, { onDone: () => resolveDone() });
  const gatherer = new FetchGatherer<KafkaMessage, void>(options.handle, GATHER_MAX_MESSAGES);
  clock.watch(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: process.env.BENCH_TOPIC as string, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: Number(process.env.BENCH_PARTITIONS ?? 6),
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) return;
      await gatherer.submit(batch.messages);
      const last = batch.lastOffset();
      payload.resolveOffset(last);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
      clock.committed(batch.messages.length);
      await payload.heartbeat();
    },
  });
  return { consumer, done };
}
