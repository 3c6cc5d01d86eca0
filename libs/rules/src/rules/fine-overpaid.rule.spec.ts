import type { ApprovalEvent } from '@app/contracts';
import { aCase, runRules, summarize } from '../testing/factories';
import { FINE_OVERPAID } from './fine-overpaid.rule';

describe(FINE_OVERPAID.id, () => {
  it.each([
    ['the decided fine in full', [500_000], []],
    ['in two parts', [300_000, 200_000], []],
    ['1 fen more in the second part', [300_000, 200_001], ['FINE_OVERPAID[pay-2]@2026-10-02T10:00']],
  ] as const)('paying %s after the decision raises %j', (_, payments, expected) => {
    const c = aCase('P-1', 'CF-001');
    const events: ApprovalEvent[] = [
      c.event('penalty.filed', '2026-09-14T09:00'),
      c.event('penalty.hearing_notified', '2026-09-15T09:00'),
      c.event('penalty.decided', '2026-09-28T09:00', { fine: 500_000 }),
    ];
    payments.forEach((amount, index) =>
      events.push(
        c.event(
          'penalty.paid',
          `2026-10-0${index + 1}T10:00`,
          { amount, receiptNo: `P-${index}` },
          { eventId: `pay-${index + 1}` },
        ),
      ),
    );

    expect(summarize(runRules(events), FINE_OVERPAID.id)).toEqual(expected);
  });

  it('fires for a fine paid before any decision', () => {
    const c = aCase('P-1', 'CF-001');
    const events: ApprovalEvent[] = [
      c.event('penalty.filed', '2026-09-14T09:00'),
      c.event('penalty.paid', '2026-09-20T10:00', { amount: 1000 }),
    ];

    const signal = runRules(events).find((s) => s.ruleId === FINE_OVERPAID.id);

    expect(signal).toMatchObject({ alertKey: 'P-1|FINE_OVERPAID|P-1#2', details: { decidedFine: null } });
  });
});
