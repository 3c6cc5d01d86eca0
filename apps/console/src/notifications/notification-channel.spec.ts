import type { DigestEntry, NotificationDigest } from '@app/persistence';
import { digestTitle, NotificationChannel, NotificationChannels } from './notification-channel';

function aChange(overrides: Partial<DigestEntry> = {}): DigestEntry {
  return {
    sequence: 1,
    kind: 'raised',
    alertKey: 'C1|FEE_NOT_IN_CATALOG|e1',
    caseId: 'C1',
    itemCode: 'XK-SCJG-003',
    ruleId: 'FEE_NOT_IN_CATALOG',
    level: 'red',
    stage: 'before',
    message: '擅自收费',
    raisedAt: '2026-09-18T06:00:00.000Z',
    reason: null,
    status: 'open',
    responseDueAt: null,
    escalatedTo: null,
    ...overrides,
  };
}

function aDigest(changes: DigestEntry[]): NotificationDigest {
  return {
    id: 7,
    departmentId: 'scjgj',
    createdAt: '2026-09-18T06:00:01.000Z',
    itemCount: changes.length,
    firstSequence: 1,
    lastSequence: changes.length,
    body: { digestId: 7, departmentId: 'scjgj', createdAt: '2026-09-18T06:00:01.000Z', changes },
  };
}

describe(digestTitle.name, () => {
  it('counts the changes and the new signals by level', () => {
    const sut = digestTitle(
      aDigest([
        aChange(),
        aChange({ level: 'yellow' }),
        aChange({ level: 'yellow' }),
        aChange({ kind: 'closed' }),
      ]),
    );
    expect(sut).toBe('4 条监察信号变更（红牌 1，黄牌 2）');
  });

  it('names only the count when no signal is new', () => {
    expect(digestTitle(aDigest([aChange({ kind: 'overdue' })]))).toBe('1 条监察信号变更');
  });
});

describe(NotificationChannels.name, () => {
  class Recording implements NotificationChannel {
    constructor(readonly name: string) {}
    deliver(): Promise<void> {
      return Promise.resolve();
    }
  }

  it('finds each channel by name, in the order given', () => {
    const inbox = new Recording('inbox');
    const sut = new NotificationChannels([new Recording('websocket'), inbox]);
    expect(sut.names).toEqual(['websocket', 'inbox']);
    expect(sut.get('inbox')).toBe(inbox);
    expect(sut.get('email')).toBeUndefined();
  });
});
