import { plan } from '../lifecycle';
import { EXTENSION_REASONS } from '../names';
import { defineIrregularity } from './irregularity';
import { hasSlack, lateCompletionDay } from './time-overdue';

/**
 * A regular-looking extension (days within the limit, a reason) asked for on the first day after
 * the promised last day, once the limit had run out; the case then completes late.
 */
export const EXTENSION_AFTER_DEADLINE = defineIrregularity({
  kind: 'EXTENSION_AFTER_DEADLINE',
  caseKinds: ['licensing'],
  // asked for after the promised limit: days must pass first
  compressible: false,
  fits: hasSlack,
  completionDay: lateCompletionDay,
  amendPlan({ random, calendar, settings, entries, clock }) {
    const day = calendar.addDays(clock.promised, 1);
    // before the completion and before anything later than that day
    const completion = entries.findIndex((entry) => entry.type === 'case.completed');
    const firstLater = entries.findIndex((entry) => entry.day > day);
    const at = Math.min(
      firstLater === -1 ? entries.length : firstLater,
      completion === -1 ? entries.length : completion,
    );
    const payload = {
      days: random.int(3, settings.maxExtensionDays),
      reason: random.pick(EXTENSION_REASONS),
    };
    entries.splice(
      at,
      0,
      plan('case.extended', payload, Math.max(day, entries[at - 1]?.day ?? day), 'office'),
    );
  },
});
