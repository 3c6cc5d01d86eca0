import type { Actor, WallSilence } from '@app/contracts';

/**
 * A silence mutes a department's notifications (all channels) for a while, e.g. during the
 * outage of a department's business system: every signal is still stored, shown on the wall and
 * handled; only the notifications are held back. Matching by department, by rule, or both.
 * Stored as the wall shows it.
 */
export type SilenceRecord = WallSilence;

export interface NewSilence {
  departmentId: string | null;
  ruleId: string | null;
  reason: string;
  startsAt: string;
  endsAt: string;
}

/** Port: silences, each creation and early expiry in the operator audit. */
export abstract class SilenceStore {
  abstract create(silence: NewSilence, actor: Actor): Promise<SilenceRecord>;
  /** Ends a silence now; null when there is no such silence, unchanged when already over. */
  abstract expire(id: string, actor: Actor, now: string): Promise<SilenceRecord | null>;
  abstract find(id: string): Promise<SilenceRecord | null>;
  /** Silences in force at `activeAt`, or every silence (newest first) when it is absent. */
  abstract list(options: {
    activeAt?: string;
    departmentId?: string | null;
    limit: number;
  }): Promise<SilenceRecord[]>;
}
