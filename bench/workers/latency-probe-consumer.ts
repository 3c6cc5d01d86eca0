// The limit of the latency benchmark: a do-nothing kafkajs consumer of a topic of its own, fed at
// the same rate, measuring receipt − the producer's timestamp of each message (1 ms histogram per
// burst, the burst named by the message header "burst"). Reports "ready" once it fetches, and
// "latency-<id>" on the stdin line "report <id>".
//   latency-probe-consumer.js <topic> <group>
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { LatencyHistogram } from './latency-histogram';
import { ConsumptionClock } from './consumption';
import { nowMs, report } from './report';

async function main(): Promise<void> {
  const [topic, groupId] = process.argv.slice(2) as [string, string];
  const kafka = new Kafka({
    clientId: 'jiancha-bench-probe',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  const histograms = new Map<string, LatencyHistogram>();
  new ConsumptionClock(Number.POSITIVE_INFINITY, { onStart: () => report('ready') }).watch(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const received = nowMs();
      const burst = message.headers?.burst?.toString() ?? 'none';
      let histogram = histograms.get(burst);
      if (!histogram) histograms.set(burst, (histogram = new LatencyHistogram()));
      histogram.add(received - Number(message.timestamp));
      return Promise.resolve();
    },
  });
  // leave the group on SIGTERM, so the benchmark can delete it afterwards
  process.once('SIGTERM', () => {
    void consumer.disconnect().finally(() => process.exit(0));
  });
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, id] = line.trim().split(' ');
    if (command !== 'report' || id === undefined) return;
    const histogram = histograms.get(id) ?? new LatencyHistogram();
    report(`latency-${id}`, { deliveries: histogram.count, histogram: histogram.toJSON() });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `latency probe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
