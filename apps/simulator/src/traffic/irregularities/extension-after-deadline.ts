import { plan } from '../lifecycle';
import { EXTENSION_REASONS } from '../names';
import { defineIrregularity } from './irregularity';
import { at, clockEvents, deadlineAfter, itemOf, ofType } from './shared';
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
    const position = Math.min(
      firstLater === -1 ? entries.length : firstLater,
      completion === -1 ? entries.length : completion,
    );
    const payload = {
      days: random.int(3, settings.maxExtensionDays),
      reason: random.pick(EXTENSION_REASONS),
    };
    entries.splice(
      position,
      0,
      plan('case.extended', payload, Math.max(day, entries[position - 1]?.day ?? day), 'office'),
    );
  },
  shows: (generated, context) => {
    const item = itemOf(generated, context);
    const { start } = clockEvents(generated);
    if (!item || !start) return false;
    const promised = deadlineAfter(context.index, at(start), item.promisedDays, item.timeUnit);
    return ofType(generated, 'case.extended').some((event) => at(event) >= promised);
  },
});
