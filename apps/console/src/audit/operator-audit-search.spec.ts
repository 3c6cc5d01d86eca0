import { operatorAuditCsv } from './audit.controller';
import { beijingDayStart, operatorAuditWhere } from '@app/persistence';

describe(operatorAuditWhere.name, () => {
  it('matches everything without a filter', () => {
    expect(operatorAuditWhere({})).toEqual({ where: 'true', parameters: [] });
  });

  it('narrows by action or its family, actor, part of the target and Beijing days', () => {
    const { where, parameters } = operatorAuditWhere({
      action: 'user',
      actor: 'Admin',
      target: '50%_off',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(where).toBe(
      '(action = $1 OR action LIKE $2) AND lower(actor_username) = lower($3) AND target ILIKE $4 AND at >= $5 AND at < $6',
    );
    expect(parameters).toEqual([
      'user',
      'user.%',
      'Admin',
      '%50\\%\\_off%',
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    ]);
  });

  it('starts a Beijing day at 16:00 UTC the day before', () => {
    expect(beijingDayStart('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe(operatorAuditCsv.name, () => {
  it('writes a header and one quoted line per action, details as JSON, formulas defused', () => {
    const csv = operatorAuditCsv([
      {
        id: 7,
        at: '2026-11-26T01:00:00.000Z',
        actorUsername: 'admin',
        actorRole: 'administrator',
        address: '127.0.0.1',
        action: 'user.update',
        target: '=HYPERLINK("x")',
        details: { to: { role: 'auditor' } },
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFid,at,actor,role,address,action,target,details',
      '7,2026-11-26T01:00:00.000Z,admin,administrator,127.0.0.1,user.update,"\'=HYPERLINK(""x"")","{""to"":{""role"":""auditor""}}"',
      '',
    ]);
  });
});
