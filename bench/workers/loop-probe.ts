// Preloaded into a measured process (`node --require dist/bench/workers/loop-probe.js …`), changing
// nothing it does. Control lines on stdin, answers on fd 3:
//   loop-reset / loop-report <id>      event-loop delay (monitorEventLoopDelay, 1 ms) since the reset
//   profile-start / profile-stop <f>   a V8 CPU profile (the profiler `--cpu-prof` uses, 1 ms
//                                      sampling) of the time in between, written to file f
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { report } from './report';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const session = new Session();
const post = (method: string, params: Record<string, unknown> = {}) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, argument] = line.trim().split(' ');
  if (command === 'loop-reset') histogram.reset();
  if (command === 'loop-report')
    report(`loop-${argument}`, {
      p50Ms: histogram.percentile(50) / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
    });
  if (command === 'profile-start') {
    session.connect();
    void post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 1000 }))
      .then(() => post('Profiler.start'))
      .then(() => report('profile-started'));
  }
  if (command === 'profile-stop' && argument) {
    void post('Profiler.stop').then((result) => {
      writeFileSync(argument, JSON.stringify((result as { profile: unknown }).profile));
      session.disconnect();
      report('profile', { file: argument });
    });
  }
});
// the probe must not keep a process alive that would otherwise exit
process.stdin.unref();
