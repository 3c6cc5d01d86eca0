import type { NewTransition } from './signal-record';
import type { Queryable } from './sql';

/*
 * The writes to a signal's audit trail and to the outbox that both the pipeline's transaction and
 * the console's make: one statement each, the rows as one JSON document.
 */

/** Appends lifecycle steps to `signal_transitions`. */
export async function insertTransitions(db: Queryable, transitions: readonly NewTransition[]): Promise<void> {
  if (transitions.length === 0) return;
  await db.query(
    `INSERT INTO signal_transitions (alert_key, action, from_status, to_status, actor_id, actor_username, actor_role,
                                     address, at, response_kind, verdict, text, details)
     SELECT t."alertKey", t."action", t."fromStatus", t."toStatus", (t."actor"->>'userId')::uuid,
            t."actor"->>'username', t."actor"->>'role', t."actor"->>'address', t."at", t."responseKind",
            t."verdict", t."text", coalesce(t."details", '{}'::jsonb)
       FROM jsonb_to_recordset($1::jsonb) AS t("alertKey" text, "action" text, "fromStatus" text,
            "toStatus" text, "actor" jsonb, "at" timestamptz, "responseKind" text, "verdict" text,
            "text" text, "details" jsonb)`,
    [JSON.stringify(transitions)],
  );
}

/** Appends signal changes to `signal_outbox`, in order; the relay publishes each body as it is. */
export async function appendToOutbox(
  db: Queryable,
  changes: readonly { kind: string; signal: { alertKey: string; departmentId: string } }[],
): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO signal_outbox (alert_key, department_id, kind, body)
     SELECT o.body->'signal'->>'alertKey', o.body->'signal'->>'departmentId', o.body->>'kind', o.body
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS o(body, n) ORDER BY o.n`,
    [JSON.stringify(changes)],
  );
}
