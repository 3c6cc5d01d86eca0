import type { ApprovalEvent } from '@app/contracts';
import type { TrafficMessage } from './traffic-source';
import { formatInstant } from './work-time';

/**
 * Compressed simulated time laid onto the wall clock: a simulated instant `s` happens at
 * `realOrigin + (s - simulatedOrigin) / factor`. A case generated in simulated office time (days
 * of work) is re-stamped with the real instants its steps are sent at, so its whole life passes in
 * minutes while every event still carries the time it truly reached the platform: nothing is
 * stamped in the future and the pipeline's watermark stays the wall clock (docs/adr/0008).
 */
export class TimeCompression {
  constructor(
    readonly simulatedOrigin: number,
    readonly realOrigin: number,
    /** Simulated milliseconds per real millisecond: 1440 runs a day a minute. */
    readonly factor: number,
    private readonly offsetMinutes = 480,
  ) {
    if (!(factor >= 1)) throw new Error(`the compression factor must be at least 1, not ${factor}`);
  }

  /** The simulated instant that is happening at a real instant. */
  simulatedAt(realMs: number): number {
    return this.simulatedOrigin + (realMs - this.realOrigin) * this.factor;
  }

  /** The real instant a simulated instant is laid on (whole milliseconds, never before the origin). */
  realAt(simulatedMs: number): number {
    return this.realOrigin + Math.max(0, Math.round((simulatedMs - this.simulatedOrigin) / this.factor));
  }

  /** The message at its real send instant; a valid event re-stamped (occurredAt, reportedAt) to match. */
  restamp(message: TrafficMessage): TrafficMessage {
    const sendAt = this.realAt(message.sendAt);
    if (!message.event) return { ...message, sendAt };
    const event: ApprovalEvent = {
      ...message.event,
      occurredAt: this.realInstant(message.event.occurredAt),
      ...(message.event.reportedAt !== undefined
        ? { reportedAt: this.realInstant(message.event.reportedAt) }
        : {}),
    };
    return { ...message, sendAt, event, value: Buffer.from(JSON.stringify(event), 'utf8') };
  }

  private realInstant(simulated: string): string {
    return formatInstant(this.realAt(Date.parse(simulated)), this.offsetMinutes);
  }
}
