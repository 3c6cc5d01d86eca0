import type { WallChange, WallSignal, WallSignalCore } from '../../../../libs/contracts/src/wall-protocol';
import { matches, raisedSignal, STREAM_LIMIT, StreamState } from './stream-state';

const familyOf = (ruleId: string) => (ruleId.startsWith('TIME_') ? 'time-limit' : ruleId);

const raised: WallSignalCore = {
  alertKey: 'C-1|FEE_NOT_IN_CATALOG|e1',
  caseId: 'C-1',
  itemCode: 'XK-SCJG-003',
  departmentId: 'scjgj',
  ruleId: 'FEE_NOT_IN_CATALOG',
  stage: 'before',
  level: 'red',
  raisedAt: '2026-11-26T09:00:00.000Z',
  triggeredBy: 'e1',
  message: '擅自收费',
};

function aSignal(overrides: Partial<WallSignal> = {}): WallSignal {
  return { ...raisedSignal(raised, 'FEE_NOT_IN_CATALOG'), ...overrides };
}

function aChange(
  sequence: number,
  kind: WallChange['kind'],
  signal: Partial<WallSignalCore> = {},
  extra: Partial<WallChange> = {},
): WallChange {
  return { sequence, kind, signal: { ...raised, ...signal, details: {} }, ...extra };
}

const lifecycle = (status: WallSignal['status'], escalatedTo: string | null = null) => ({
  status,
  responseDueAt: '2026-11-30T16:00:00.000Z',
  overdueAt: null,
  escalatedTo,
  responseKind: null,
  verdict: null,
});

describe(StreamState.name, () => {
  it('puts a raised signal on top, once', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal({ alertKey: 'old' })], 10);
    expect(sut.apply(aChange(11, 'raised', { alertKey: 'new' }), {})).toBe('added');
    expect(sut.apply(aChange(11, 'raised', { alertKey: 'new' }), {})).toBe('ignored');
    expect(sut.visible().map((r) => r.signal.alertKey)).toEqual(['new', 'old']);
    expect(sut.row('new')).toMatchObject({ arrived: true, lastSequence: 11, signal: { status: 'open' } });
  });

  it('never lets an older change overwrite a newer state', () => {
    const sut = new StreamState(familyOf);
    sut.load([], 0);
    sut.apply(aChange(5, 'raised'), {});
    expect(sut.apply(aChange(9, 'acknowledged', {}, { lifecycle: lifecycle('acknowledged') }), {})).toBe(
      'updated',
    );
    expect(sut.apply(aChange(7, 'overdue', {}, { lifecycle: lifecycle('open') }), {})).toBe('ignored');
    expect(sut.row('C-1|FEE_NOT_IN_CATALOG|e1')?.signal.status).toBe('acknowledged');
  });

  it('takes the snapshot as the state up to its sequence', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal({ status: 'responded' })], 50);
    expect(sut.apply(aChange(49, 'acknowledged', {}, { lifecycle: lifecycle('acknowledged') }), {})).toBe(
      'ignored',
    );
    expect(sut.apply(aChange(51, 'closed', {}, { lifecycle: lifecycle('closed') }), {})).toBe('updated');
    expect(sut.row('C-1|FEE_NOT_IN_CATALOG|e1')?.signal.status).toBe('closed');
  });

  it('retracts with the reason, and hides a superseded signal', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal({ alertKey: 'yellow', level: 'yellow' }), aSignal({ alertKey: 'x' })], 1);
    sut.apply(aChange(2, 'retracted', { alertKey: 'x' }, { reason: 'late data' }), {});
    sut.apply(
      aChange(
        3,
        'escalated',
        { alertKey: 'yellow', level: 'yellow' },
        { lifecycle: lifecycle('open', 'red') },
      ),
      {},
    );
    expect(sut.row('x')?.signal).toMatchObject({ status: 'retracted', retractedReason: 'late data' });
    expect(sut.visible().map((r) => r.signal.alertKey)).toEqual(['x']);
  });

  it('adds only raised signals that pass the filter', () => {
    const sut = new StreamState(familyOf);
    sut.load([], 0);
    expect(
      sut.apply(aChange(1, 'raised', { alertKey: 'zjj', departmentId: 'zjj' }), { departmentId: 'scjgj' }),
    ).toBe('ignored');
    expect(
      sut.apply(
        aChange(2, 'acknowledged', { alertKey: 'other' }, { lifecycle: lifecycle('acknowledged') }),
        {},
      ),
    ).toBe('ignored');
    expect(
      sut.apply(aChange(3, 'raised', { alertKey: 'TIME', ruleId: 'TIME_OVERDUE' }), { level: 'red' }),
    ).toBe('added');
    expect(sut.row('TIME')?.signal.ruleFamily).toBe('time-limit');
  });

  it('keeps at most STREAM_LIMIT signals, dropping the oldest', () => {
    const sut = new StreamState(familyOf);
    sut.load([], 0);
    for (let i = 1; i <= STREAM_LIMIT + 5; i += 1) sut.apply(aChange(i, 'raised', { alertKey: `k${i}` }), {});
    const keys = sut.visible().map((r) => r.signal.alertKey);
    expect(keys).toHaveLength(STREAM_LIMIT);
    expect(keys[0]).toBe(`k${STREAM_LIMIT + 5}`);
    expect(sut.row('k1')).toBeUndefined();
  });
});

describe(matches.name, () => {
  it.each([
    [{}, true],
    [{ departmentId: 'scjgj', level: 'red', stage: 'before', ruleId: 'FEE_NOT_IN_CATALOG' }, true],
    [{ departmentId: 'zjj' }, false],
    [{ level: 'yellow' }, false],
    [{ stage: 'during' }, false],
    [{ ruleId: 'TIME_OVERDUE' }, false],
  ] as const)('filter %o → %s', (filter, expected) => {
    expect(matches(aSignal(), filter)).toBe(expected);
  });
});

describe('the stream on 催办 (urge)', () => {
  const urged = (sequence: number, urgeCount: number): WallChange => ({
    sequence,
    kind: 'urged',
    signal: raised,
    reason: '请尽快答复',
    lifecycle: lifecycle('open'),
    urgeCount,
  });

  it('shows the count the change carries, the status unchanged', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal()], 10);
    expect(sut.apply(urged(11, 1), {})).toBe('updated');
    expect(sut.apply(urged(12, 2), {})).toBe('updated');
    expect(sut.row(raised.alertKey)?.signal).toMatchObject({ status: 'open', urgeCount: 2 });
  });

  it('never counts an urge twice: the snapshot already counted it, or it comes again', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal({ urgeCount: 2 })], 10);
    sut.apply(urged(11, 2), {});
    expect(sut.row(raised.alertKey)?.signal.urgeCount).toBe(2);
    sut.apply(urged(11, 2), {});
    expect(sut.row(raised.alertKey)?.signal.urgeCount).toBe(2);
  });

  it('keeps the count through later steps', () => {
    const sut = new StreamState(familyOf);
    sut.load([aSignal({ urgeCount: 1 })], 10);
    sut.apply({ ...urged(12, 1), kind: 'acknowledged', urgeCount: undefined }, {});
    expect(sut.row(raised.alertKey)?.signal.urgeCount).toBe(1);
  });
});
