import { MetricsRegistry } from '@app/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The pipeline's Prometheus metrics (`/metrics`). Events per second is `rate(jiancha_events_consumed_total)`. */
export class PipelineMetrics {
  readonly eventsConsumed: Counter;
  readonly duplicates: Counter;
  readonly deadLetters: Counter;
  readonly signalsRaised: Counter;
  readonly signalsRetracted: Counter;
  readonly batchDuration: Histogram;
  readonly storeFailures: Counter;
  readonly consumerLag: Gauge;
  readonly pendingDeadlines: Gauge;
  readonly eventsPerSecond: Gauge;
  private lastSample = { at: 0, consumed: 0 };

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.eventsConsumed = metrics.counter('jiancha_events_consumed_total', 'Messages consumed');
    this.duplicates = metrics.counter('jiancha_events_duplicate_total', 'Valid events already stored');
    this.deadLetters = metrics.counter('jiancha_dead_letters_total', 'Invalid messages dead-lettered');
    this.signalsRaised = metrics.counter('jiancha_signals_raised_total', 'Signals raised');
    this.signalsRetracted = metrics.counter('jiancha_signals_retracted_total', 'Signals retracted');
    this.storeFailures = metrics.counter(
      'jiancha_store_failures_total',
      'Batch writes that failed and were retried',
    );
    this.batchDuration = new Histogram({
      name: 'jiancha_batch_duration_seconds',
      help: 'Time from batch receipt to durable effects',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = metrics.gauge('jiancha_consumer_lag', 'Messages behind the end of each partition', [
      'partition',
    ]);
    this.pendingDeadlines = metrics.gauge('jiancha_pending_deadlines', 'Timers held in memory');
    this.eventsPerSecond = metrics.gauge(
      'jiancha_events_consumed_per_second',
      'Messages consumed per second over the last sampling interval',
    );
  }

  /** Updates the per-second gauge from the counter (called by the periodic sampler). */
  async sampleRate(nowMs: number): Promise<void> {
    const consumed = (await this.eventsConsumed.get()).values[0]?.value ?? 0;
    if (this.lastSample.at > 0 && nowMs > this.lastSample.at) {
      this.eventsPerSecond.set(((consumed - this.lastSample.consumed) * 1000) / (nowMs - this.lastSample.at));
    }
    this.lastSample = { at: nowMs, consumed };
  }
}
