// Who may attach a file to a signal, and when. Pure: the service asks it with the signal locked.
import type { Actor } from '@app/contracts';

export interface AttachSubject {
  departmentId: string;
  status: string;
  escalatedTo: string | null;
}

export type AttachDecision =
  | { allowed: true }
  | { allowed: false; refusal: 'forbidden' | 'not-found' | 'conflict'; reason: string };

/** Statuses in which the department is still answering: evidence can be added. */
export const ATTACHABLE_STATUSES: readonly string[] = ['open', 'acknowledged'];

/**
 * Only an officer of the signal's own department, only while the signal is open or acknowledged
 * and not superseded. Another department's signal is refused as if it did not exist.
 */
export function decideAttach(
  alertKey: string,
  subject: AttachSubject | null,
  actor: Pick<Actor, 'role' | 'departmentId'>,
): AttachDecision {
  if (actor.role !== 'department_officer')
    return {
      allowed: false,
      refusal: 'forbidden',
      reason: `only the officers of the signal's department may attach files; you are ${actor.role}`,
    };
  if (!subject || subject.departmentId !== actor.departmentId)
    return { allowed: false, refusal: 'not-found', reason: `no signal ${alertKey}` };
  if (subject.escalatedTo !== null)
    return {
      allowed: false,
      refusal: 'conflict',
      reason: `the signal was superseded by ${subject.escalatedTo} (升级); attach files to that signal`,
    };
  if (!ATTACHABLE_STATUSES.includes(subject.status))
    return {
      allowed: false,
      refusal: 'conflict',
      reason: `files can be attached while a signal is open or acknowledged; this one is ${subject.status}`,
    };
  return { allowed: true };
}
