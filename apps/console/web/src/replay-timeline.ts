// The drill-down of the auditor's workspace: a case's whole timeline (GET /api/cases/{id}/timeline):
// every event with the deadlines it set or moved, the signals the fold raised at it, the live
// signals with each lifecycle action; the difference it was opened from side by side; exports.
import type { Api } from './api';
import { deadlineChanges, stepNamesOf, type DeadlinesAfter } from './case-panel';
import { h } from './dom';
import { aside, ruleName, t } from './i18n';
import { exportTimeline } from './replay-api';
import { shanghaiMinute, type DiffRow, type DiffSignal } from './replay-model';
import { replayTexts } from './replay-texts';
import type { WallCaseItem } from '../../../../libs/contracts/src/wall-protocol';

interface FoldSignal {
  alertKey: string;
  ruleId: string;
  level: string;
  raisedAt: string;
  message: string;
}

interface TimelineView {
  caseId: string;
  itemCode: string;
  item: WallCaseItem | null;
  departmentId: string;
  catalog: { version: string; source: string };
  projection: { phase: string } | null;
  events: {
    seq: number;
    eventId: string;
    type: string;
    occurredAt: string;
    inSequence: boolean;
    signals: FoldSignal[];
    after: DeadlinesAfter & { phase: string };
  }[];
  afterLastEvent: { signals: FoldSignal[] };
  signals: (FoldSignal & {
    status: string;
    lifecycle: { id: number; action: string; actorUsername: string; at: string; text: string | null }[];
  })[];
  notRaisedLive: FoldSignal[];
}

const levelName = (level: string) => (t().levels as Record<string, string>)[level] ?? level;

function signalLine(signal: FoldSignal, highlight: string | undefined): HTMLElement {
  return h(
    'li',
    {
      class: `replay-signal ${signal.level}${signal.alertKey === highlight ? ' highlight' : ''}`,
      data: { key: signal.alertKey },
    },
    h('span', { class: `level-dot ${signal.level}` }),
    h('span', { class: 'mono', text: shanghaiMinute(signal.raisedAt) }),
    h('span', { text: `${levelName(signal.level)} · ${ruleName(signal.ruleId)}` }),
    h('span', { class: 'muted', text: signal.message }),
  );
}

function sideOf(title: string, signal: DiffSignal | null): HTMLElement {
  const texts = replayTexts();
  return h(
    'div',
    { class: 'replay-side' },
    h('h4', { text: title }),
    signal
      ? h(
          'dl',
          {},
          h('dt', { text: texts.level }),
          h('dd', { text: levelName(signal.level) }),
          h('dt', { text: texts.raisedAt }),
          h('dd', { class: 'mono', text: shanghaiMinute(signal.raisedAt) }),
          h('dt', { text: texts.rule }),
          h('dd', { text: ruleName(signal.ruleId) }),
          signal.catalogVersion ? h('dt', { text: texts.catalog }) : null,
          signal.catalogVersion ? h('dd', { text: `#${signal.catalogVersion}` }) : null,
          signal.status ? h('dt', { text: texts.liveStatus }) : null,
          signal.status
            ? h('dd', { text: (t().statuses as Record<string, string>)[signal.status] ?? signal.status })
            : null,
          h('dt', { text: '' }),
          h('dd', { class: 'muted', text: signal.message }),
        )
      : h('p', { class: 'muted', text: '—' }),
  );
}

export class TimelinePanel {
  readonly element = h('section', { class: 'framed replay-timeline', data: { testid: 'replay-timeline' } });
  private request = 0;

  constructor(
    private readonly api: Api,
    private readonly departmentName: (id: string) => string,
    private readonly onError: (message: string) => void,
  ) {
    this.element.hidden = true;
  }

  hide(): void {
    this.request += 1;
    this.element.hidden = true;
    this.element.replaceChildren();
    delete this.element.dataset.case;
  }

