import type { Payee } from '@app/contracts';
import { aCase, runRules, summarize } from '../testing/factories';
import { PAYEE_NOT_TREASURY } from './payee-not-treasury.rule';

describe(PAYEE_NOT_TREASURY.id, () => {
  it.each([
    ['fee.paid', 'treasury', 5000, false],
    ['fee.paid', 'bank', 5000, false],
    ['fee.paid', 'department', 1, true],
    ['penalty.paid', 'department', 10_000, false],
    ['penalty.paid', 'department', 10_001, true],
    ['penalty.paid', 'bank', 9_000_000, false],
    ['penalty.paid', 'treasury', 9_000_000, false],
  ] as const)('%s to the %s of %d fen fires: %s', (type, payee, amount, fires) => {
    const c = aCase('C-1');
    const events = [
      c.event(type, '2026-09-15T10:00', { payee: payee as Payee, amount }, { eventId: 'payment' }),
    ];

    expect(summarize(runRules(events), PAYEE_NOT_TREASURY.id)).toEqual(
      fires ? ['PAYEE_NOT_TREASURY[payment]@2026-09-15T10:00'] : [],
    );
  });
});
