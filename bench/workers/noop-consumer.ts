// The limit of benchmark 1: a kafkajs eachBatch consumer of the same topic, configured as the
// pipeline's consumer (fresh group, from the beginning, 2 MiB per partition, a fetch's batches
// gathered, offsets committed after them), that does nothing else. It reports "start" and
// "done" exactly as the pipeline probe does (ConsumptionClock).
import { consumeLikeThePipeline } from './consumption';

async function main(): Promise<void> {
  const { consumer, done } = await consumeLikeThePipeline({
    clientId: 'jiancha-bench-noop',
    expect: Number(process.env.BENCH_EXPECT),
    handle: () => Promise.resolve(),
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
