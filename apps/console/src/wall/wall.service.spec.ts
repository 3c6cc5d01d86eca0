import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import type { SignalStore, WallStore } from '@app/persistence';
import { FixedClock } from '@app/platform';
import { ReferenceData } from '../reference/reference-data';
import { wallCaseView, wallReferenceView } from './wall-views';
import { WallService } from './wall.service';

function aWallService(): WallService {
  const reference = new ReferenceData(
    [
      { id: 'scjgj', name: '市市场监督管理局', nameEn: 'Municipal Administration for Market Regulation' },
      { id: 'jyj', name: '市教育局' },
    ],
    new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026),
  );
  // the reference data is all `referenceFor` reads
  return new WallService({} as WallStore, {} as SignalStore, reference, new FixedClock(0));
}

describe('WallService.referenceFor', () => {
  it("gives every department's English name, null where the catalogue has none", () => {
    const answer = aWallService().referenceFor({ departmentId: null });

    expect(answer.departments).toEqual([
      { id: 'scjgj', name: '市市场监督管理局', nameEn: 'Municipal Administration for Market Regulation' },
      { id: 'jyj', name: '市教育局', nameEn: null },
    ]);
    expect(wallReferenceView.safeParse(answer).success).toBe(true);
  });

  it("gives an officer only their own department, or its id when the catalogue doesn't list it", () => {
    const sut = aWallService();

    expect(sut.referenceFor({ departmentId: 'scjgj' }).departments).toEqual([
      { id: 'scjgj', name: '市市场监督管理局', nameEn: 'Municipal Administration for Market Regulation' },
    ]);
    expect(sut.referenceFor({ departmentId: 'gone' }).departments).toEqual([
      { id: 'gone', name: 'gone', nameEn: null },
    ]);
  });
});

describe('WallService.caseView', () => {
  const found = {
    caseId: 'C-1',
    itemCode: 'CF-SCJG-001',
    departmentId: 'scjgj',
    phase: 'running',
    acceptedAt: null,
    promisedDeadline: null,
    legalDeadline: null,
    eventCount: 1,
    lastOccurredAt: '2026-11-11T01:31:00.000Z',
  };
  const penalty = {
    name: '对未取得食品经营许可从事食品经营活动的行政处罚',
    steps: [{ code: 'investigate', name: '调查取证' }],
  };
  const store = {
    caseEvents: () => Promise.resolve([]),
    caseSignals: () => Promise.resolve([]),
    caseTransitions: () => Promise.resolve([]),
  };
  const service = (itemCode: string) =>
    new WallService(
      store as unknown as WallStore,
      { findCase: () => Promise.resolve({ ...found, itemCode }) } as unknown as SignalStore,
      new ReferenceData(
        [],
        new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026),
        new Map([['CF-SCJG-001', penalty]]),
      ),
      new FixedClock(0),
    );

  it("names the case's item and its steps as the catalogue does", async () => {
    const view = await service('CF-SCJG-001').caseView('C-1', { departmentId: null });
    expect(view).toMatchObject({ item: penalty, case: { caseId: 'C-1' } });
    expect(wallCaseView.safeParse(view).success).toBe(true);
  });

  it('gives no item for a code the catalogue does not list', async () => {
    const view = await service('XK-GONE').caseView('C-1', { departmentId: null });
    expect(view).toMatchObject({ item: null });
    expect(wallCaseView.safeParse(view).success).toBe(true);
  });
});
