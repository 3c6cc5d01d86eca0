import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import type { SignalStore, WallStore } from '@app/persistence';
import { FixedClock } from '@app/platform';
import { ReferenceData } from '../reference/reference-data';
import { wallReferenceView } from './wall-views';
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
