import type { Level, Stage } from '@app/contracts';
import { DataSource } from 'typeorm';
import { silenceMatches } from './pg-silence.store';
import type { LifecycleStatus } from '@app/rules';
import type { SignalEventKind } from './signal-record';
import {
  ChannelDelivery,
  DigestBody,
  DigestEntry,
  DigestOutcome,
  InboxMessage,
  NotificationDigest,
  NotificationItemInput,
  NotificationStore,
} from './notification-store';
import { firstRow, isoOrNull, Queryable, readFirstRow, readRows, rows, unnestParameters } from './sql';

interface DigestRow {
  id: string;
  department_id: string;
  created_at: Date;
  item_count: number;
  first_sequence: string;
  last_sequence: string;
  body: DigestBody;
}

interface InboxRow {
  id: string;
  department_id: string;
  digest_id: string;
  title: string;
  body: DigestBody;
  created_at: Date;
  read_at: Date | null;
  read_by_username: string | null;
  acknowledged_at: Date | null;
  acknowledged_by_username: string | null;
}

interface PendingItemRow {
  id: string;
  sequence: string;
  alert_key: string;
  kind: SignalEventKind;
  change: { signal?: Record<string, unknown>; reason?: string };
  silence_id: string | null;
  known: boolean;
  recorded_status: LifecycleStatus | null;
  status: LifecycleStatus | null;
  escalated_to: string | null;
  response_due_at: Date | null;
}

/** Kinds that are not worth a notification once a higher signal superseded the one they are about. */
const HELD_BACK_WHEN_SUPERSEDED = new Set<SignalEventKind>(['raised', 'overdue', 'returned', 'reinstated']);

function digestFromRow(row: DigestRow): NotificationDigest {
  return {
    id: Number(row.id),
    departmentId: row.department_id,
    createdAt: row.created_at.toISOString(),
    itemCount: row.item_count,
    firstSequence: Number(row.first_sequence),
    lastSequence: Number(row.last_sequence),
    body: row.body,
  };
}

function inboxFromRow(row: InboxRow): InboxMessage {
  return {
    id: Number(row.id),
    departmentId: row.department_id,
    digestId: Number(row.digest_id),
    title: row.title,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    readAt: isoOrNull(row.read_at),
    readBy: row.read_by_username,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by_username,
  };
}

function entryOf(row: PendingItemRow): DigestEntry {
  const signal = row.change.signal ?? {};
  const text = (key: string) => (typeof signal[key] === 'string' ? signal[key] : '');
  return {
    sequence: Number(row.sequence),
    kind: row.kind,
    alertKey: row.alert_key,
    caseId: text('caseId'),
    itemCode: text('itemCode'),
    ruleId: text('ruleId'),
    level: text('level') as Level,
    stage: text('stage') as Stage,
    message: text('message'),
    raisedAt: text('raisedAt'),
    reason: typeof row.change.reason === 'string' ? row.change.reason : null,
    status: row.status,
    responseDueAt: isoOrNull(row.response_due_at),
    escalatedTo: row.escalated_to,
  };
}

const DIGEST_COLUMNS = 'id, department_id, created_at, item_count, first_sequence, last_sequence, body';
const INBOX_COLUMNS = `id, department_id, digest_id, title, body, created_at, read_at, read_by_username,
  acknowledged_at, acknowledged_by_username`;

