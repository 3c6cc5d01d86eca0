import type { Signal, WallCaseItem } from '@app/contracts';
import type { SignalTransitionRecord } from '@app/persistence';
import type { CaseTimelineFold, TimelineStep } from '@app/rules';
import type { SignalView } from '../signals/signal-views';

/** `GET /api/cases/{caseId}/timeline` (`docs/replay.md` § Case timeline). */
export interface CaseTimelineView {
  caseId: string;
  itemCode: string;
  /** The item's and its steps' names in the version that folded the case; null when it lists no such item. */
  item: WallCaseItem | null;
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

type TimelineCell = Exclude<(typeof TIMELINE_COLUMNS)[number], 'entry'>;

/** A CSV row of `entry` with the cells it names; the columns it does not name are empty (null). */
function timelineRow(entry: string, cells: Partial<Record<TimelineCell, unknown>>): unknown[] {
  return TIMELINE_COLUMNS.map((column) =>
    column === 'entry' ? entry : column in cells ? cells[column] : null,
  );
}

function foldSignalRow(entry: string, signal: Signal): unknown[] {
  return timelineRow(entry, {
    at: signal.raisedAt,
    alertKey: signal.alertKey,
    ruleId: signal.ruleId,
    level: signal.level,
    text: signal.message,
  });
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
    rows.push(
      timelineRow('event', {
        at: step.occurredAt,
        seq: step.seq,
        type: step.type,
        inSequence: step.inSequence,
        phase: step.after.phase,
        promisedDeadline: clock?.promisedDeadline,
        legalDeadline: clock?.legalDeadline,
        redDeadline: clock?.redDeadline,
        actor: actorName(step.actor),
      }),
    );
    for (const signal of step.signals) rows.push(foldSignalRow('fold-signal', signal));
  }
  for (const signal of timeline.afterLastEvent.signals) rows.push(foldSignalRow('fold-signal', signal));
  for (const signal of timeline.signals) {
    const about = { alertKey: signal.alertKey, ruleId: signal.ruleId, level: signal.level };
    rows.push(
      timelineRow('live-signal', {
        at: signal.raisedAt,
        ...about,
        status: signal.status,
        text: signal.message,
      }),
    );
    for (const action of signal.lifecycle)
      rows.push(
        timelineRow('lifecycle', {
          at: action.at,
          type: action.action,
          ...about,
          status: action.toStatus,
          actor: `${action.actorUsername} (${action.actorRole})`,
          text: action.text,
        }),
      );
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
      item: timeline.item,
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
