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
    this.eventsConsumed = new Counter({
      name: 'jiancha_events_consumed_total',
      help: 'Messages consumed',
      registers,
    });
    this.duplicates = new Counter({
      name: 'jiancha_events_duplicate_total',
      help: 'Valid events already stored',
      registers,
    });
    this.deadLetters = new Counter({
      name: 'jiancha_dead_letters_total',
      help: 'Invalid messages dead-lettered',
      registers,
    });
    this.signalsRaised = new Counter({
      name: 'jiancha_signals_raised_total',
      help: 'Signals raised',
      registers,
    });
    this.signalsRetracted = new Counter({
      name: 'jiancha_signals_retracted_total',
      help: 'Signals retracted',
      registers,
    });
    this.storeFailures = new Counter({
      name: 'jiancha_store_failures_total',
      help: 'Batch writes that failed and were retried',
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'jiancha_batch_duration_seconds',
      help: 'Time from batch receipt to durable effects',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'jiancha_consumer_lag',
      help: 'Messages behind the end of each partition',
      labelNames: ['partition'],
      registers,
    });
    this.pendingDeadlines = new Gauge({
      name: 'jiancha_pending_deadlines',
      help: 'Timers held in memory',
      registers,
    });
    this.eventsPerSecond = new Gauge({
      name: 'jiancha_events_consumed_per_second',
      help: 'Messages consumed per second over the last sampling interval',
      registers,
    });
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
