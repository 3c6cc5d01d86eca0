import type { Actor } from '@app/contracts';

/** A department's webhook. The secret signs every request (HMAC-SHA256) and is shown only once. */
export interface WebhookConfig {
  departmentId: string;
  url: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  id: number;
  digestId: number;
  departmentId: string;
  url: string;
  /** The exact bytes sent (and signed) on every attempt. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

/** A delivery claimed for one attempt, with the department's current secret. */
export interface ClaimedWebhookDelivery extends WebhookDelivery {
  secret: string;
}

export interface WebhookAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export type AttemptOutcome =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: string }
  | { status: 'dead' };

/** Port: webhook configuration (audited), queued deliveries and the log of every attempt. */
export abstract class WebhookStore {
  abstract configs(): Promise<WebhookConfig[]>;
  abstract config(departmentId: string): Promise<WebhookConfig | null>;
  /** Creates or changes a webhook; a new secret (returned) when there was none or `rotateSecret`. */
  abstract saveConfig(
    departmentId: string,
    change: { url: string; enabled: boolean; newSecret: string | null },
    actor: Actor,
  ): Promise<WebhookConfig>;
  abstract deleteConfig(departmentId: string, actor: Actor): Promise<boolean>;
  /** Queues the delivery of a digest when its department has an enabled webhook; idempotent. */
  abstract enqueue(delivery: {
    digestId: number;
    departmentId: string;
    body: string;
    now: string;
  }): Promise<boolean>;
  /** Claims due deliveries for `leaseMs` and counts the attempt. */
  abstract claimDue(now: string, leaseMs: number, limit: number): Promise<ClaimedWebhookDelivery[]>;
  abstract recordAttempt(deliveryId: number, attempt: WebhookAttempt, outcome: AttemptOutcome): Promise<void>;
  abstract deliveries(options: {
    status?: WebhookDeliveryStatus;
    departmentId?: string;
    limit: number;
  }): Promise<WebhookDelivery[]>;
  abstract delivery(deliveryId: number): Promise<WebhookDelivery | null>;
  abstract attempts(deliveryId: number): Promise<WebhookAttempt[]>;
  /** Sends a dead delivery again from its first attempt (audited); null when it is not dead. */
  abstract requeue(deliveryId: number, actor: Actor, now: string): Promise<WebhookDelivery | null>;
}
