import type { Level, Stage } from '@app/contracts';
import type { LifecycleStatus } from '@app/rules';
import type { SignalEventKind } from './signal-record';

/** A signal change received from `supervision.alerts`, waiting to be notified to its department. */
export interface NotificationItemInput {
  /** The outbox sequence: a change redelivered by Kafka is recorded once. */
  sequence: number;
  departmentId: string;
  alertKey: string;
  ruleId: string;
  level: Level;
  kind: SignalEventKind;
  change: Record<string, unknown>;
}

/** One change as a department receives it. */
export interface DigestEntry {
  sequence: number;
  kind: SignalEventKind;
  alertKey: string;
  caseId: string;
  itemCode: string;
  ruleId: string;
  level: Level;
  stage: Stage;
  message: string;
  raisedAt: string;
  reason: string | null;
  /** The signal's lifecycle when the digest was made. */
  status: LifecycleStatus | null;
  responseDueAt: string | null;
  escalatedTo: string | null;
}

export interface DigestBody {
  digestId: number;
  departmentId: string;
  createdAt: string;
  changes: DigestEntry[];
}

/** A group of changes for one department, delivered through every channel. */
export interface NotificationDigest {
  id: number;
  departmentId: string;
  createdAt: string;
  itemCount: number;
  firstSequence: number;
  lastSequence: number;
  body: DigestBody;
}

export interface DigestOutcome {
  digest: NotificationDigest | null;
  /** Changes held back by a silence or because a higher signal superseded theirs. */
  suppressed: number;
}

export interface ChannelDelivery {
  digest: NotificationDigest;
  channel: string;
  /** Including the one just claimed. */
  attempts: number;
}

export interface InboxMessage {
  id: number;
  departmentId: string;
  digestId: number;
  title: string;
  body: DigestBody;
  createdAt: string;
  readAt: string | null;
  readBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/**
 * Port: notification items, digests and their per-channel deliveries, and the inbox. A department's
 * first change goes out at once; after a digest, the next waits until the interval has passed.
 */
export abstract class NotificationStore {
  /** Records changes (idempotent by sequence); returns how many were new. */
  abstract recordChanges(items: NotificationItemInput[]): Promise<number>;
  /** Departments with waiting changes whose last digest is at least `intervalMs` before `now`. */
  abstract departmentsDue(now: string, intervalMs: number, limit: number): Promise<string[]>;
  /**
   * Groups a department's waiting changes into one digest, unless its last digest is too recent;
   * settles silenced and superseded changes without sending them; queues one delivery per channel.
   */
  abstract buildDigest(
    departmentId: string,
    options: { now: string; intervalMs: number; channels: string[]; maxItems: number },
  ): Promise<DigestOutcome>;
  /** Claims due channel deliveries for `leaseMs` (another instance will not take them meanwhile). */
  abstract claimDeliveries(now: string, leaseMs: number, limit: number): Promise<ChannelDelivery[]>;
  abstract deliveryDone(digestId: number, channel: string): Promise<void>;
  abstract deliveryFailed(digestId: number, channel: string, error: string, retryAt: string): Promise<void>;
  abstract digests(options: { departmentId: string | null; limit: number }): Promise<NotificationDigest[]>;

  /** Idempotent by digest. */
  abstract addToInbox(digest: NotificationDigest, title: string): Promise<void>;
  abstract inbox(options: {
    departmentId: string | null;
    unreadOnly: boolean;
    limit: number;
  }): Promise<InboxMessage[]>;
  abstract markInbox(
    id: number,
    options: { departmentId: string | null; mark: 'read' | 'acknowledged'; username: string; now: string },
  ): Promise<InboxMessage | 'out-of-scope' | null>;
}
