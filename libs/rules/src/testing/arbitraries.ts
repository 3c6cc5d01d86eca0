/**
 * fast-check arbitraries: plausible cases (a happy path with steps dropped, noise inserted and
 * payloads varied) merged into one stream in `occurredAt` order.
 */
import fc from 'fast-check';
import type { ApprovalEvent, EventType, PayloadByType } from '@app/contracts';
import { CaseStory } from './factories';

type Step = { type: EventType; payload: Partial<PayloadByType[EventType]> };

const LICENSING_PATH: EventType[] = [
  'case.submitted',
  'case.supplement_requested',
  'fee.assessed',
  'case.supplemented',
  'case.accepted',
  'step.started',
  'case.suspended',
  'case.resumed',
  'step.completed',
  'case.extended',
  'step.started',
  'case.completed',
  'fee.paid',
  'case.delivered',
  'case.evaluated',
];
const PENALTY_PATH: EventType[] = [
  'penalty.filed',
  'step.started',
  'penalty.proposed',
  'case.suspended',
  'penalty.hearing_notified',
  'case.resumed',
  'step.completed',
  'penalty.decided',
  'penalty.paid',
  'penalty.paid',
  'case.delivered',
];
const NOISE: EventType[] = [
  'case.resumed',
  'step.completed',
  'case.completed',
  'case.accepted',
  'case.refused',
  'fee.paid',
  'case.supplement_requested',
  'penalty.decided',
];
const RECEIPTS = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'];

const payloadFor = (type: EventType): fc.Arbitrary<Step['payload']> => {
  switch (type) {
    case 'case.submitted':
      return fc.record({ materials: fc.subarray(['申请书', '营业执照', '身份证']) });
    case 'step.started':
    case 'step.completed':
      return fc.record({ stepCode: fc.constantFrom('review', 'approve', 'unlisted') });
    case 'case.suspended':
      return fc.record({
        procedure: fc.constantFrom('expert_review' as const, 'hearing' as const, 'other' as const),
      });
    case 'case.extended':
      return fc.record({ days: fc.integer({ min: 1, max: 12 }), reason: fc.constantFrom('复杂', '') });
    case 'case.completed':
      return fc.record({
        result: fc.constantFrom('approved' as const, 'denied' as const),
        reason: fc.constantFrom('理由', ''),
      });
    case 'case.refused':
      return fc.record({ reason: fc.constantFrom('不属于本机关职权', ''), legalBasis: fc.constantFrom('') });
    case 'penalty.filed':
      return fc.record({
        party: fc.record({ kind: fc.constantFrom('person' as const, 'organization' as const) }),
      });
    case 'case.evaluated':
      return fc.record({ score: fc.integer({ min: 1, max: 5 }) });
    case 'fee.assessed':
      return fc.record({
        feeCode: fc.constantFrom('F-001', 'F-OLD', 'X-1'),
        amount: fc.constantFrom(0, 4999, 5000, 6000),
      });
    case 'fee.paid':
      return fc.record({
        feeCode: fc.constantFrom('F-001', 'F-OLD'),
        amount: fc.constantFrom(1000, 5000, 9000),
        payee: fc.constantFrom('treasury' as const, 'department' as const),
        receiptNo: fc.constantFrom(...RECEIPTS),
      });
    case 'penalty.proposed':
    case 'penalty.decided':
      return fc.record({
        violationCode: fc.constantFrom('V-001', 'V-404'),
        tier: fc.constantFrom('ordinary' as const, 'ordinary' as const, 'mitigated' as const),
        fine: fc.constantFrom(50_000, 200_000, 400_000, 400_000, 650_000, 2_000_000),
      });
    case 'penalty.paid':
      return fc.record({
        amount: fc.constantFrom(5000, 400_000, 650_000),
        payee: fc.constantFrom('bank' as const, 'department' as const),
        receiptNo: fc.constantFrom(...RECEIPTS),
      });
    default:
      return fc.constant({});
  }
};

const stepArbitrary = (type: EventType): fc.Arbitrary<Step> =>
  payloadFor(type).map((payload) => ({ type, payload }));

