import type { ApprovalEvent, SuspensionProcedure } from '@app/contracts';
import { aCase, runRules, summarize } from '../testing/factories';
import { SUSPENSION_NOT_ALLOWED } from './suspension-not-allowed.rule';

// The item lists expert_review only.
describe(SUSPENSION_NOT_ALLOWED.id, () => {
  it.each([
    [['expert_review'], []],
    [['hearing'], ['SUSPENSION_NOT_ALLOWED[#1]@2026-09-22T10:00']],
    [['expert_review', 'inspection'], ['SUSPENSION_NOT_ALLOWED[#2]@2026-09-24T10:00']],
  ] as const)('suspensions %j raise %j', (procedures, expected) => {
    const c = aCase();
    const events: ApprovalEvent[] = [c.event('case.accepted', '2026-09-21T08:00')];
    procedures.forEach((procedure, index) => {
      events.push(
        c.event('case.suspended', `2026-09-2${2 + 2 * index}T10:00`, {
          procedure: procedure as SuspensionProcedure,
        }),
      );
      events.push(c.event('case.resumed', `2026-09-2${3 + 2 * index}T10:00`));
    });

    expect(summarize(runRules(events), SUSPENSION_NOT_ALLOWED.id)).toEqual(expected);
  });

  it('does not judge an item that is not in the catalogue', () => {
    const c = aCase('C-1', 'NO-SUCH-ITEM');
    const events: ApprovalEvent[] = [
      c.event('case.accepted', '2026-09-21T08:00'),
      c.event('case.suspended', '2026-09-22T10:00', { procedure: 'other' }),
    ];

    expect(summarize(runRules(events), SUSPENSION_NOT_ALLOWED.id)).toEqual([]);
  });
});
