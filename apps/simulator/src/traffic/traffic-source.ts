import type { ApprovalEvent } from '@app/contracts';
import { CaseGenerator, CaseGeneratorOptions, CaseRequest, GeneratedCase } from './case-generator';
import { IrregularityKind } from './irregularities';
import { MalformedKind, MalformedMessageGenerator } from './malformed';
import { Random } from './random';
import { SendQueue } from './send-queue';

export type MessageLabel = 'event' | 'duplicate' | MalformedKind;

/** One message as a business system sends it: a Kafka key and value, at an instant. */
export interface TrafficMessage {
  /** The Kafka key: the caseId. */
  key: string;
  value: Buffer;
  /** Epoch ms at which it is sent. */
  sendAt: number;
  /** `event`: a valid event sent once; `duplicate`: the same bytes again; otherwise the malformed kind. */
  label: MessageLabel;
  /** The valid event (for `event` and `duplicate`). */
  event?: ApprovalEvent;
  /** What is wrong with a malformed message. */
  description?: string;
}

export interface TrafficSourceOptions extends CaseGeneratorOptions {
  /** Share of all messages that are malformed, each next to a valid event of its case. Default 0. */
  malformedShare?: number;
  /** Share of valid events that are sent a second time, seconds to minutes later. Default 0. */
  duplicateShare?: number;
}

export interface TrafficStats {
  cases: number;
  irregularCases: number;
  byIrregularity: Partial<Record<IrregularityKind, number>>;
  /** Messages taken from the source, by label. */
  messages: Partial<Record<MessageLabel, number>>;
}

interface Queued {
  message: TrafficMessage;
  firstOfCase: boolean;
}

/**
 * Merges the lifecycles of many cases into one stream ordered by send instant, adding duplicates
 * and malformed messages at the configured shares. Pure and seeded, like the case generator:
 * the caller decides when cases start and which instant is "now".
 */
export class TrafficSource {
  readonly generator: CaseGenerator;
  private readonly queue = new SendQueue<Queued>();
  private readonly faults: Random;
  private readonly malformed: MalformedMessageGenerator;
  private readonly malformedPerEvent: number;
  private readonly duplicateShare: number;
  private firstEventsPending = 0;
  private readonly counters: TrafficStats = { cases: 0, irregularCases: 0, byIrregularity: {}, messages: {} };

  constructor(options: TrafficSourceOptions) {
    this.generator = new CaseGenerator(options);
    this.faults = new Random(options.seed).fork('faults');
    this.malformed = new MalformedMessageGenerator(options.seed);
    const share = Math.min(Math.max(options.malformedShare ?? 0, 0), 0.9);
    this.duplicateShare = Math.min(Math.max(options.duplicateShare ?? 0, 0), 1);
    // malformed per valid message (events and duplicates) so that they make up `share` of all
    this.malformedPerEvent = ((1 + this.duplicateShare) * share) / (1 - share);
  }

  /** Starts a case whose first event occurs at `startMs`; its messages wait for their send instants. */
  startCase(startMs: number, request?: CaseRequest): GeneratedCase {
    const generated = this.generator.next(startMs, request);
    this.counters.cases += 1;
    if (generated.irregularity) {
      this.counters.irregularCases += 1;
      this.counters.byIrregularity[generated.irregularity] =
        (this.counters.byIrregularity[generated.irregularity] ?? 0) + 1;
    }
    generated.events.forEach((event, position) => {
      const sendAt = generated.sendAt[position] as number;
      const value = Buffer.from(JSON.stringify(event), 'utf8');
      this.queue.push(sendAt, {
        message: { key: event.caseId, value, sendAt, label: 'event', event },
        firstOfCase: position === 0,
      });
      if (this.faults.chance(this.duplicateShare)) {
        const again = sendAt + this.faults.int(1, 600) * 1000;
        this.queue.push(again, {
          message: { key: event.caseId, value, sendAt: again, label: 'duplicate', event },
          firstOfCase: false,
        });
      }
      for (let remaining = this.malformedPerEvent; remaining > 0; remaining -= 1) {
        if (!this.faults.chance(Math.min(1, remaining))) break;
        const bad = this.malformed.next(event);
        const at = sendAt + this.faults.int(0, 2000);
        this.queue.push(at, {
          message: {
            key: bad.key,
            value: bad.value,
            sendAt: at,
            label: bad.kind,
            description: bad.description,
          },
          firstOfCase: false,
        });
      }
    });
    this.firstEventsPending += 1;
    return generated;
  }

  /** Every message due at or before the instant, in send order. */
  takeDue(untilMs: number): TrafficMessage[] {
    return this.queue.popUntil(untilMs).map(({ message, firstOfCase }) => {
      if (firstOfCase) this.firstEventsPending -= 1;
      this.counters.messages[message.label] = (this.counters.messages[message.label] ?? 0) + 1;
      return message;
    });
  }

  /** Messages waiting for their send instant. */
  get pending(): number {
    return this.queue.size;
  }

  /** Cases started whose first event has not been sent yet. */
  get unsentFirstEvents(): number {
    return this.firstEventsPending;
  }

  /** The next send instant, or +Infinity. */
  get nextSendAt(): number {
    return this.queue.peekAt();
  }

  get stats(): TrafficStats {
    return structuredClone(this.counters);
  }
}
