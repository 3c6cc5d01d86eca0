import type { EntityManager } from 'typeorm';
import type { Actor, OperatorAction } from '@app/contracts';

/**
 * One entry of the operator audit (silences, webhooks, users, dead deliveries), written in the
 * same transaction as the change it describes.
 */
export async function recordOperatorAction(
  manager: EntityManager,
  actor: Actor,
  action: OperatorAction,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.query(
    `INSERT INTO operator_audit (actor_id, actor_username, actor_role, address, action, target, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.userId, actor.username, actor.role, actor.address, action, target, JSON.stringify(details)],
  );
}
