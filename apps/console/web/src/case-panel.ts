// The case panel: a case's events, deadlines and signals on one timeline, and the lifecycle actions
// the user's role allows. The server decides every action again (403/409 with the reason).
import type {
  WallCase,
  WallResponseKind,
  WallSignal,
  WallVerdict,
} from '../../../../libs/contracts/src/wall-protocol';
import { Api, type SessionUser } from './api';
import { h, option } from './dom';
import { dateTime, yuan } from './format';
import { aside, labelled, ruleName, t } from './i18n';
import { NoticesPanel } from './notices-panel';
import { mayReadNotices } from './notify-logic';

type CaseSignal = WallCase['signals'][number];

interface TimelineEntry {
  at: string;
  kind: 'event' | 'signal' | 'action' | 'deadline';
  level?: string;
  label: string;
  detail?: string;
  /** The deadlines the event set or moved. */
  deadlines?: string;
  future?: boolean;
}

/**
 * What the wall reads of the auditor's case timeline (`GET /api/cases/{caseId}/timeline`, issue 7):
 * the deadlines as they stood after each event, from the rule engine's fold of the case.
 */
export interface DeadlinesAfter {
  clock: { promisedDeadline: string; redDeadline: string; stoppedAt: string | null } | null;
  suspension: { overlongAt: string } | null;
  runningSteps: { stepCode: string; dueAt: string | null }[];
  acceptanceDueAt: string | null;
}

export interface CaseTimelineSteps {
  events: { eventId: string; after: DeadlinesAfter }[];
}

/** A step's name as the case's item lists it, else its code. */
export type StepNames = (stepCode: string) => string;

/** The step names of a case's item (the codes themselves when the catalogue does not list it). */
export function stepNamesOf(item: WallCase['item']): StepNames {
  return (code) => item?.steps.find((step) => step.code === code)?.name ?? code;
}

/** The deadlines an event set or moved, against those after the event before it. */
export function deadlineChanges(
  before: DeadlinesAfter | undefined,
  after: DeadlinesAfter,
  stepName: StepNames = stepNamesOf(null),
): string[] {
  const texts = t();
  const changes: string[] = [];
  if (after.acceptanceDueAt && after.acceptanceDueAt !== before?.acceptanceDueAt)
    changes.push(`${texts.acceptanceDue} ${dateTime(after.acceptanceDueAt)}`);
  const clock = after.clock;
  if (clock && clock.promisedDeadline !== before?.clock?.promisedDeadline)
    changes.push(`${texts.promisedDeadline} ${dateTime(clock.promisedDeadline)}`);
  if (clock && clock.redDeadline !== before?.clock?.redDeadline)
    changes.push(`${texts.redDeadline} ${dateTime(clock.redDeadline)}`);
  for (const step of after.runningSteps) {
    const known = before?.runningSteps.some((s) => s.stepCode === step.stepCode && s.dueAt === step.dueAt);
    if (step.dueAt && !known)
      changes.push(`${texts.stepDue(stepName(step.stepCode))} ${dateTime(step.dueAt)}`);
  }
  if (after.suspension && after.suspension.overlongAt !== before?.suspension?.overlongAt)
    changes.push(`${texts.suspendedUntil} ${dateTime(after.suspension.overlongAt)}`);
  if (clock?.stoppedAt && !before?.clock?.stoppedAt) changes.push(texts.clockStopped);
  return changes;
}

