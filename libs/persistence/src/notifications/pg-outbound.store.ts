import { DataSource, EntityManager } from 'typeorm';
import {
  highestLevel,
  type OutboundChannel,
  type OutboundMessageDetail,
  type OutboundMessageView,
  type OutboundPurpose,
  type OutboundStatus,
} from '@app/contracts';
import { firstRow, Queryable, readRows, rows } from '../signals/sql';
import { rowFields } from '../signals/row-fields';
import type { NewTransition } from '../signals/signal-record';
import { RaisedSignalRow, raisedSignalFromRow } from '../signals/signal-rows';
import { insertTransitions } from '../signals/signal-writes';
import {
  ClaimedOutboundMessage,
  EscalationCandidate,
  EscalationStep,
  NewOutboundMessage,
  OutboundAttempt,
  OutboundContent,
  OutboundMessageFilter,
  OutboundStore,
} from './outbound-store';

interface MessageRow {
  id: string;
  purpose: OutboundPurpose;
  department_id: string;
  alert_key: string | null;
  channel: OutboundChannel;
  recipient_name: string;
  recipient_hint: string;
  subject: string;
  status: OutboundStatus;
  attempts: number;
  not_before: Date;
  created_at: Date;
  delivered_at: Date | null;
  last_answer: string | null;
  merged_into: string | null;
}

/** A signal as raised, with what escalation reads of its lifecycle. */
type CandidateRow = RaisedSignalRow & { response_due_at: Date; status: string };

const VIEW_COLUMNS = `id, purpose, department_id, alert_key, channel, recipient_name, recipient_hint, subject, status,
  attempts, not_before, created_at, delivered_at, last_answer, merged_into`;

const CANDIDATE_COLUMNS = `s.alert_key, s.case_id, s.item_code, s.department_id, s.rule_id, s.stage, s.level,
  s.raised_at, s.triggered_by, s.message, s.response_due_at, s.status`;

/** Unanswered: neither explained nor closed, and not superseded by a higher signal. */
const UNANSWERED = `s.status IN ('open', 'acknowledged') AND s.escalated_to IS NULL`;

function viewFromRow(row: MessageRow): OutboundMessageView {
  return {
    id: Number(row.id),
    ...rowFields(row, [
      'purpose',
      'department_id',
      'alert_key',
      'channel',
      'recipient_name',
      'recipient_hint',
      'subject',
      'status',
      'attempts',
      'not_before',
      'created_at',
      'delivered_at',
      'last_answer',
    ]),
    mergedInto: row.merged_into === null ? null : Number(row.merged_into),
  };
}

function candidateFromRow(row: CandidateRow): EscalationCandidate {
  const { stage: _stage, triggeredBy: _triggeredBy, ...raised } = raisedSignalFromRow(row);
  return { ...raised, responseDueAt: row.response_due_at.toISOString(), status: row.status };
}

/** Inserts messages in one statement (one JSON document); returns those not queued before. */
async function insertMessages(
  db: Queryable,
  messages: readonly NewOutboundMessage[],
): Promise<{ id: number; dedupeKey: string }[]> {
  if (messages.length === 0) return [];
  const inserted = await rows<{ id: string; dedupe_key: string }>(
    db,
    `INSERT INTO outbound_messages (dedupe_key, purpose, department_id, alert_key, channel, recipient_address,
       recipient_name, recipient_hint, mention_mobiles, level, subject, text, html, short_text, status, not_before,
       next_attempt_at)
     SELECT m."dedupeKey", m.purpose, m."departmentId", m."alertKey", m.channel, m."recipientAddress",
            m."recipientName", m."recipientHint", ARRAY(SELECT jsonb_array_elements_text(m."mentionMobiles")),
            m.level, m.content->>'subject', m.content->>'text', m.content->>'html', m.content->>'short',
            CASE WHEN m.held THEN 'held' ELSE 'pending' END, m."notBefore", m."notBefore"
       FROM jsonb_to_recordset($1::jsonb) AS m("dedupeKey" text, purpose text, "departmentId" text,
            "alertKey" text, channel text, "recipientAddress" text, "recipientName" text, "recipientHint" text,
            "mentionMobiles" jsonb, level text, content jsonb, held boolean, "notBefore" timestamptz)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id, dedupe_key`,
    [JSON.stringify(messages)],
  );
  return inserted.map((row) => ({ id: Number(row.id), dedupeKey: row.dedupe_key }));
}

