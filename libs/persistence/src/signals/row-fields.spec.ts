import { rowFields } from './row-fields';

describe(rowFields.name, () => {
  const row = {
    alert_key: 'A-1',
    response_due_at: new Date('2026-03-01T08:00:00.000Z'),
    closed_at: null as Date | null,
    sessions_valid_from: new Date('2026-01-02T03:04:05.678Z'),
    issued_by_username: 'zhang.wei',
  };

  it('answers the named columns under their camelCase names, instants as ISO strings', () => {
    expect(
      rowFields(row, ['alert_key', 'response_due_at', 'closed_at', 'sessions_valid_from']),
    ).toStrictEqual({
      alertKey: 'A-1',
      responseDueAt: '2026-03-01T08:00:00.000Z',
      closedAt: null,
      sessionsValidFrom: '2026-01-02T03:04:05.678Z',
    });
  });

  it('leaves out every column it was not asked for', () => {
    expect(Object.keys(rowFields(row, ['alert_key']))).toEqual(['alertKey']);
  });
});
