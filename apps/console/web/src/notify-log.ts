// 发送记录: the delivery log of notifications beyond the wall, newest first, narrowed by channel,
// status and purpose (and department, for the administrator: an officer's answer holds only their
// own department, the server scopes it). A click on a row opens the message's text and the answer
// of every attempt.
import {
  OUTBOUND_CHANNELS,
  OUTBOUND_PURPOSES,
  OUTBOUND_STATUSES,
  type OutboundMessageDetail,
  type OutboundMessageView,
} from '../../../../libs/contracts/src/notification-views';
import type { Api } from './api';
import { h, option } from './dom';
import { departmentLabel } from './i18n';
import { beijingDateTime } from './admin-format';
import { logQuery, truncated } from './notify-logic';
import { statusBadge } from './notify-settings';
import { notifyTexts } from './notify-texts';
import { button, field, table } from './page-kit';

const LIMIT = 200;

/** A department to filter by: its id and name. */
export interface LogDepartment {
  id: string;
  name: string;
  /** Its English name, when the catalogue gives one. */
  nameEn?: string | null;
}

export interface LogPanelOptions {
  /** The departments to filter by (the administrator's); absent: no department filter. */
  departments?: readonly LogDepartment[];
}

export class DeliveryLogPanel {
  readonly element = h('div', { class: 'notify-log', data: { testid: 'notify-log' } });
  private readonly channel = h('select', { data: { testid: 'notify-log-channel' } });
  private readonly status = h('select', { data: { testid: 'notify-log-status' } });
  private readonly purpose = h('select', { data: { testid: 'notify-log-purpose' } });
  private readonly department = h('select', { data: { testid: 'notify-log-department' } });
  private readonly summary = h('p', { class: 'muted small', attrs: { role: 'status' } });
  private readonly rows = h('tbody');
  private messages: OutboundMessageView[] = [];
  /** The rows opened, kept open across reloads. */
  private readonly expanded = new Set<number>();
  /** The details read since the last reload. */
  private readonly details = new Map<number, OutboundMessageDetail>();
  /** The last reload asked for: an older answer arriving later is dropped. */
  private generation = 0;

  constructor(
    private readonly api: Api,
    private readonly options: LogPanelOptions = {},
  ) {}

  async start(): Promise<void> {
    const texts = notifyTexts();
    this.channel.replaceChildren(
      option('', texts.allChannels),
      ...OUTBOUND_CHANNELS.map((c) => option(c, texts.channels[c])),
    );
    this.status.replaceChildren(
      option('', texts.allStatuses),
      ...OUTBOUND_STATUSES.map((s) => option(s, texts.statuses[s])),
    );
    this.purpose.replaceChildren(
      option('', texts.allPurposes),
      ...OUTBOUND_PURPOSES.map((p) => option(p, texts.purposes[p])),
    );
    const departments = this.options.departments;
    if (departments)
      this.department.replaceChildren(
        option('', texts.allDepartments),
        ...departments.map((d) => option(d.id, departmentLabel(d))),
      );
    for (const select of [this.channel, this.status, this.purpose, this.department])
      select.addEventListener('change', () => void this.reload());
    const filter = (title: string, control: HTMLElement) => field(title, control, 'notify-field');
    this.element.replaceChildren(
      h(
        'div',
        { class: 'notify-filters' },
        departments ? filter(texts.department, this.department) : null,
        filter(texts.channel, this.channel),
        filter(texts.status, this.status),
        filter(texts.purpose, this.purpose),
        button(texts.refresh, () => void this.reload(), 'notify-log-refresh', 'ghost'),
      ),
      this.summary,
      table(
        'data-table notify-table notify-log-table',
        [
          texts.time,
          departments ? texts.department : null,
          texts.purpose,
          texts.channel,
          texts.recipient,
          texts.subject,
          texts.status,
          texts.attempts,
          texts.lastAnswer,
        ].filter((title): title is string => title !== null),
        this.rows,
        'notify-log-rows',
      ),
    );
    await this.reload();
  }

  stop(): void {}

  /** Reads the log again with the filters chosen. */
  async reload(): Promise<void> {
    const texts = notifyTexts();
    const generation = ++this.generation;
    this.summary.textContent = texts.loading;
    this.summary.classList.remove('error');
    try {
      const query = logQuery({
        departmentId: this.options.departments ? this.department.value : undefined,
        channel: this.channel.value,
        status: this.status.value,
        purpose: this.purpose.value,
        limit: LIMIT,
      });
      const messages = await this.api.get<OutboundMessageView[]>(`/api/notification-messages?${query}`);
      if (generation !== this.generation) return;
      this.messages = messages;
      this.details.clear();
      this.summary.textContent =
        this.messages.length === 0 ? texts.logEmpty : texts.logCount(this.messages.length);
      this.draw();
    } catch (error) {
      if (generation !== this.generation) return;
      this.summary.textContent = `${texts.loadFailed}${(error as Error).message}`;
      this.summary.classList.add('error');
    }
  }