export class PgOutboundStore extends OutboundStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  enqueue(
    messages: NewOutboundMessage[],
    audit?: (queued: NewOutboundMessage[]) => NewTransition[],
  ): Promise<number[]> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await insertMessages(manager, messages);
      if (audit && inserted.length > 0) {
        const keys = new Set(inserted.map((row) => row.dedupeKey));
        await insertTransitions(manager, audit(messages.filter((message) => keys.has(message.dedupeKey))));
      }
      return inserted.map((row) => row.id);
    });
  }

  releaseHeld(
    now: string,
    render: (held: { subject: string; level: string | null }[]) => OutboundContent,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await rows<{
        id: string;
        department_id: string;
        channel: OutboundChannel;
        recipient_address: string;
        recipient_name: string;
        recipient_hint: string;
        mention_mobiles: string[];
        level: string | null;
        subject: string;
      }>(
        manager,
        `SELECT id, department_id, channel, recipient_address, recipient_name, recipient_hint, mention_mobiles, level,
                subject
           FROM outbound_messages WHERE status = 'held' AND not_before <= $1
          ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const groups = new Map<string, typeof due>();
      for (const row of due) {
        const key = `${row.department_id}\u0000${row.channel}\u0000${row.recipient_address}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const group of groups.values()) {
        const first = group[0] as (typeof group)[number];
        if (group.length === 1) {
          await manager.query(
            `UPDATE outbound_messages SET status = 'pending', next_attempt_at = $2 WHERE id = $1`,
            [first.id, now],
          );
          continue;
        }
        const level = highestLevel(
          group.map((row) => row.level),
          null,
        );
        const [digest] = await insertMessages(manager, [
          {
            dedupeKey: `morning:${group.map((row) => row.id).join(',')}`,
            purpose: 'morning-digest',
            departmentId: first.department_id,
            alertKey: null,
            channel: first.channel,
            recipientAddress: first.recipient_address,
            recipientName: first.recipient_name,
            recipientHint: first.recipient_hint,
            mentionMobiles: [...new Set(group.flatMap((row) => row.mention_mobiles))],
            level,
            content: render(group.map((row) => ({ subject: row.subject, level: row.level }))),
            held: false,
            notBefore: now,
          },
        ]);
        await manager.query(
          `UPDATE outbound_messages SET status = 'merged', merged_into = $2 WHERE id = ANY($1::bigint[])`,
          [group.map((row) => row.id), digest?.id],
        );
      }
      return due.length;
    });
  }

  async claimDue(
    channel: OutboundChannel,
    now: string,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedOutboundMessage[]> {
    const claimed = await rows<{
      id: string;
      purpose: OutboundPurpose;
      department_id: string;
      recipient_address: string;
      recipient_name: string;
      mention_mobiles: string[];
      subject: string;
      text: string;
      html: string;
      short_text: string;
      attempts: number;
    }>(
      this.dataSource,
      `UPDATE outbound_messages m
          SET attempts = m.attempts + 1, lease_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
         FROM (SELECT id FROM outbound_messages
                WHERE status = 'pending' AND channel = $1 AND next_attempt_at <= $2
                  AND (lease_until IS NULL OR lease_until <= $2)
                ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) due
        WHERE m.id = due.id
        RETURNING m.id, m.purpose, m.department_id, m.recipient_address, m.recipient_name, m.mention_mobiles,
                  m.subject, m.text, m.html, m.short_text, m.attempts`,
      [channel, now, leaseMs, limit],
    );
    return claimed.map((row) => ({
      id: Number(row.id),
      purpose: row.purpose,
      departmentId: row.department_id,
      channel,
      recipientAddress: row.recipient_address,
      recipientName: row.recipient_name,
      mentionMobiles: row.mention_mobiles,
      content: { subject: row.subject, text: row.text, html: row.html, short: row.short_text },
      attempts: row.attempts,
    }));
  }

  recordAttempt(messageId: number, attempt: OutboundAttempt, retryAt: string | null): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO outbound_attempts (message_id, attempt, at, ok, answer, duration_ms)
         SELECT id, attempts, $2, $3, $4, $5 FROM outbound_messages WHERE id = $1`,
        [messageId, attempt.at, attempt.ok, attempt.answer, Math.round(attempt.durationMs)],
      );
      await manager.query(
        `UPDATE outbound_messages
            SET status = CASE WHEN $2 THEN 'delivered' WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                delivered_at = CASE WHEN $2 THEN $4::timestamptz ELSE NULL END,
                next_attempt_at = COALESCE($3::timestamptz, next_attempt_at), lease_until = NULL, last_answer = $5
          WHERE id = $1`,
        [messageId, attempt.ok, attempt.ok ? null : retryAt, attempt.at, attempt.answer],
      );
    });
  }

  async messages(filter: OutboundMessageFilter): Promise<OutboundMessageView[]> {
    return readRows(
      this.dataSource,
      viewFromRow,
      `SELECT ${VIEW_COLUMNS} FROM outbound_messages
        WHERE ($1::text IS NULL OR department_id = $1) AND ($2::text IS NULL OR channel = $2)
          AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR purpose = $4)
          AND ($5::text IS NULL OR alert_key = $5) AND ($7::bigint[] IS NULL OR id = ANY($7::bigint[]))
        ORDER BY id DESC LIMIT $6`,
      [
        filter.departmentId ?? null,
        filter.channel ?? null,
        filter.status ?? null,
        filter.purpose ?? null,
        filter.alertKey ?? null,
        filter.limit,
        filter.ids ?? null,
      ],
    );
  }

  async message(id: number): Promise<OutboundMessageDetail | null> {
    const row = await firstRow<MessageRow & { text: string }>(
      this.dataSource,
      `SELECT ${VIEW_COLUMNS}, text FROM outbound_messages WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    const attempts = await rows<{
      attempt: number;
      at: Date;
      ok: boolean;
      answer: string;
      duration_ms: number;
    }>(
      this.dataSource,
      `SELECT attempt, at, ok, answer, duration_ms FROM outbound_attempts WHERE message_id = $1 ORDER BY id`,
      [id],
    );
    return {
      ...viewFromRow(row),
      text: row.text,
      attemptLog: attempts.map((attempt) => ({
        attempt: attempt.attempt,
        at: attempt.at.toISOString(),
        ok: attempt.ok,
        answer: attempt.answer,
        durationMs: attempt.duration_ms,
      })),
    };
  }

  async dueForHead(now: string, limit: number): Promise<EscalationCandidate[]> {
    return readRows(
      this.dataSource,
      candidateFromRow,
      `SELECT ${CANDIDATE_COLUMNS} FROM signals s
        WHERE s.level IN ('yellow', 'red') AND s.response_due_at <= $1 AND ${UNANSWERED}
          AND NOT EXISTS (SELECT 1 FROM signal_escalations e WHERE e.alert_key = s.alert_key AND e.step = 'head')
        ORDER BY s.response_due_at, s.alert_key LIMIT $2`,
      [now, limit],
    );
  }

  async dueForOffice(now: string, limit: number): Promise<EscalationCandidate[]> {
    return readRows(
      this.dataSource,
      candidateFromRow,
      `SELECT ${CANDIDATE_COLUMNS} FROM signal_escalations h JOIN signals s ON s.alert_key = h.alert_key
        WHERE h.step = 'head' AND h.next_due_at <= $1 AND ${UNANSWERED}
          AND NOT EXISTS (SELECT 1 FROM signal_escalations e WHERE e.alert_key = s.alert_key AND e.step = 'office')
        ORDER BY h.next_due_at, s.alert_key LIMIT $2`,
      [now, limit],
    );
  }

  recordEscalations(steps: EscalationStep[]): Promise<number> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      let recorded = 0;
      for (const step of steps) {
        const inserted = await rows<{ alert_key: string }>(
          manager,
          `INSERT INTO signal_escalations (alert_key, step, at, next_due_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING alert_key`,
          [step.alertKey, step.step, step.at, step.nextDueAt],
        );
        if (inserted.length === 0) continue;
        await insertTransitions(manager, [step.transition]);
        await insertMessages(manager, step.messages);
        recorded += 1;
      }
      return recorded;
    });
  }

  async caseHandler(caseId: string): Promise<{ id: string; name: string | null } | null> {
    const row = await firstRow<{ id: string; name: string | null }>(
      this.dataSource,
      `SELECT event->'actor'->>'id' AS id, event->'actor'->>'name' AS name FROM audit_events
        WHERE case_id = $1 AND event->'actor'->>'id' IS NOT NULL
        ORDER BY occurred_at DESC, seq DESC LIMIT 1`,
      [caseId],
    );
    return row;
  }
}
