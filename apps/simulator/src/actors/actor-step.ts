import type { Level } from '@app/contracts';
import type { LifecycleStatus, ResponseKind, Verdict } from '@app/rules';
import { ACKNOWLEDGE_TEXT, answerTextsFor, CLOSE_TEXTS } from './answer-texts';

/** Who looks at a signal: an officer of its department, or the supervision office. */
export type ActorRole = 'officer' | 'supervisor';

/** What the decision needs to know of a signal. */
export interface SignalAtHand {
  ruleId: string;
  level: Level;
  status: LifecycleStatus;
  responseKind: ResponseKind | null;
}

/** Uniform draws in [0, 1) for one signal in one status, the same in every round. */
export interface StepDraws {
  /** The signal is acted on once the share of its age's curve passes this. */
  pace: number;
  /** Which answer kind or verdict. */
  choice: number;
}

/** One lifecycle request an actor sends, with its body. */
export type ActorStep =
  | { action: 'acknowledge'; text: string }
  | { action: 'respond'; responseKind: ResponseKind; text: string }
  | { action: 'close'; verdict: Verdict; text: string };

/**
 * A supervisor confirms a violation without an answer only after this many working days
 * (督办期限 is 3 working days for a red card, 5 for a yellow one).
 */
export const CONFIRM_AFTER_WORKING_DAYS = 3;

/** `[age in working days, share of signals acted on by then]`, ages ascending. */
export type PaceCurve = readonly (readonly [number, number])[];

/**
 * How fast the office works: the share of signals of an age that have had each step. Fresh signals
 * mostly wait; after ~2 working days most are answered and about half closed.
 */
export const PACE: Readonly<Record<'acknowledge' | 'respond' | 'close' | 'confirmUnanswered', PaceCurve>> = {
  acknowledge: [
    [0, 0],
    [0.1, 0.05],
    [0.5, 0.3],
    [1, 0.6],
    [2, 0.88],
    [4, 0.96],
  ],
  respond: [
    [0, 0],
    [0.25, 0.03],
    [1, 0.35],
    [2, 0.8],
    [4, 0.93],
  ],
  close: [
    [0, 0],
    [0.5, 0.05],
    [1, 0.2],
    [2, 0.5],
    [3, 0.75],
    [6, 0.92],
  ],
  confirmUnanswered: [
    [CONFIRM_AFTER_WORKING_DAYS, 0],
    [5, 0.3],
    [10, 0.6],
  ],
};

/** A warning asks for attention, not an answer: departments sign for and answer fewer of them. */
const WARNING_FACTOR = { acknowledge: 0.7, respond: 0.5 };

/** The share of a curve at an age, interpolated linearly; flat before the first and after the last point. */
export function shareActedOn(curve: PaceCurve, ageInWorkingDays: number): number {
  const first = curve[0];
  if (!first || ageInWorkingDays <= first[0]) return first?.[1] ?? 0;
  for (let index = 1; index < curve.length; index += 1) {
    const [age, share] = curve[index] as readonly [number, number];
    const [previousAge, previousShare] = curve[index - 1] as readonly [number, number];
    if (ageInWorkingDays <= age)
      return (
        previousShare + ((share - previousShare) * (ageInWorkingDays - previousAge)) / (age - previousAge)
      );
  }
  return (curve[curve.length - 1] as readonly [number, number])[1];
}

function officerStep(signal: SignalAtHand, age: number, draws: StepDraws): ActorStep | null {
  const warning = signal.level === 'warning';
  if (signal.status === 'open') {
    const share = shareActedOn(PACE.acknowledge, age) * (warning ? WARNING_FACTOR.acknowledge : 1);
    return draws.pace < share ? { action: 'acknowledge', text: ACKNOWLEDGE_TEXT } : null;
  }
  if (signal.status === 'acknowledged') {
    const share = shareActedOn(PACE.respond, age) * (warning ? WARNING_FACTOR.respond : 1);
    if (draws.pace >= share) return null;
    const texts = answerTextsFor(signal.ruleId);
    return draws.choice < texts.correctionShare
      ? { action: 'respond', responseKind: 'correction', text: texts.correction }
      : { action: 'respond', responseKind: 'explanation', text: texts.explanation };
  }
  return null;
}

/** 销号 after an answer: a correction is mostly accepted; an explanation often, a warning's always. */
function verdictOnAnswer(signal: SignalAtHand, choice: number): Verdict {
  if (signal.responseKind === 'correction') return choice < 0.85 ? 'corrected' : 'violation_confirmed';
  if (signal.level === 'warning') return 'justified';
  return choice < 0.65 ? 'justified' : 'violation_confirmed';
}

function supervisorStep(signal: SignalAtHand, age: number, draws: StepDraws): ActorStep | null {
  if (signal.status === 'responded') {
    if (draws.pace >= shareActedOn(PACE.close, age)) return null;
    const verdict = verdictOnAnswer(signal, draws.choice);
    return { action: 'close', verdict, text: CLOSE_TEXTS[verdict] };
  }
  const unanswered = signal.status === 'open' || signal.status === 'acknowledged';
  if (!unanswered || signal.level === 'warning') return null;
  return draws.pace < shareActedOn(PACE.confirmUnanswered, age)
    ? { action: 'close', verdict: 'violation_confirmed', text: CLOSE_TEXTS.unanswered }
    : null;
}

/**
 * The step an actor takes on a signal now, or null to leave it for later. Pure: the same signal,
 * age and draws give the same step. Officers sign for (签收) and answer (情况说明 / 整改) their
 * department's signals; the supervisor closes (销号) answered ones with a verdict, and confirms a
 * violation (确认违规) on red and yellow cards left unanswered well past their deadline. Warnings
 * need no answer, so nobody confirms one unanswered; `justified` needs an answer first (the console
 * refuses it otherwise), so a warning is closed `justified` only after its department explained it.
 */
export function decideActorStep(
  role: ActorRole,
  signal: SignalAtHand,
  ageInWorkingDays: number,
  draws: StepDraws,
): ActorStep | null {
  return role === 'officer'
    ? officerStep(signal, ageInWorkingDays, draws)
    : supervisorStep(signal, ageInWorkingDays, draws);
}
