import type { DayNumber } from '@app/calendar';
import { plan } from '../lifecycle';
import { defineIrregularity } from './irregularity';
import { ofType } from './shared';

/** Supplements asked for twice, one material at a time, instead of all at once (一次性告知). */
export const SUPPLEMENT_REPEATED = defineIrregularity({
  kind: 'SUPPLEMENT_REPEATED',
  caseKinds: ['licensing'],
  compressible: true,
  fits: (item) => item.requiredMaterials.length >= 2,
  missingMaterials: ({ item }) => Math.min(2, item.requiredMaterials.length),
  supplements({ random, work, calendar, settings }, { missing, submittedDay, partyPlacement, builder }) {
    const noticeLimit = work.workdayAfter(submittedDay, settings.supplementNoticeDays - 1);
    /** Asks for one material, which comes on `suppliedDay` (by default the day after the request). */
    const round = (material: string, requestDay: DayNumber, suppliedDay?: DayNumber) => {
      builder.emit(plan('case.supplement_requested', { missingMaterials: [material] }, requestDay, 'office'));
      const day = suppliedDay ?? calendar.addDays(builder.day, 1);
      builder.emit(plan('case.supplemented', { materials: [material] }, day, partyPlacement, 'party'));
    };
    const first = work.workdayAfter(submittedDay, random.int(0, 1));
    round(missing[0] as string, first, calendar.addDays(first, 1));
    const second = Math.min(calendar.addDays(builder.day, random.int(0, 1)), noticeLimit);
    round(missing[1] ?? '补充说明材料', second);
  },
  shows: (generated) => ofType(generated, 'case.supplement_requested').length >= 2,
});
