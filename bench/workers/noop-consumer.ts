// The limit of benchmark 1: a kafkajs eachBatch consumer of the same topic, configured as the
// pipeline's consumer (fresh group, from the beginning, 2 MiB per partition, one partition at a
// time, offsets committed after each batch), that does nothing else. It reports "start" and
// "done" exactly as the pipeline probe does (ConsumptionClock).
import { Kafka, logLevel } from 'kafkajs';
import { ConsumptionClock } from './consumption';

async function main(): Promise<void> {
  const topic = process.env.BENCH_TOPIC as string;
  const expect = Number(process.env.BENCH_EXPECT);
  const kafka = new Kafka({
    clientId: 'jiancha-bench-noop',
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
  const clock = new ConsumptionClock(expect, { onDone: () => resolveDone() });
  clock.watch(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 1,
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) return;
      const last = batch.lastOffset();
      payload.resolveOffset(last);
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
      clock.committed(batch.messages.length);
      await payload.heartbeat();
    },
  });
  await done;
  await consumer.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `noop consumer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