  /** Opens a case; `row` is the difference it was opened from, with its two sides. */
  async show(caseId: string, row?: DiffRow, sides?: { replay: string; live: string }): Promise<void> {
    const request = ++this.request;
    const texts = replayTexts();
    this.element.hidden = false;
    delete this.element.dataset.case;
    this.element.replaceChildren(h('p', { class: 'muted', text: texts.loading }));
    let timeline: TimelineView;
    try {
      timeline = await this.api.get<TimelineView>(`/api/cases/${encodeURIComponent(caseId)}/timeline`);
    } catch (error) {
      if (request !== this.request) return;
      this.element.replaceChildren();
      this.element.hidden = true;
      this.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    if (request !== this.request) return;
    this.render(timeline, row, sides);
    this.element.dataset.case = caseId;
    this.element.scrollIntoView({ block: 'nearest' });
  }

  private render(
    timeline: TimelineView,
    row: DiffRow | undefined,
    sides?: { replay: string; live: string },
  ): void {
    const texts = replayTexts();
    const shared = t();
    const highlight = row?.alertKey;
    const stepName = stepNamesOf(timeline.item);
    let before: DeadlinesAfter | undefined;
    const events = timeline.events.map((step) => {
      const changes = deadlineChanges(before, step.after, stepName);
      before = step.after;
      return h(
        'li',
        {
          class: step.inSequence ? 'replay-event' : 'replay-event out-of-sequence',
          data: { seq: String(step.seq) },
        },
        h('span', { class: 'mono', text: shanghaiMinute(step.occurredAt) }),
        h(
          'div',
          {},
          h('strong', { text: shared.eventTypes[step.type] ?? step.type }),
          h('span', { class: 'muted', text: ` · ${shared.phases[step.after.phase] ?? step.after.phase}` }),
          step.inSequence ? null : h('span', { class: 'warn', text: ` · ${texts.notInSequence}` }),
          changes.length ? h('div', { class: 'replay-deadlines', text: changes.join(' · ') }) : null,
          step.signals.length
            ? h('ul', { class: 'replay-signals' }, ...step.signals.map((s) => signalLine(s, highlight)))
            : null,
        ),
      );
    });
    const afterLast = timeline.afterLastEvent.signals.length
      ? h(
          'li',
          { class: 'replay-event' },
          h('span', { class: 'mono', text: '…' }),
          h(
            'div',
            {},
            h('strong', { text: texts.afterLast }),
            h(
              'ul',
              { class: 'replay-signals' },
              ...timeline.afterLastEvent.signals.map((s) => signalLine(s, highlight)),
            ),
          ),
        )
      : null;
    const live = timeline.signals.length
      ? h(
          'ul',
          { class: 'replay-live', data: { testid: 'replay-timeline-signals' } },
          ...timeline.signals.map((signal) =>
            h(
              'li',
              { class: signal.alertKey === highlight ? 'highlight' : '', data: { key: signal.alertKey } },
              signalLine(signal, highlight),
              h('span', { class: 'status', text: shared.statuses[signal.status as 'open'] ?? signal.status }),
              signal.lifecycle.length
                ? h(
                    'ol',
                    { class: 'replay-lifecycle' },
                    ...signal.lifecycle.map((action) =>
                      h(
                        'li',
                        {},
                        h('span', { class: 'mono', text: shanghaiMinute(action.at) }),
                        ` ${shared.transitions[action.action] ?? action.action} · ${action.actorUsername}${action.text ? ` · ${action.text}` : ''}`,
                      ),
                    ),
                  )
                : null,
            ),
          ),
        )
      : h('p', { class: 'muted', text: texts.noLiveSignals });
    const exportButton = (text: string, format: 'csv' | 'jsonl') =>
      h('button', {
        class: 'ghost',
        text,
        data: { testid: `replay-timeline-export-${format}` },
        onClick: () =>
          void exportTimeline(this.api, timeline.caseId, format).catch((error: unknown) =>
            this.onError(error instanceof Error ? error.message : String(error)),
          ),
      });
    this.element.replaceChildren(
      h(
        'header',
        { class: 'replay-timeline-head' },
        h('h3', { text: texts.timelineOf(timeline.caseId) }),
        h(
          'span',
          { class: 'muted' },
          `${this.departmentName(timeline.departmentId)} · ${timeline.item ? `${timeline.item.name}${aside(timeline.itemCode)}` : timeline.itemCode} · ${texts.catalogVersion(timeline.catalog.version, timeline.catalog.source)}`,
          timeline.projection
            ? ` · ${texts.phaseNow}: ${shared.phases[timeline.projection.phase] ?? timeline.projection.phase}`
            : '',
        ),
        h(
          'span',
          { class: 'replay-actions' },
          exportButton(texts.exportTimelineCsv, 'csv'),
          exportButton(texts.exportTimelineJsonl, 'jsonl'),
          h('button', { class: 'ghost', text: texts.close, onClick: () => this.hide() }),
        ),
      ),
      row && sides
        ? h(
            'div',
            { class: `replay-compare kind-${row.kind}`, data: { testid: 'replay-timeline-difference' } },
            h('h4', { text: `${texts.thisDifference}: ${texts[row.kind]} · ${row.alertKey}` }),
            h(
              'div',
              { class: 'replay-sides' },
              sideOf(sides.replay, row.replay),
              sideOf(sides.live, row.live),
            ),
          )
        : '',
      h(
        'div',
        { class: 'replay-timeline-body' },
        h(
          'div',
          {},
          h('h4', { text: texts.eventsTitle }),
          h(
            'ol',
            { class: 'replay-events', data: { testid: 'replay-timeline-events' } },
            ...events,
            afterLast,
          ),
        ),
        h(
          'div',
          {},
          h('h4', { text: texts.signalsTitle }),
          live,
          timeline.notRaisedLive.length
            ? h(
                'div',
                {},
                h('h4', { text: texts.notRaisedLive }),
                h(
                  'ul',
                  { class: 'replay-signals' },
                  ...timeline.notRaisedLive.map((s) => signalLine(s, highlight)),
                ),
              )
            : null,
        ),
      ),
    );
  }
}
