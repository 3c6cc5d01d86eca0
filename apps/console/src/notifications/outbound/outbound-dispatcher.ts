import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OUTBOUND_CHANNELS, OutboundChannel } from '@app/contracts';
import { ClaimedOutboundMessage, OutboundStore } from '@app/persistence';
import { AppLogger, Clock, MetricsRegistry, PeriodicTask, TypedConfig } from '@app/platform';
import { Counter } from 'prom-client';
import { inBatches } from '../../common/background-job';
import { backoffDelay } from '../backoff';
import { morningDigestContent } from './outbound-content';
import type { SendAnswer } from '../transports/transport-answer';
import { OutboundSenders } from './outbound-senders';

const BATCH = 20;

/**
 * Sends the queued email, robot and SMS messages: one lane per channel, each claiming its own due
 * messages and sending them side by side, so a channel that is down or slow delays no other. A
 * failed attempt is retried with backoff until OUTBOUND_MAX_ATTEMPTS, then the message is dead
 * (in the delivery log). Claims are leases: two consoles never send one message at once. Each
 * attempt is recorded as soon as its answer comes; shutdown waits for the attempts in flight, so a
 * restart sends nothing twice. Held messages are released at the working morning first.
 */
@Injectable()
export class OutboundDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly lanes: Map<OutboundChannel, PeriodicTask>;
  private readonly release: PeriodicTask;
  private readonly attempts: Counter<'channel' | 'outcome'>;
  /** Set at shutdown: the lanes finish the attempts in flight and claim no more. */
  private stopping = false;

  constructor(
    @Inject(OutboundStore) private readonly store: OutboundStore,
    @Inject(OutboundSenders) private readonly senders: OutboundSenders,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TypedConfig) private readonly config: TypedConfig,
    @Inject(AppLogger) private readonly logger: AppLogger,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.lanes = new Map(
      OUTBOUND_CHANNELS.map((channel) => [
        channel,
        new PeriodicTask(`outbound ${channel}`, () => this.sendDue(channel), logger.pino),
      ]),
    );
    this.release = new PeriodicTask('outbound release', () => this.releaseHeld(), logger.pino);
    this.attempts = metrics.counter(
      'jiancha_outbound_attempts_total',
      'Email, robot and SMS delivery attempts by channel and outcome',
      ['channel', 'outcome'],
    );
  }

  onApplicationBootstrap(): void {
    this.release.start(1_000);
    for (const lane of this.lanes.values()) lane.start(250);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.release.stop(), ...[...this.lanes.values()].map((lane) => lane.stop())]);
  }

  /** Runs every lane soon. */
  kick(): void {
    for (const lane of this.lanes.values()) lane.kick();
  }

  /** Releases the held messages due; returns how many. */
  async releaseHeld(): Promise<number> {
    const released = await this.store.releaseHeld(
      new Date(this.clock.now()).toISOString(),
      morningDigestContent,
    );
    if (released > 0) this.kick();
    return released;
  }

  /** Sends every due message of a channel; returns how many attempts it made. */
  sendDue(channel: OutboundChannel): Promise<number> {
    const { OUTBOUND_TIMEOUT_MS } = this.config.values;
    return inBatches(BATCH, async () => {
      if (this.stopping) return 0;
      const now = new Date(this.clock.now()).toISOString();
      const due = await this.store.claimDue(channel, now, OUTBOUND_TIMEOUT_MS + 10_000, BATCH);
      const send = this.senders.forBatch();
      await Promise.all(due.map((message) => this.attempt(message, send)));
      return due.length;
    });
  }

  private async attempt(
    message: ClaimedOutboundMessage,
    send: (message: ClaimedOutboundMessage) => Promise<SendAnswer>,
  ): Promise<void> {
    const { OUTBOUND_MAX_ATTEMPTS, OUTBOUND_BACKOFF_MS, OUTBOUND_BACKOFF_MAX_MS } = this.config.values;
    const started = this.clock.now();
    const startedAt = Date.now();
    const answer = await send(message);
    const durationMs = Date.now() - startedAt;
    const retryAt =
      answer.ok || message.attempts >= OUTBOUND_MAX_ATTEMPTS
        ? null
        : new Date(
            this.clock.now() + backoffDelay(message.attempts, OUTBOUND_BACKOFF_MS, OUTBOUND_BACKOFF_MAX_MS),
          ).toISOString();
    await this.store.recordAttempt(
      message.id,
      { at: new Date(started).toISOString(), ok: answer.ok, answer: answer.answer, durationMs },
      retryAt,
    );
    const outcome = answer.ok ? 'delivered' : retryAt ? 'retry' : 'dead';
    this.attempts.inc({ channel: message.channel, outcome });
    if (outcome === 'dead') {
      this.logger.pino.warn(
        { message: message.id, channel: message.channel, attempts: message.attempts, answer: answer.answer },
        'outbound message is dead',
      );
    }
  }
}
