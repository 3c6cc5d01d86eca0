import type {
  OutboundChannel,
  OutboundMessageDetail,
  OutboundMessageView,
  OutboundPurpose,
  OutboundStatus,
  Signal,
} from '@app/contracts';
import type { NewTransition } from '../signals/signal-record';

/** What a message says, rendered once for every form a channel needs. */
export interface OutboundContent {
  subject: string;
  /** Markdown for the robots, plain text for the email's text part. */
  text: string;
  html: string;
  /** The SMS text (the gateway adds the signature). */
  short: string;
}

/** A message to queue: idempotent by `dedupeKey`. */
export interface NewOutboundMessage {
  dedupeKey: string;
  purpose: OutboundPurpose;
  departmentId: string;
  alertKey: string | null;
  channel: OutboundChannel;
  /** An email address, a mobile number, or `<department>/<robot kind>` for a robot. */
  recipientAddress: string;
  recipientName: string;
  recipientHint: string;
  mentionMobiles: string[];
  level: string | null;
  content: OutboundContent;
  /** Held for working hours until `notBefore`, or pending from it. */
  held: boolean;
  notBefore: string;
}

/** A message claimed for one attempt. */
export interface ClaimedOutboundMessage {
  id: number;
  purpose: OutboundPurpose;
  departmentId: string;
  channel: OutboundChannel;
  recipientAddress: string;
  recipientName: string;
  mentionMobiles: string[];
  content: OutboundContent;
  /** Including this one. */
  attempts: number;
}

export interface OutboundAttempt {
  at: string;
  ok: boolean;
  answer: string;
  durationMs: number;
}

/** Which messages of the delivery log to list, newest first. */
export interface OutboundMessageFilter {
  departmentId?: string;
  channel?: OutboundChannel;
  status?: OutboundStatus;
  purpose?: OutboundPurpose;
  alertKey?: string;
  /** Only these messages (e.g. those just queued). */
  ids?: readonly number[];
  limit: number;
}

/** An unanswered 督办 notice due for its next escalation step: its signal as raised, with its deadline. */
export interface EscalationCandidate extends Omit<Signal, 'stage' | 'triggeredBy' | 'details'> {
  responseDueAt: string;
  status: string;
}

export interface EscalationStep {
  alertKey: string;
  step: 'head' | 'office';
  at: string;
  /** For the head step: when the office step falls due if still unanswered. */
  nextDueAt: string | null;
  transition: NewTransition;
  messages: NewOutboundMessage[];
}

/**
 * Port: the outbound messages (email, robots, SMS) with their attempts — the delivery log — and the
 * steps of 督办 escalation, each recorded with its messages in one transaction.
 */
export abstract class OutboundStore {
  /**
   * Queues messages; one already queued under the same key is left alone. Returns the new ids.
   * `audit` gives the signal audit entries of the messages queued now (not of those queued before),
   * written in the same transaction.
   */
  abstract enqueue(
    messages: NewOutboundMessage[],
    audit?: (queued: NewOutboundMessage[]) => NewTransition[],
  ): Promise<number[]>;
  /**
   * Releases the held messages whose working morning has come: alone, it becomes pending; several
   * for one recipient and channel become one morning digest (`render` makes its content), each
   * marked merged into it.
   */
  abstract releaseHeld(
    now: string,
    render: (held: { subject: string; level: string | null }[]) => OutboundContent,
  ): Promise<number>;
  /** Claims due messages of one channel for `leaseMs`, counting the attempt. */
  abstract claimDue(
    channel: OutboundChannel,
    now: string,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedOutboundMessage[]>;
  /** Records an attempt; `retryAt` null: delivered when ok, dead otherwise. */
  abstract recordAttempt(messageId: number, attempt: OutboundAttempt, retryAt: string | null): Promise<void>;
  abstract messages(filter: OutboundMessageFilter): Promise<OutboundMessageView[]>;
  abstract message(id: number): Promise<OutboundMessageDetail | null>;

  /** Unanswered yellow and red signals past their response deadline without a head step, locked. */
  abstract dueForHead(now: string, limit: number): Promise<EscalationCandidate[]>;
  /** Signals whose head step's office deadline has passed, still unanswered, without an office step. */
  abstract dueForOffice(now: string, limit: number): Promise<EscalationCandidate[]>;
  /** Records steps with their audit entries and messages, once per signal and step. */
  abstract recordEscalations(steps: EscalationStep[]): Promise<number>;
  /** The handler (经办人) of a case: the actor of its latest event that names one. */
  abstract caseHandler(caseId: string): Promise<{ id: string; name: string | null } | null>;
}
