import type { WallChange } from '@app/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CATCH_UP_PAGE, REORDER_MARGIN_MS, WallCatchUp } from './wall-catch-up';
import { ChangeRange, WallStore } from '@app/persistence';

interface OutboxRow {
  sequence: number;
  departmentId: string;
  createdAt: number;
}

/** The outbox part of the wall store in memory; the rest is not used by catch-up. */
class InMemoryOutbox extends WallStore {
  constructor(readonly rows: OutboxRow[]) {
    super();
  }

  highWaterMark(): Promise<number> {
    return Promise.resolve(Math.max(0, ...this.rows.map((r) => r.sequence)));
  }

  settledBefore(sequence: number | null, marginMs: number): Promise<number> {
    const anchor = sequence === null ? Date.now() : this.rows.find((r) => r.sequence === sequence)?.createdAt;
    if (anchor === undefined) return Promise.resolve(sequence ?? 0);
    const settled = this.rows.filter(
      (r) => (sequence === null || r.sequence <= sequence) && r.createdAt < anchor - marginMs,
    );
    return Promise.resolve(Math.max(0, ...settled.map((r) => r.sequence)));
  }

  changesAfter(range: ChangeRange): Promise<WallChange[]> {
    return Promise.resolve(
      this.rows
        .filter(
          (r) =>
            r.sequence > range.from &&
            !range.except.includes(r.sequence) &&
            (range.departmentId === null || r.departmentId === range.departmentId),
        )
        .sort((a, b) => a.sequence - b.sequence)
        .slice(0, range.limit)
        .map((r) => aChange(r.sequence, r.departmentId)),
    );
  }

  signals = notUsed;
  caseCounts = notUsed;
  openSignals = notUsed;
  hourly = notUsed;
  completions = notUsed;
  caseEvents = notUsed;
  caseSignals = notUsed;
  caseTransitions = notUsed;
}

function notUsed(): never {
  throw new Error('not used by catch-up');
}

function aChange(sequence: number, departmentId: string): WallChange {
  return {
    sequence,
    kind: 'raised',
    at: '2026-11-26T09:00:00.000Z',
    signal: {
      alertKey: `C-${sequence}|FEE_NOT_IN_CATALOG|e`,
      caseId: `C-${sequence}`,
      itemCode: 'XK-SCJG-003',
      departmentId,
      ruleId: 'FEE_NOT_IN_CATALOG',
      stage: 'before',
      level: 'red',
      raisedAt: '2026-11-26T09:00:00.000Z',
      triggeredBy: 'e',
      message: '擅自收费',
    },
  };
}

const supervisor: AuthenticatedUser = {
  id: 's',
  username: 'jiancha',
  displayName: '监察员',
  role: 'supervisor',
  departmentId: null,
};
const officer: AuthenticatedUser = {
  id: 'o',
  username: 'officer-scjgj',
  displayName: '经办人',
  role: 'department_officer',
  departmentId: 'scjgj',
};
const administrator: AuthenticatedUser = {
  id: 'a',
  username: 'admin',
  displayName: '管理员',
  role: 'administrator',
  departmentId: null,
};

const T = Date.parse('2026-11-26T09:00:00Z');
const sequences = (answer: Awaited<ReturnType<WallCatchUp['resume']>>) =>
  answer.ok ? answer.changes.map((c) => c.sequence) : answer.error;

describe(WallCatchUp.name, () => {
  // 1–4 long settled; 5 committed late (allocated before 6 and 7, published after them); 8 and 9 missed
  const outbox = new InMemoryOutbox([
    { sequence: 1, departmentId: 'scjgj', createdAt: T - 600_000 },
    { sequence: 2, departmentId: 'zjj', createdAt: T - 590_000 },
    { sequence: 3, departmentId: 'scjgj', createdAt: T - 580_000 },
    { sequence: 4, departmentId: 'scjgj', createdAt: T - 570_000 },
    { sequence: 5, departmentId: 'scjgj', createdAt: T - 5_000 },
    { sequence: 6, departmentId: 'zjj', createdAt: T - 4_000 },
    { sequence: 7, departmentId: 'scjgj', createdAt: T - 3_000 },
    { sequence: 8, departmentId: 'scjgj', createdAt: T + 10_000 },
    { sequence: 9, departmentId: 'zjj', createdAt: T + 11_000 },
  ]);
  const sut = new WallCatchUp(outbox);

  it('sends what was missed since the highest sequence, and the late commit below it, but not what the client has', async () => {
    expect(sequences(await sut.resume(supervisor, { from: 7, seen: [6, 7], after: 4 }))).toEqual([5, 8, 9]);
  });

  it('sends an officer only their own department’s changes, whatever the client asks for', async () => {
    expect(sequences(await sut.resume(officer, { from: 7, seen: [7], after: 0 }))).toEqual([5, 8]);
  });

  it('looks back from `from` only as far as a transaction may stay open', async () => {
    expect(REORDER_MARGIN_MS).toBe(60_000);
    // 1–4 are more than a minute older than 7: settled, never sent again
    expect(sequences(await sut.resume(supervisor, { from: 7, seen: [] }))).toEqual([5, 6, 7, 8, 9]);
  });

  it('pages: `after` skips what an earlier page brought', async () => {
    const rows = Array.from({ length: CATCH_UP_PAGE + 10 }, (_, i) => ({
      sequence: i + 1,
      departmentId: 'scjgj',
      createdAt: T + i,
    }));
    const paged = new WallCatchUp(new InMemoryOutbox(rows));
    const first = await paged.resume(supervisor, { from: 0, seen: [], after: 0 });
    if (!first.ok) throw new Error(first.error);
    expect(first.more).toBe(true);
    expect(first.changes).toHaveLength(CATCH_UP_PAGE);
    const second = await paged.resume(supervisor, { from: 0, seen: [], after: CATCH_UP_PAGE });
    expect(sequences(second)).toEqual(Array.from({ length: 10 }, (_, i) => CATCH_UP_PAGE + i + 1));
  });

  it('refuses a role without a wall and a malformed request, saying why', async () => {
    expect(await sut.resume(administrator, { from: 0 })).toEqual({
      ok: false,
      error: 'a administrator has no wall',
    });
    expect(sequences(await sut.resume(supervisor, { from: -1 }))).toMatch(/^resume: from: /);
    expect(
      sequences(await sut.resume(supervisor, { from: 1, seen: new Array<number>(5_001).fill(1) })),
    ).toMatch(/^resume: seen: /);
  });
});
