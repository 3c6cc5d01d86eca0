import { DataSource } from 'typeorm';
import { SecretBox } from '@app/platform';
import { recordOperatorAction } from '../auth/operator-audit';
import type { Actor } from '@app/contracts';
import { rowFields } from './row-fields';
import { firstRow, readFirstRow, readRows, rows } from './sql';
import {
  AttemptOutcome,
  ClaimedWebhookDelivery,
  WebhookAttempt,
  WebhookConfig,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookStore,
} from './webhook-store';

interface ConfigRow {
  department_id: string;
  url: string;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  updated_by_username: string;
}

interface DeliveryRow {
  id: string;
  digest_id: string;
  department_id: string;
  url: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  dead_at: Date | null;
}

const CONFIG_COLUMNS = 'department_id, url, enabled, created_at, updated_at, updated_by_username';
const DELIVERY_COLUMNS = `id, digest_id, department_id, url, body, status, attempts, next_attempt_at, last_status_code,
  last_error, created_at, delivered_at, dead_at`;

function configFromRow(row: ConfigRow): WebhookConfig {
  return {
    ...rowFields(row, ['department_id', 'url', 'enabled', 'created_at', 'updated_at']),
    updatedBy: row.updated_by_username,
  };
}

function deliveryFromRow(row: DeliveryRow): WebhookDelivery {
  return {
    id: Number(row.id),
    digestId: Number(row.digest_id),
    ...rowFields(row, [
      'department_id',
      'url',
      'body',
      'status',
      'attempts',
      'next_attempt_at',
      'last_status_code',
      'last_error',
      'created_at',
      'delivered_at',
      'dead_at',
    ]),
  };
}

export class PgWebhookStore extends WebhookStore {
  constructor(
    private readonly dataSource: DataSource,
    /** Seals the signing secrets at rest (ADR 14). */
    private readonly box: SecretBox,
  ) {
    super();
  }