/** A line of what an event carried, in the reader's language where it matters. */
function eventDetail(type: string, payload: Record<string, unknown>, stepName: StepNames): string {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (type) {
    case 'step.started':
    case 'step.completed':
      return [stepName(text(payload.stepCode)), text(payload.outcome)].filter(Boolean).join(' · ');
    case 'case.suspended':
      return [text(payload.procedure), text(payload.note)].filter(Boolean).join(' · ');
    case 'case.extended':
      return [`+${text(payload.days)}`, text(payload.reason)].filter(Boolean).join(' · ');
    case 'case.completed':
    case 'case.refused':
      return [text(payload.result), text(payload.reason), text(payload.legalBasis)]
        .filter(Boolean)
        .join(' · ');
    case 'case.supplement_requested':
      return Array.isArray(payload.missingMaterials) ? payload.missingMaterials.map(text).join('、') : '';
    case 'case.evaluated':
      return [text(payload.score), text(payload.comment)].filter(Boolean).join(' · ');
    case 'fee.assessed':
    case 'fee.paid':
      return [text(payload.feeCode), yuan(payload.amount), text(payload.payee)].filter(Boolean).join(' · ');
    case 'penalty.proposed':
    case 'penalty.decided':
      return [text(payload.violationCode), text(payload.tier), yuan(payload.fine)]
        .filter(Boolean)
        .join(' · ');
    case 'penalty.paid':
      return [yuan(payload.amount), text(payload.payee)].filter(Boolean).join(' · ');
    default:
      return '';
  }
}

export function timelineOf(view: WallCase, now: number, steps?: CaseTimelineSteps): TimelineEntry[] {
  const texts = t();
  const entries: TimelineEntry[] = [];
  const deadlinesAfter = new Map<string, string>();
  const stepName = stepNamesOf(view.item);
  let previous: DeadlinesAfter | undefined;
  for (const step of steps?.events ?? []) {
    const changes = deadlineChanges(previous, step.after, stepName);
    if (changes.length > 0) deadlinesAfter.set(step.eventId, changes.join(' · '));
    previous = step.after;
  }
  for (const event of view.events) {
    entries.push({
      at: event.occurredAt,
      kind: 'event',
      label: texts.eventTypes[event.type] ?? event.type,
      detail: [eventDetail(event.type, event.payload, stepName), event.actorName].filter(Boolean).join(' · '),
      deadlines: deadlinesAfter.get(event.eventId),
    });
  }
  for (const signal of view.signals) {
    entries.push({
      at: signal.raisedAt,
      kind: 'signal',
      level: signal.level,
      label: `${texts.levels[signal.level]} · ${ruleName(signal.ruleId)}`,
      detail: signal.message,
    });
  }
  for (const step of view.transitions) {
    if (step.action === 'raise') continue;
    const signal = view.signals.find((s) => s.alertKey === step.alertKey);
    const extra = [
      step.responseKind ? texts.responseKinds[step.responseKind] : null,
      step.verdict ? texts.verdicts[step.verdict] : null,
      step.text,
    ].filter(Boolean);
    entries.push({
      at: step.at,
      kind: 'action',
      level: signal?.level,
      label: `${texts.transitions[step.action] ?? step.action}${texts.byActor(step.actorUsername)} · ${signal ? ruleName(signal.ruleId) : ''}`,
      detail: extra.join(' · '),
    });
  }
  const deadline = (at: string | null, label: string) => {
    if (at) entries.push({ at, kind: 'deadline', label, future: Date.parse(at) > now });
  };
  deadline(view.case.promisedDeadline, texts.promisedDeadline);
  deadline(view.case.legalDeadline, texts.legalDeadline);
  for (const signal of view.signals) {
    if (signal.status === 'open' || signal.status === 'acknowledged')
      deadline(signal.responseDueAt, `${texts.responseDue} · ${ruleName(signal.ruleId)}`);
  }
  // at one instant: the event, then the deadline that passed, the signal it raised, what was done
  const order = { event: 0, deadline: 1, signal: 2, action: 3 };
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order[a.kind] - order[b.kind]);
}

export type PanelAction = 'acknowledge' | 'respond' | 'return' | 'close' | 'urge' | 'confirm';

/** The actions a role may take on a signal in its state (the console's table in docs/signals.md). */
export function actionsFor(user: SessionUser, signal: WallSignal): PanelAction[] {
  if (signal.escalatedTo !== null) return [];
  if (user.role === 'department_officer' && user.departmentId === signal.departmentId) {
    if (signal.status === 'open') return ['acknowledge'];
    if (signal.status === 'acknowledged') return ['respond'];
  }
  if (user.role === 'supervisor') {
    if (signal.status === 'responded') return ['return', 'close'];
    if (signal.status === 'open' || signal.status === 'acknowledged') return ['urge', 'confirm'];
  }
  return [];
}

