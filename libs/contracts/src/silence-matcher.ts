// Which silences hold back the notifications of a signal: the same rule as the digest builder's SQL
// (`silenceMatches` in libs/persistence/src/signals/pg-silence.store.ts), as pure code the wall page
// imports to mark the signals under a silence. No import at all, so the page's bundle takes nothing
// else of the library.

/** What a silence matches, and when it is in force. */
export interface SilenceMatcher {
  /** The department it silences, or null for every department. */
  departmentId: string | null;
  /** The rule it silences, or null for every rule. */
  ruleId: string | null;
  startsAt: string;
  endsAt: string;
  /** Ended early (`DELETE /api/silences/{id}`). */
  expiredAt: string | null;
}

/** In force at `at` (ms): started, not ended, not ended early. */
export function silenceInForce(silence: SilenceMatcher, at: number): boolean {
  return silence.expiredAt === null && Date.parse(silence.startsAt) <= at && Date.parse(silence.endsAt) > at;
}

/** In force at `at` and matching the signal's department (or any) and rule (or any). */
export function silenceMatches(
  silence: SilenceMatcher,
  signal: { departmentId: string; ruleId: string },
  at: number,
): boolean {
  return (
    silenceInForce(silence, at) &&
    (silence.departmentId === null || silence.departmentId === signal.departmentId) &&
    (silence.ruleId === null || silence.ruleId === signal.ruleId)
  );
}

/** The silences over a signal at `at`, in the order given. */
export function silencesOver<T extends SilenceMatcher>(
  silences: readonly T[],
  signal: { departmentId: string; ruleId: string },
  at: number,
): T[] {
  return silences.filter((silence) => silenceMatches(silence, signal, at));
}