  /** Seals the secrets stored in clear before ADR 14; returns how many. Run once at start. */
  async sealStoredSecrets(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const clear = await rows<{ department_id: string; secret: string }>(
        manager,
        `SELECT department_id, secret FROM department_webhooks WHERE secret <> '' AND secret NOT LIKE 'v1:%' FOR UPDATE`,
      );
      for (const row of clear) {
        await manager.query(`UPDATE department_webhooks SET secret = $2 WHERE department_id = $1`, [
          row.department_id,
          this.box.seal(row.secret),
        ]);
      }
      return clear.length;
    });
  }

  async configs(): Promise<WebhookConfig[]> {
    return readRows(
      this.dataSource,
      configFromRow,
      `SELECT ${CONFIG_COLUMNS} FROM department_webhooks ORDER BY department_id`,
    );
  }

  async config(departmentId: string): Promise<WebhookConfig | null> {
    return readFirstRow(
      this.dataSource,
      configFromRow,
      `SELECT ${CONFIG_COLUMNS} FROM department_webhooks WHERE department_id = $1`,
      [departmentId],
    );
  }

  saveConfig(
    departmentId: string,
    change: { url: string; enabled: boolean; newSecret: string | null },
    actor: Actor,
  ): Promise<WebhookConfig> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<ConfigRow>(
        manager,
        `INSERT INTO department_webhooks (department_id, url, secret, enabled, updated_by_username)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (department_id) DO UPDATE SET
           url = EXCLUDED.url, enabled = EXCLUDED.enabled, updated_by_username = EXCLUDED.updated_by_username,
           secret = CASE WHEN $6 THEN EXCLUDED.secret ELSE department_webhooks.secret END, updated_at = now()
         RETURNING ${CONFIG_COLUMNS}`,
        [
          departmentId,
          change.url,
          change.newSecret === null ? '' : this.box.seal(change.newSecret),
          change.enabled,
          actor.username,
          change.newSecret !== null,
        ],
      );
      const saved = configFromRow(row as ConfigRow);
      await recordOperatorAction(manager, actor, 'webhook.save', `department:${departmentId}`, {
        url: saved.url,
        enabled: saved.enabled,
        secretRotated: change.newSecret !== null,
      });
      return saved;
    });
  }

  deleteConfig(departmentId: string, actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const deleted = await rows<{ department_id: string }>(
        manager,
        `DELETE FROM department_webhooks WHERE department_id = $1 RETURNING department_id`,
        [departmentId],
      );
      if (deleted.length === 0) return false;
      await recordOperatorAction(manager, actor, 'webhook.delete', `department:${departmentId}`);
      return true;
    });
  }

  async enqueue(delivery: {
    digestId: number;
    departmentId: string;
    body: string;
    now: string;
  }): Promise<boolean> {
    const inserted = await rows<{ id: string }>(
      this.dataSource,
      `INSERT INTO webhook_deliveries (digest_id, department_id, url, body, next_attempt_at, created_at)
       SELECT $1, w.department_id, w.url, $3, $4, $4 FROM department_webhooks w
        WHERE w.department_id = $2 AND w.enabled AND w.secret <> ''
       ON CONFLICT (digest_id) DO NOTHING RETURNING id`,
      [delivery.digestId, delivery.departmentId, delivery.body, delivery.now],
    );
    return inserted.length > 0;
  }

  async claimDue(now: string, leaseMs: number, limit: number): Promise<ClaimedWebhookDelivery[]> {
    const claimed = await rows<DeliveryRow & { secret: string | null }>(
      this.dataSource,
      `UPDATE webhook_deliveries d
          SET lease_until = $1::timestamptz + make_interval(secs => $2::double precision / 1000),
              next_attempt_at = $1::timestamptz + make_interval(secs => $2::double precision / 1000),
              attempts = d.attempts + 1
         FROM (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) due
        WHERE d.id = due.id
        RETURNING ${DELIVERY_COLUMNS.split(',')
          .map((column) => `d.${column.trim()}`)
          .join(', ')},
          (SELECT w.secret FROM department_webhooks w WHERE w.department_id = d.department_id) AS secret`,
      [now, leaseMs, limit],
    );
    return claimed
      .map((row) => ({ ...deliveryFromRow(row), secret: this.openSecret(row.secret) }))
      .sort((a, b) => a.id - b.id);
  }

  async recordAttempt(deliveryId: number, attempt: WebhookAttempt, outcome: AttemptOutcome): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          deliveryId,
          attempt.attempt,
          attempt.at,
          attempt.statusCode,
          attempt.error?.slice(0, 2000) ?? null,
          attempt.durationMs,
        ],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = $2, lease_until = NULL, last_status_code = $3, last_error = $4,
                next_attempt_at = COALESCE($5, next_attempt_at),
                delivered_at = CASE WHEN $2 = 'delivered' THEN $6::timestamptz END,
                dead_at = CASE WHEN $2 = 'dead' THEN $6::timestamptz END
          WHERE id = $1`,
        [
          deliveryId,
          outcome.status,
          attempt.statusCode,
          attempt.error?.slice(0, 2000) ?? null,
          outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          attempt.at,
        ],
      );
    });
  }

  async deliveries(options: {
    status?: WebhookDeliveryStatus;
    departmentId?: string;
    limit: number;
  }): Promise<WebhookDelivery[]> {
    return readRows(
      this.dataSource,
      deliveryFromRow,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR department_id = $2)
        ORDER BY id DESC LIMIT $3`,
      [options.status ?? null, options.departmentId ?? null, options.limit],
    );
  }

  async delivery(deliveryId: number): Promise<WebhookDelivery | null> {
    return readFirstRow(
      this.dataSource,
      deliveryFromRow,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1`,
      [deliveryId],
    );
  }

  async attempts(deliveryId: number): Promise<WebhookAttempt[]> {
    const found = await rows<{
      attempt: number;
      at: Date;
      status_code: number | null;
      error: string | null;
      duration_ms: number;
    }>(
      this.dataSource,
      `SELECT attempt, at, status_code, error, duration_ms FROM webhook_attempts WHERE delivery_id = $1 ORDER BY id`,
      [deliveryId],
    );
    return found.map((row) => ({
      attempt: row.attempt,
      at: row.at.toISOString(),
      statusCode: row.status_code,
      error: row.error,
      durationMs: row.duration_ms,
    }));
  }

  requeue(deliveryId: number, actor: Actor, now: string): Promise<WebhookDelivery | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await firstRow<DeliveryRow>(
        manager,
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, dead_at = NULL
          WHERE id = $1 AND status = 'dead' RETURNING ${DELIVERY_COLUMNS}`,
        [deliveryId, now],
      );
      if (!row) return null;
      await recordOperatorAction(manager, actor, 'webhook.requeue', `webhook-delivery:${deliveryId}`, {
        departmentId: row.department_id,
        digestId: Number(row.digest_id),
      });
      return deliveryFromRow(row);
    });
  }

  /** '' for none; a secret stored before ADR 14 (sealed at the next start) is read as it is. */
  private openSecret(stored: string | null): string {
    if (stored === null || stored === '') return '';
    return SecretBox.isSealed(stored) ? this.box.open(stored) : stored;
  }
}