const caseStepsArbitrary: fc.Arbitrary<{ itemCode: string; steps: Step[] }> = fc
  .constantFrom('XK-001', 'CF-001', 'CF-001', 'NO-SUCH-ITEM')
  .chain((itemCode) => {
    const penalty = itemCode === 'CF-001';
    // a penalty case is always filed and decided, so that decisions have peers
    const path = penalty ? PENALTY_PATH.slice(1) : LICENSING_PATH;
    const kept = fc
      .subarray(path, { minLength: 1 })
      .map((types) =>
        penalty
          ? [
              'penalty.filed' as const,
              ...types.filter((type) => type !== 'penalty.decided'),
              'penalty.decided' as const,
            ]
          : types,
      );
    return fc
      .tuple(kept, fc.array(fc.tuple(fc.nat(20), fc.constantFrom(...NOISE)), { maxLength: 3 }))
      .chain(([kept, noise]) => {
        const types = [...kept];
        for (const [position, type] of noise) types.splice(position % (types.length + 1), 0, type);
        return fc.tuple(...types.map(stepArbitrary)).map((steps) => ({ itemCode, steps }));
      });
  });

/** Hours between consecutive events of a case: same instant, an hour, a day, a long pause. */
const gapArbitrary = fc.constantFrom(0, 0, 1, 7, 24, 48, 120, 400);

const START = Date.parse('2026-09-14T01:00:00Z');
const HOUR = 3_600_000;

/**
 * Several cases, each with its own event order. Payments and decisions of case i sit at grid
 * instants + (i + 1) ms (and what follows them at the same grid instant, too), so the events the
 * cross-case rules read (receipts, peers) never tie across cases: which of two payments at one
 * instant is the duplicate depends, by the spec, on their arrival order. Every other event sits
 * on an hour grid, where cases tie a lot. Some events are reported late.
 */
export const casesArbitrary: fc.Arbitrary<ApprovalEvent[][]> = fc
  .array(
    fc.tuple(
      caseStepsArbitrary,
      fc.array(gapArbitrary, { minLength: 20, maxLength: 20 }),
      fc.nat(48),
      fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
    ),
    { minLength: 2, maxLength: 8 },
  )
  .map((cases) =>
    cases.map(([{ itemCode, steps }, gaps, startHours, lateReports], caseIndex) => {
      const story = new CaseStory(`C-${caseIndex}`, itemCode);
      let grid = START + startHours * HOUR;
      let previous = -Infinity;
      return steps.map((step, index) => {
        grid += (gaps[index] ?? 0) * HOUR;
        const coupled =
          step.type === 'fee.paid' || step.type === 'penalty.paid' || step.type === 'penalty.decided';
        const occurredAtMs = Math.max(coupled ? grid + caseIndex + 1 : grid, previous);
        previous = occurredAtMs;
        const reportedAt =
          lateReports[index] === true && lateReports[index + 1] === true && index % 3 === 0
            ? occurredAtMs + 30 * HOUR
            : undefined;
        return story.event(step.type, new Date(occurredAtMs).toISOString(), step.payload as never, {
          ...(reportedAt === undefined ? {} : { reportedAt: new Date(reportedAt).toISOString() }),
        });
      });
    }),
  );

/**
 * Merges per-case event lists into one arrival order: by occurredAt, and among equal instants an
 * interleaving of the cases picked with `randomness` (each case keeps its own order).
 */
export function merge(cases: readonly ApprovalEvent[][], randomness: readonly number[]): ApprovalEvent[] {
  let draw = 0;
  const pick = (count: number) =>
    randomness.length === 0 ? 0 : (randomness[draw++ % randomness.length] ?? 0) % count;
  const entries = cases.flatMap((events, caseIndex) =>
    events.map((event, index) => ({ event, caseIndex, index, at: Date.parse(event.occurredAt) })),
  );
  entries.sort((a, b) => a.at - b.at || a.caseIndex - b.caseIndex || a.index - b.index);
  const merged: ApprovalEvent[] = [];
  for (let start = 0; start < entries.length; ) {
    let end = start;
    while (end < entries.length && entries[end]?.at === entries[start]?.at) end += 1;
    const queues = new Map<number, ApprovalEvent[]>();
    for (const entry of entries.slice(start, end)) {
      const queue = queues.get(entry.caseIndex) ?? [];
      queue.push(entry.event);
      queues.set(entry.caseIndex, queue);
    }
    while (queues.size > 0) {
      const candidates = [...queues.keys()];
      const caseIndex = candidates[pick(candidates.length)] as number;
      const queue = queues.get(caseIndex) as ApprovalEvent[];
      merged.push(queue.shift() as ApprovalEvent);
      if (queue.length === 0) queues.delete(caseIndex);
    }
    start = end;
  }
  return merged;
}
