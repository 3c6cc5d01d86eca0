// What the pipeline probe and the do-nothing consumer both report, measured the same way:
// "start" when the consumer starts consuming (its first fetch request after joining the group, so
// process start, connection and group join are not counted), "done" when the commit that completes
// the expected count is made (lag 0), each with the process's CPU time.
import type { Consumer } from 'kafkajs';
import { nowMs, report } from './report';

export class ConsumptionClock {
  private joined = false;
  private started = false;
  private finished = false;
  private consumed = 0;
  private batches = 0;

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
  }

  /** After a batch's offsets are committed. */
  committed(messages: number): void {
    this.consumed += messages;
    this.batches += 1;
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