export class CasePanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private caseId: string | null = null;
  private loading: Promise<void> | null = null;
  /** The 文书 of the open case's yellow and red signals, kept across its reloads. */
  private readonly notices = new Map<string, NoticesPanel>();

  constructor(
    private readonly api: Api,
    private readonly user: SessionUser,
    private readonly departmentName: (id: string) => string,
  ) {
    this.body = h('div', { class: 'drawer-body' });
    this.element = h(
      'div',
      { class: 'drawer-layer', attrs: { hidden: '' } },
      h('div', { class: 'drawer-backdrop', onClick: () => this.close() }),
      h('aside', { class: 'drawer', attrs: { role: 'dialog', 'aria-modal': 'true' } }, this.body),
    );
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  get openCaseId(): string | null {
    return this.caseId;
  }

  open(caseId: string): Promise<void> {
    if (caseId !== this.caseId) this.notices.clear();
    this.caseId = caseId;
    this.element.hidden = false;
    this.body.replaceChildren(h('p', { class: 'muted', text: t().loading }));
    return this.reload();
  }

  close(): void {
    this.caseId = null;
    this.element.hidden = true;
  }

  /** Reloads the open case (after an action, or when one of its signals changed). */
  reload(): Promise<void> {
    const caseId = this.caseId;
    if (!caseId) return Promise.resolve();
    const path = encodeURIComponent(caseId);
    this.loading ??= Promise.all([
      this.api.get<WallCase>(`/api/wall/cases/${path}`),
      // the deadlines after each event, from the auditor's timeline; the panel does without them
      this.api.get<CaseTimelineSteps>(`/api/cases/${path}/timeline`).catch(() => undefined),
    ])
      .then(
        ([view, steps]) => {
          if (this.caseId === caseId) this.render(view, steps);
        },
        (error: Error) => {
          if (this.caseId === caseId)
            this.body.replaceChildren(h('p', { class: 'error', text: error.message }));
        },
      )
      .finally(() => (this.loading = null));
    return this.loading;
  }

  private render(view: WallCase, steps: CaseTimelineSteps | undefined): void {
    const texts = t();
    const c = view.case;
    const now = Date.now();
    const fact = (label: string, value: string, passed = false) =>
      h(
        'div',
        { class: `fact${passed ? ' passed' : ''}` },
        h('span', { text: label }),
        h('strong', { text: value }),
      );
    const passed = (at: string | null) => c.phase !== 'completed' && at !== null && Date.parse(at) < now;
    this.body.replaceChildren(
      h(
        'header',
        { class: 'drawer-head' },
        h(
          'div',
          {},
          h('div', { class: 'muted', text: `${texts.caseTitle} · ${this.departmentName(c.departmentId)}` }),
          h('h2', { text: c.caseId, title: c.caseId, data: { testid: 'case-title' } }),
        ),
        h('button', { class: 'ghost', text: texts.close, onClick: () => this.close() }),
      ),
      h(
        'section',
        { class: 'facts' },
        fact(texts.item, view.item ? `${view.item.name}${aside(c.itemCode)}` : c.itemCode),
        fact(texts.phase, texts.phases[c.phase] ?? c.phase),
        fact(texts.acceptedAt, dateTime(c.acceptedAt)),
        fact(texts.promisedDeadline, dateTime(c.promisedDeadline), passed(c.promisedDeadline)),
        fact(texts.legalDeadline, dateTime(c.legalDeadline), passed(c.legalDeadline)),
        fact(texts.lastEvent, dateTime(c.lastOccurredAt)),
      ),
      h(
        'section',
        { class: 'case-column signals-column' },
        h('h3', { text: `${texts.signals}${aside(String(view.signals.length))}` }),
        h('ul', { class: 'case-signals' }, ...view.signals.map((signal) => this.signalItem(signal))),
      ),
      h(
        'section',
        { class: 'case-column timeline-column' },
        h('h3', { text: texts.timeline }),
        h(
          'ol',
          { class: 'timeline', data: { testid: 'timeline' } },
          ...timelineOf(view, now, steps).map((entry) =>
            h(
              'li',
              { class: `tl-${entry.kind} ${entry.level ?? ''}${entry.future ? ' future' : ''}` },
              h('time', { text: dateTime(entry.at) }),
              h(
                'div',
                {},
                h('strong', { text: entry.label }),
                entry.kind === 'deadline'
                  ? h('span', {
                      class: 'tag',
                      text: entry.future ? texts.deadlineAhead : texts.deadlinePassed,
                    })
                  : null,
                entry.detail ? h('p', { text: entry.detail }) : null,
                entry.deadlines ? h('p', { class: 'deadlines', text: entry.deadlines }) : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  private signalItem(signal: CaseSignal): HTMLElement {
    const texts = t();
    const actions = actionsFor(this.user, signal);
    const form = h('div', { class: 'action-form' });
    const status = h('span', { class: 'muted' });
    const buttons = actions.map((action) =>
      h('button', {
        class: action === 'acknowledge' || action === 'close' || action === 'confirm' ? 'primary' : '',
        text: {
          acknowledge: texts.acknowledge,
          respond: texts.respond,
          return: texts.returnAnswer,
          close: texts.closeSignal,
          urge: texts.urge,
          confirm: texts.confirmViolation,
        }[action],
        data: { action },
        onClick: () => {
          if (action === 'acknowledge') void this.act(signal, 'acknowledge', {}, status);
          else this.showForm(signal, action, form, status);
        },
      }),
    );
    const note =
      signal.escalatedTo !== null
        ? texts.superseded
        : actions.length === 0 && (this.user.role === 'auditor' || this.user.role === 'administrator')
          ? texts.readOnly
          : null;
    return h(
      'li',
      { class: `case-signal ${signal.level} status-${signal.status}`, data: { key: signal.alertKey } },
      h(
        'div',
        { class: 'case-signal-head' },
        h('span', { class: `badge ${signal.level}`, text: texts.levels[signal.level] }),
        h('strong', { text: ruleName(signal.ruleId) }),
        h('span', { class: 'status', text: texts.statuses[signal.status] }),
        signal.overdueAt ? h('span', { class: 'tag danger', text: texts.overdueFlag }) : null,
        signal.urgeCount
          ? h('span', {
              class: 'tag urged',
              text: texts.urgedTimes(signal.urgeCount),
              data: { testid: 'urge-count' },
            })
          : null,
      ),
      h('p', { text: signal.message }),
      h(
        'div',
        { class: 'muted small' },
        `${texts.responseDue}: ${dateTime(signal.responseDueAt)}`,
        signal.retractedReason ? ` · ${texts.reason}: ${signal.retractedReason}` : '',
      ),
      signal.responseText
        ? h(
            'p',
            { class: 'answer' },
            labelled(
              `${texts.answer}${signal.responseKind ? aside(texts.responseKinds[signal.responseKind]) : ''}`,
              signal.responseText,
            ),
          )
        : null,
      note ? h('p', { class: 'muted small', text: note }) : null,
      buttons.length > 0 ? h('div', { class: 'actions' }, ...buttons, status) : null,
      form,
      this.noticesOf(signal),
    );
  }

  /** The signal's printed notices (read once per case opened), for those who may read them. */
  private noticesOf(signal: CaseSignal): HTMLElement | null {
    if (!mayReadNotices(this.user, signal)) return null;
    let panel = this.notices.get(signal.alertKey);
    if (panel) panel.update(signal);
    else {
      panel = new NoticesPanel(this.api, this.user, signal);
      this.notices.set(signal.alertKey, panel);
    }
    return panel.element;
  }

  private showForm(
    signal: CaseSignal,
    action: Exclude<PanelAction, 'acknowledge'>,
    form: HTMLElement,
    status: HTMLElement,
  ): void {
    const texts = t();
    const placeholder =
      action === 'confirm' ? texts.violationNote : action === 'urge' ? texts.urgeNote : texts.text;
    const text = h('textarea', { attrs: { rows: '3', placeholder, name: 'note' } });
    if (action === 'confirm' || action === 'urge' || action === 'respond' || action === 'return')
      text.required = true;
    const kinds: WallResponseKind[] = ['explanation', 'correction'];
    const verdicts: WallVerdict[] = ['justified', 'corrected', 'violation_confirmed'];
    const kind = h('select', {}, ...kinds.map((k) => option(k, texts.responseKinds[k])));
    const verdict = h('select', {}, ...verdicts.map((v) => option(v, texts.verdicts[v])));
    const fields: HTMLElement[] = [];
    if (action === 'respond') fields.push(h('label', {}, texts.responseKind, kind));
    if (action === 'close') fields.push(h('label', {}, texts.verdict, verdict));
    const submit = h('button', {
      class: 'primary',
      text: texts.submit,
      onClick: () => {
        const value = text.value.trim();
        const closesAsViolation =
          action === 'confirm' || (action === 'close' && verdict.value === 'violation_confirmed');
        if (text.required || closesAsViolation) {
          if (value === '') {
            status.textContent = closesAsViolation ? texts.violationNoteRequired : texts.textRequired;
            status.dataset.testid = 'action-refused';
            text.focus();
            return;
          }
        }
        delete status.dataset.testid;
        const optionalText = value === '' ? {} : { text: value };
        if (action === 'respond')
          void this.act(signal, 'respond', { responseKind: kind.value, text: value }, status);
        else if (action === 'return') void this.act(signal, 'return', { text: value }, status);
        else if (action === 'urge') void this.act(signal, 'urge', { text: value }, status);
        else if (closesAsViolation)
          this.confirmViolation(signal, form, value, () =>
            this.act(signal, 'close', { verdict: 'violation_confirmed', text: value }, status),
          );
        else void this.act(signal, 'close', { verdict: verdict.value, ...optionalText }, status);
      },
    });
    form.replaceChildren(
      ...fields,
      text,
      h(
        'div',
        { class: 'actions' },
        submit,
        h('button', { class: 'ghost', text: texts.cancel, onClick: () => form.replaceChildren() }),
      ),
    );
  }

  /** 确认违规并销号 cannot be undone: the page says what it will do and asks once more. */
  private confirmViolation(
    signal: CaseSignal,
    form: HTMLElement,
    note: string,
    go: () => Promise<void>,
  ): void {
    const texts = t();
    const box = h(
      'div',
      { class: 'confirm-box', attrs: { role: 'alertdialog' }, data: { testid: 'confirm-violation' } },
      h('strong', { text: texts.confirmViolationTitle }),
      h('p', { text: texts.confirmViolationBody(signal.caseId, ruleName(signal.ruleId)) }),
      h('p', { class: 'muted small', text: texts.note(note) }),
      h(
        'div',
        { class: 'actions' },
        h('button', {
          class: 'primary danger',
          text: texts.confirmViolationYes,
          data: { action: 'confirm-yes' },
          onClick: () => {
            box.remove();
            void go();
          },
        }),
        h('button', { class: 'ghost', text: texts.cancel, onClick: () => box.remove() }),
      ),
    );
    form.querySelector('.confirm-box')?.remove();
    form.append(box);
  }

  private async act(signal: CaseSignal, action: string, body: unknown, status: HTMLElement): Promise<void> {
    status.textContent = t().loading;
    try {
      await this.api.post(`/api/signals/${encodeURIComponent(signal.alertKey)}/${action}`, body);
      status.textContent = t().done;
      await this.reload();
    } catch (error) {
      status.textContent = `${t().actionFailed}${(error as Error).message}`;
    }
  }
}