  private departmentName(id: string): string {
    const department = this.options.departments?.find((d) => d.id === id);
    return department ? departmentLabel(department) : id;
  }

  private draw(): void {
    const shown = new Set(this.messages.map((m) => m.id));
    for (const id of [...this.expanded]) if (!shown.has(id)) this.expanded.delete(id);
    this.rows.replaceChildren(
      ...this.messages.flatMap((message) => {
        const row = this.row(message);
        if (!this.expanded.has(message.id)) return [row];
        const detail = this.detailRow(message.id);
        return [row, detail];
      }),
    );
  }

  private columns(): number {
    return this.options.departments ? 9 : 8;
  }

  private row(message: OutboundMessageView): HTMLTableRowElement {
    const texts = notifyTexts();
    const when = [
      `${texts.notBefore} ${beijingDateTime(message.notBefore)}`,
      message.deliveredAt ? `${texts.deliveredAt} ${beijingDateTime(message.deliveredAt)}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    const row = h(
      'tr',
      {
        class: `notify-log-row${this.expanded.has(message.id) ? ' open' : ''}`,
        attrs: { tabindex: '0', 'aria-expanded': String(this.expanded.has(message.id)) },
        data: { message: String(message.id), status: message.status },
      },
      h('td', { class: 'when', text: beijingDateTime(message.createdAt), title: when }),
      this.options.departments
        ? h('td', { text: this.departmentName(message.departmentId), title: message.departmentId })
        : null,
      h('td', { text: texts.purposes[message.purpose] ?? message.purpose }),
      h('td', { text: texts.channels[message.channel] ?? message.channel }),
      h(
        'td',
        { text: message.recipientName, title: message.recipientHint },
        h('div', {
          class: 'muted small',
          text: message.recipientHint,
        }),
      ),
      h('td', { class: 'subject', text: truncated(message.subject, 60), title: message.subject }),
      h(
        'td',
        {},
        statusBadge(message.status),
        message.mergedInto !== null
          ? h('div', { class: 'muted small', text: texts.mergedInto(message.mergedInto) })
          : null,
      ),
      h('td', { class: 'number', text: String(message.attempts) }),
      h('td', {
        class: 'muted small notify-answer',
        text: truncated(message.lastAnswer, 60) || '—',
        title: message.lastAnswer ?? '',
      }),
    );
    const toggle = () => {
      if (this.expanded.has(message.id)) this.expanded.delete(message.id);
      else this.expanded.add(message.id);
      this.draw();
    };
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggle();
      }
    });
    return row;
  }

  /** The message's text and its attempts, read when opened. */
  private detailRow(id: number): HTMLTableRowElement {
    const texts = notifyTexts();
    const cell = h('td', { attrs: { colspan: String(this.columns()) } });
    const known = this.details.get(id);
    if (known) {
      cell.append(...this.detail(known));
      return h('tr', { class: 'notify-log-detail', data: { detail: String(id) } }, cell);
    }
    cell.append(h('p', { class: 'muted small', text: texts.loading }));
    void this.api.get<OutboundMessageDetail>(`/api/notification-messages/${id}`).then(
      (detail) => {
        this.details.set(id, detail);
        cell.replaceChildren(...this.detail(detail));
      },
      (error: Error) =>
        cell.replaceChildren(h('p', { class: 'error small', text: `${texts.loadFailed}${error.message}` })),
    );
    return h('tr', { class: 'notify-log-detail', data: { detail: String(id) } }, cell);
  }

  private detail(detail: OutboundMessageDetail): HTMLElement[] {
    const texts = notifyTexts();
    return [
      h('div', { class: 'notify-detail-head muted small', text: `#${detail.id} · ${detail.recipientHint}` }),
      h('h4', { text: texts.messageText }),
      h('pre', { class: 'notify-text', text: detail.text }),
      h('h4', { text: texts.attemptLog }),
      detail.attemptLog.length === 0
        ? h('p', { class: 'muted small', text: texts.noAttempts })
        : table(
            'data-table notify-table notify-attempts',
            [texts.attemptNumber, texts.time, texts.attemptResult, texts.duration, texts.answer],
            h(
              'tbody',
              {},
              ...detail.attemptLog.map((attempt) =>
                h(
                  'tr',
                  { class: attempt.ok ? 'ok' : 'failed' },
                  h('td', { class: 'number', text: String(attempt.attempt) }),
                  h('td', { class: 'when', text: beijingDateTime(attempt.at) }),
                  h('td', {
                    class: attempt.ok ? 'result ok' : 'result failed',
                    text: attempt.ok ? texts.attemptOk : texts.attemptFailed,
                  }),
                  h('td', { class: 'number', text: texts.milliseconds(attempt.durationMs) }),
                  h('td', {}, h('pre', { class: 'notify-text', text: attempt.answer })),
                ),
              ),
            ),
            'notify-attempts',
          ),
    ];
  }
}
