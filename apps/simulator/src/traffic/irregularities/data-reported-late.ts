import { defineIrregularity } from './irregularity';
import { at } from './shared';

const HOUR = 3_600_000;

/** The case's last event sent more than the reporting delay after it occurred. */
export const DATA_REPORTED_LATE = defineIrregularity({
  kind: 'DATA_REPORTED_LATE',
  caseKinds: ['licensing', 'penalty'],
  compressible: false,
  lastReportDelay: ({ random, settings }) =>
    (settings.reportingDelayHours + random.int(1, 48)) * HOUR + random.int(0, 3599) * 1000,
  shows: (generated, { index }) =>
    generated.events.some(
      (event) =>
        event.reportedAt !== undefined &&
        Date.parse(event.reportedAt) - at(event) > index.settings.reportingDelayHours * 3_600_000,
    ),
});