export class PgNotificationStore extends NotificationStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordChanges(items: NotificationItemInput[]): Promise<number> {
    if (items.length === 0) return 0;
    const inserted = await rows<{ id: string }>(
      this.dataSource,
      `INSERT INTO notification_items (sequence, department_id, alert_key, rule_id, level, kind, change)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
       ON CONFLICT (sequence) DO NOTHING RETURNING id`,
      unnestParameters(items, [
        'sequence',
        'departmentId',
        'alertKey',
        'ruleId',
        'level',
        'kind',
        (i) => JSON.stringify(i.change),
      ]),
    );
    return inserted.length;
  }

  async departmentsDue(now: string, intervalMs: number, limit: number): Promise<string[]> {
    const found = await rows<{ department_id: string }>(
      this.dataSource,
      `SELECT i.department_id FROM notification_items i
         LEFT JOIN notification_schedule s ON s.department_id = i.department_id
        WHERE i.settled_at IS NULL
          AND (s.last_digest_at IS NULL OR s.last_digest_at <= $1::timestamptz - make_interval(secs => $2::double precision / 1000))
        GROUP BY i.department_id ORDER BY min(i.sequence) LIMIT $3`,
      [now, intervalMs, limit],
    );
    return found.map((row) => row.department_id);
  }

  buildDigest(
    departmentId: string,
    options: { now: string; intervalMs: number; channels: string[]; maxItems: number },
  ): Promise<DigestOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO notification_schedule (department_id) VALUES ($1) ON CONFLICT DO NOTHING`,
        [departmentId],
      );
      // the schedule row serializes the digests of a department across instances
      const schedule = await firstRow<{ due: boolean }>(
        manager,
        `SELECT (last_digest_at IS NULL OR last_digest_at <= $2::timestamptz - make_interval(secs => $3::double precision / 1000)) AS due
           FROM notification_schedule WHERE department_id = $1 FOR UPDATE`,
        [departmentId, options.now, options.intervalMs],
      );
      if (!schedule?.due) return { digest: null, suppressed: 0 };
      const pending = await rows<PendingItemRow>(
        manager,
        `SELECT i.id, i.sequence, i.alert_key, i.kind, i.change,
                (SELECT s.id FROM silences s WHERE ${silenceMatches('$2::timestamptz', 'i.department_id', 'i.rule_id')}
                  ORDER BY s.created_at LIMIT 1) AS silence_id,
                sg.alert_key IS NOT NULL AS known, sg.recorded_status, sg.status, sg.escalated_to, sg.response_due_at
           FROM notification_items i LEFT JOIN signals sg ON sg.alert_key = i.alert_key
          WHERE i.department_id = $1 AND i.settled_at IS NULL
          ORDER BY i.sequence LIMIT $3
          FOR UPDATE OF i`,
        [departmentId, options.now, options.maxItems],
      );
      // a change waits for its signal to be registered (deadline, escalation), keeping sequence order
      const firstUnregistered = pending.findIndex((row) => row.known && row.recorded_status === null);
      const ready = firstUnregistered === -1 ? pending : pending.slice(0, firstUnregistered);
      const entries: DigestEntry[] = [];
      const settled: { id: string; suppressedBy: string | null }[] = [];
      for (const row of ready) {
        if (row.silence_id) settled.push({ id: row.id, suppressedBy: `silence:${row.silence_id}` });
        else if (row.escalated_to && HELD_BACK_WHEN_SUPERSEDED.has(row.kind))
          settled.push({ id: row.id, suppressedBy: `superseded:${row.escalated_to}` });
        else {
          settled.push({ id: row.id, suppressedBy: null });
          entries.push(entryOf(row));
        }
      }
      const suppressed = settled.length - entries.length;
      let digest: NotificationDigest | null = null;
      if (entries.length > 0) digest = await this.insertDigest(manager, departmentId, entries, options);
      if (settled.length > 0) {
        await manager.query(
          `UPDATE notification_items i SET settled_at = $2, suppressed_by = s.suppressed_by,
                  digest_id = CASE WHEN s.suppressed_by IS NULL THEN $3::bigint END
             FROM unnest($1::bigint[], $4::text[]) AS s(id, suppressed_by) WHERE i.id = s.id`,
          [settled.map((s) => s.id), options.now, digest?.id ?? null, settled.map((s) => s.suppressedBy)],
        );
      }
      return { digest, suppressed };
    });
  }

  private async insertDigest(
    db: Queryable,
    departmentId: string,
    entries: DigestEntry[],
    options: { now: string; channels: string[] },
  ): Promise<NotificationDigest> {
    const sequences = entries.map((e) => e.sequence);
    const row = await firstRow<DigestRow>(
      db,
      `INSERT INTO notification_digests (department_id, created_at, item_count, first_sequence, last_sequence, body)
       VALUES ($1, $2, $3, $4, $5, '{}') RETURNING ${DIGEST_COLUMNS}`,
      [departmentId, options.now, entries.length, Math.min(...sequences), Math.max(...sequences)],
    );
    const inserted = digestFromRow(row as DigestRow);
    const body: DigestBody = {
      digestId: inserted.id,
      departmentId,
      createdAt: inserted.createdAt,
      changes: entries,
    };
    await db.query(`UPDATE notification_digests SET body = $2 WHERE id = $1`, [
      inserted.id,
      JSON.stringify(body),
    ]);
    await db.query(`UPDATE notification_schedule SET last_digest_at = $2 WHERE department_id = $1`, [
      departmentId,
      options.now,
    ]);
    if (options.channels.length > 0) {
      await db.query(
        `INSERT INTO notification_deliveries (digest_id, channel, next_attempt_at)
         SELECT $1, channel, $3 FROM unnest($2::text[]) AS channel`,
        [inserted.id, options.channels, options.now],
      );
    }
    return { ...inserted, body };
  }

  async claimDeliveries(now: string, leaseMs: number, limit: number): Promise<ChannelDelivery[]> {
    const claimed = await rows<{ digest_id: string; channel: string; attempts: number }>(
      this.dataSource,
      `UPDATE notification_deliveries d
          SET next_attempt_at = $1::timestamptz + make_interval(secs => $2::double precision / 1000),
              attempts = d.attempts + 1, updated_at = now()
         FROM (SELECT digest_id, channel FROM notification_deliveries
                WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, digest_id LIMIT $3 FOR UPDATE SKIP LOCKED) due
        WHERE d.digest_id = due.digest_id AND d.channel = due.channel
        RETURNING d.digest_id, d.channel, d.attempts`,
      [now, leaseMs, limit],
    );
    if (claimed.length === 0) return [];
    const digests = await rows<DigestRow>(
      this.dataSource,
      `SELECT ${DIGEST_COLUMNS} FROM notification_digests WHERE id = ANY($1::bigint[])`,
      [[...new Set(claimed.map((c) => c.digest_id))]],
    );
    const byId = new Map(digests.map((row) => [row.id, digestFromRow(row)]));
    return claimed
      .map((c) => ({ digest: byId.get(c.digest_id), channel: c.channel, attempts: c.attempts }))
      .filter((c): c is ChannelDelivery => c.digest !== undefined)
      .sort((a, b) => a.digest.id - b.digest.id);
  }

  async deliveryDone(digestId: number, channel: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'done', last_error = NULL, updated_at = now()
        WHERE digest_id = $1 AND channel = $2`,
      [digestId, channel],
    );
  }

  async deliveryFailed(digestId: number, channel: string, error: string, retryAt: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET last_error = $3, next_attempt_at = $4, updated_at = now()
        WHERE digest_id = $1 AND channel = $2`,
      [digestId, channel, error.slice(0, 2000), retryAt],
    );
  }

  async digests(options: { departmentId: string | null; limit: number }): Promise<NotificationDigest[]> {
    return readRows(
      this.dataSource,
      digestFromRow,
      `SELECT ${DIGEST_COLUMNS} FROM notification_digests WHERE ($1::text IS NULL OR department_id = $1)
        ORDER BY id DESC LIMIT $2`,
      [options.departmentId, options.limit],
    );
  }

  async addToInbox(digest: NotificationDigest, title: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO inbox_messages (department_id, digest_id, title, body, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (digest_id) DO NOTHING`,
      [digest.departmentId, digest.id, title, JSON.stringify(digest.body), digest.createdAt],
    );
  }

  async inbox(options: {
    departmentId: string | null;
    unreadOnly: boolean;
    limit: number;
  }): Promise<InboxMessage[]> {
    return readRows(
      this.dataSource,
      inboxFromRow,
      `SELECT ${INBOX_COLUMNS} FROM inbox_messages
        WHERE ($1::text IS NULL OR department_id = $1) AND (NOT $2 OR read_at IS NULL)
        ORDER BY id DESC LIMIT $3`,
      [options.departmentId, options.unreadOnly, options.limit],
    );
  }

  async markInbox(
    id: number,
    options: { departmentId: string | null; mark: 'read' | 'acknowledged'; username: string; now: string },
  ): Promise<InboxMessage | 'out-of-scope' | null> {
    const existing = await firstRow<{ department_id: string }>(
      this.dataSource,
      `SELECT department_id FROM inbox_messages WHERE id = $1`,
      [id],
    );
    if (!existing) return null;
    if (options.departmentId !== null && existing.department_id !== options.departmentId)
      return 'out-of-scope';
    // acknowledging implies reading; the first reader and acknowledger are kept
    return readFirstRow(
      this.dataSource,
      inboxFromRow,
      `UPDATE inbox_messages SET
          read_at = COALESCE(read_at, $2), read_by_username = COALESCE(read_by_username, $3),
          acknowledged_at = CASE WHEN $4 THEN COALESCE(acknowledged_at, $2) ELSE acknowledged_at END,
          acknowledged_by_username = CASE WHEN $4 THEN COALESCE(acknowledged_by_username, $3) ELSE acknowledged_by_username END
        WHERE id = $1 AND ($5::text IS NULL OR department_id = $5) RETURNING ${INBOX_COLUMNS}`,
      [id, options.now, options.username, options.mark === 'acknowledged', options.departmentId],
    );
  }
}
