// Preloaded into the real pipeline process (`node --require dist/bench/workers/pipeline-probe.js
// dist/apps/pipeline/src/main.js`), changing nothing it does. It watches the pipeline's kafkajs
// consumer (first fetch after the group join = start of consumption) and the pipeline's own metric
// `jiancha_events_consumed_total`, which the consumer increments after a batch is durable and its
// offsets are committed; it reports "start" and "done" (BENCH_EXPECT messages) on fd 3.
// With BENCH_CPU_PROFILE=<file> it records a V8 CPU profile (the profiler `--cpu-prof` uses, 1 ms
// sampling) of exactly that window and writes it there ("profile").
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Kafka } from 'kafkajs';
import { Counter } from 'prom-client';
import { ConsumptionClock } from './consumption';
import { report } from './report';

const profileFile = process.env.BENCH_CPU_PROFILE;
let session: Session | undefined;

function post(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const clock = new ConsumptionClock(Number(process.env.BENCH_EXPECT ?? Number.POSITIVE_INFINITY), {
  onStart: () => {
    if (!profileFile) return;
    session = new Session();
    session.connect();
    void post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 1000 }))
      .then(() => post('Profiler.start'));
  },
  onDone: () => {
    if (!profileFile) return;
    void post('Profiler.stop').then((result) => {
      writeFileSync(profileFile, JSON.stringify((result as { profile: unknown }).profile));
      session?.disconnect();
      report('profile', { file: profileFile });
    });
  },
});

// re-applied with the Kafka client as `this` below
// eslint-disable-next-line @typescript-eslint/unbound-method
const createConsumer = Kafka.prototype.consumer;
Kafka.prototype.consumer = function consumer(this: Kafka, ...args: Parameters<Kafka['consumer']>) {
  const created = createConsumer.apply(this, args);
  clock.watch(created);
  return created;
};

// prom-client binds `inc` in the constructor to this method of the prototype
const counter = Counter.prototype as unknown as { incWithoutExemplar: (...a: unknown[]) => unknown };
const increment = counter.incWithoutExemplar;
counter.incWithoutExemplar = function incWithoutExemplar(this: { name: string }, ...args: unknown[]) {
  const result = increment.apply(this, args);
  if (this.name === 'jiancha_events_consumed_total') {
    clock.committed(typeof args[0] === 'number' ? args[0] : typeof args[1] === 'number' ? args[1] : 1);
  }
  return result;
};
