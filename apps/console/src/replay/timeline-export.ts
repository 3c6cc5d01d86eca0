import type { Signal } from '@app/contracts';
import type { SignalTransitionRecord } from '@app/persistence';
import type { CaseTimelineFold, TimelineStep } from '@app/rules';
import type { SignalView } from '../signals/signal-views';

/** `GET /api/cases/{caseId}/timeline` (`docs/replay.md` § Case timeline). */
export interface CaseTimelineView {
  caseId: string;
  itemCode: string;
  departmentId: string;
  catalog: { version: string; source: string };
  watermark: string;
  projection: unknown;
  events: TimelineStep[];
  afterLastEvent: CaseTimelineFold['afterLastEvent'];
  signals: (SignalView & { replayed: boolean; lifecycle: SignalTransitionRecord[] })[];
  notRaisedLive: Signal[];
}

/** The columns of a timeline's CSV: one row per event, signal raised by the fold, live signal and lifecycle action. */
export const TIMELINE_COLUMNS = [
  'entry',
  'at',
  'seq',
  'type',
  'inSequence',
  'phase',
  'promisedDeadline',
  'legalDeadline',
  'redDeadline',
  'alertKey',
  'ruleId',
  'level',
  'status',
  'actor',
  'text',
] as const;

const actorName = (actor: unknown): string | null => {
  if (typeof actor !== 'object' || actor === null) return null;
  const { id, name } = actor as { id?: unknown; name?: unknown };
  return typeof name === 'string' ? name : typeof id === 'string' ? id : null;
};

function foldSignalRow(entry: string, signal: Signal): unknown[] {
  return [
    entry,
    signal.raisedAt,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    signal.alertKey,
    signal.ruleId,
    signal.level,
    null,
    null,
    signal.message,
  ];
}

/**
 * The CSV rows of a timeline, in its order: each event (with the deadlines after it) followed by
 * the signals the fold raised at it; the timers fired after the last event; then each live signal
 * with its lifecycle actions.
 */
export function timelineCsvRows(timeline: CaseTimelineView): unknown[][] {
  const rows: unknown[][] = [];
  for (const step of timeline.events) {
    const clock = step.after.clock;
    rows.push([
      'event',
      step.occurredAt,
      step.seq,
      step.type,
      step.inSequence,
      step.after.phase,
      clock?.promisedDeadline,
      clock?.legalDeadline,
      clock?.redDeadline,
      null,
      null,
      null,
      null,
      actorName(step.actor),
      null,
    ]);
    for (const signal of step.signals) rows.push(foldSignalRow('fold-signal', signal));
  }
  for (const signal of timeline.afterLastEvent.signals) rows.push(foldSignalRow('fold-signal', signal));
  for (const signal of timeline.signals) {
    rows.push([
      'live-signal',
      signal.raisedAt,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      signal.alertKey,
      signal.ruleId,
      signal.level,
      signal.status,
      null,
      signal.message,
    ]);
    for (const action of signal.lifecycle)
      rows.push([
        'lifecycle',
        action.at,
        null,
        action.action,
        null,
        null,
        null,
        null,
        null,
        signal.alertKey,
        signal.ruleId,
        signal.level,
        action.toStatus,
        `${action.actorUsername} (${action.actorRole})`,
        action.text,
      ]);
  }
  return rows;
}

/** JSON Lines: the case, then each event step, the timers after the last event, each live signal. */
export function timelineJsonLines(timeline: CaseTimelineView): string {
  const lines: unknown[] = [
    {
      entry: 'case',
      caseId: timeline.caseId,
      itemCode: timeline.itemCode,
      departmentId: timeline.departmentId,
      catalog: timeline.catalog,
      watermark: timeline.watermark,
      projection: timeline.projection,
    },
    ...timeline.events.map((step) => ({ entry: 'event', ...step })),
    { entry: 'afterLastEvent', ...timeline.afterLastEvent },
    ...timeline.signals.map((signal) => ({ entry: 'signal', ...signal })),
    ...timeline.notRaisedLive.map((signal) => ({ entry: 'notRaisedLive', ...signal })),
  ];
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
