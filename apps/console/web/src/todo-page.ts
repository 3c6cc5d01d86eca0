// 部门待办: the department officer's workspace (issue 17). The department's open signals ordered by
// 督办 deadline with the time left, batch 签收, answers (情况说明/整改) with attachments, the signals
// answered and waiting for the supervisor, the inbox digests, and the department's notification
// settings (contacts, subscriptions, group robots, tests) with its delivery log. Everything is the
// officer's own department: the server scopes every read in SQL.
import './todo-page.css';
import './notify.css';
import type {
  WallLevel,
  WallLifecycleStatus,
  WallReference,
  WallResponseKind,
} from '../../../../libs/contracts/src/wall-protocol';
import { Api } from './api';
import { h, option } from './dom';
import { departmentName, labelled, learnDepartments, learnTitles, ruleName, t } from './i18n';
import { DeliveryLogPanel } from './notify-log';
import { type FamilyChoice, NotificationSettingsPanel } from './notify-settings';
import { notifyTexts } from './notify-texts';
import { byDeadline, dateTimeText, runBatch, sizeText, timeLeft } from './todo-logic';
import { todoTexts } from './todo-texts';
import { button, submitButton, table } from './page-kit';
import { uploadAttachment } from './todo-upload';
import type { Page, WorkspaceContext } from './workspace';

/** A signal as `GET /api/signals` answers (the fields this page reads). */
interface TodoSignal {
  alertKey: string;
  caseId: string;
  departmentId: string;
  ruleId: string;
  level: WallLevel;
  message: string;
  raisedAt: string;
  status: WallLifecycleStatus;
  responseDueAt: string | null;
  overdue: boolean;
  respondedAt: string | null;
  responseKind: WallResponseKind | null;
  responseText: string | null;
}

interface Attachment {
  id: number;
  filename: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

interface InboxMessage {
  id: number;
  title: string;
  createdAt: string;
  body: { changes: unknown[] };
  readAt: string | null;
  readBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

const REFRESH_MS = 30_000;
const ANSWERED_SHOWN = 10;
const encode = (alertKey: string) => encodeURIComponent(alertKey);

/** The answer form of one signal, kept across refreshes while the officer fills it in. */
interface AnswerForm {
  row: HTMLTableRowElement;
  kind: HTMLSelectElement;
  text: HTMLTextAreaElement;
  files: HTMLInputElement;
  submit: HTMLButtonElement;
  progress: HTMLProgressElement;
  note: HTMLElement;
  error: HTMLElement;
}

/** A panel of the page: its title, then its list, or a line saying the list is empty. */
function listPanel(
  testid: string,
  title: string,
  emptyText: string,
  listClass: string,
  items: HTMLElement[],
): HTMLElement {
  return h(
    'section',
    { class: 'framed todo-panel', data: { testid } },
    h('h2', { text: title }),
    items.length === 0
      ? h('p', { class: 'muted', text: emptyText })
      : h('ul', { class: listClass }, ...items),
  );
}

export class TodoPage implements Page {
  readonly element = h('main', { class: 'workspace todo', data: { testid: 'todo' } });
  /** What the refresh draws again; the notification sections below keep what is being typed. */
  private readonly live = h('div', { class: 'todo-live' });
  private readonly settingsPanel = h('section', {
    class: 'framed todo-panel notify-section',
    data: { testid: 'todo-settings' },
  });
  private readonly logPanel = h('section', {
    class: 'framed todo-panel notify-section',
    data: { testid: 'todo-delivery-log' },
  });
  private notifySettings: NotificationSettingsPanel | null = null;
  private deliveryLog: DeliveryLogPanel | null = null;
  private readonly api: Api;
  private signals: TodoSignal[] = [];
  private answered: TodoSignal[] = [];
  private inbox: InboxMessage[] = [];
  private readonly selected = new Set<string>();
  private readonly forms = new Map<string, AnswerForm>();
  /** The officer's department, once the reference data is read (its name follows the language). */
  private department: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  private loadedAt = 0;
  /** The last thing done, shown until the next: batch results, answers. */
  private readonly status = h('p', {
    class: 'todo-status',
    attrs: { role: 'status', 'aria-live': 'polite' },
    data: { testid: 'todo-status' },
  });
  private readonly batchProgress = h('progress', {
    class: 'todo-progress',
    attrs: { max: '1', value: '0', hidden: '' },
    data: { testid: 'todo-progress' },
  });

  constructor(readonly context: WorkspaceContext) {
    this.api = new Api(context.session, () => context.logout());
    this.element.append(this.live, this.settingsPanel, this.logPanel);
  }

  async start(): Promise<void> {
    this.draw();
    let families: FamilyChoice[] = [];
    try {
      const reference = await this.api.get<WallReference>('/api/wall/reference');
      learnTitles(reference);
      families = reference.families;
      const own = this.context.session.user.departmentId;
      learnDepartments(reference.departments);
      this.department = own;
    } catch {
      // rule ids and the department's id stand in for their names; families are typed
    }
    this.startNotifications(families);
    await this.reload();
    this.timer = setInterval(() => {
      if (!this.busy) void this.reload();
    }, REFRESH_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.notifySettings?.stop();
    this.deliveryLog?.stop();
  }

  /** The department's notification settings, then its delivery log (each loads on its own). */
  private startNotifications(families: FamilyChoice[]): void {
    const texts = todoTexts();
    const notify = notifyTexts();
    const own = this.context.session.user.departmentId;
    this.settingsPanel.replaceChildren(
      h('h2', { text: texts.settingsTitle }),
      h('p', { class: 'muted small', text: notify.settingsHint }),
    );
    this.logPanel.replaceChildren(
      h('h2', { text: notify.logTitle }),
      h('p', { class: 'muted small', text: notify.logHint }),
    );
    if (!own) {
      this.settingsPanel.append(h('p', { class: 'muted', text: texts.noDepartment }));
      return;
    }
    this.deliveryLog = new DeliveryLogPanel(this.api);
    this.notifySettings = new NotificationSettingsPanel(this.api, {
      departmentId: own,
      families,
      onSent: () => void this.deliveryLog?.reload(),
    });
    this.settingsPanel.append(this.notifySettings.element);
    this.logPanel.append(this.deliveryLog.element);
    void this.notifySettings.start();
    void this.deliveryLog.start();
  }

  /** Reads the department's signals and inbox again and draws them. */
  private async reload(): Promise<void> {
    try {
      const [open, answered, inbox] = await Promise.all([
        this.api.get<TodoSignal[]>('/api/signals?status=open,acknowledged&limit=1000'),
        this.api.get<TodoSignal[]>(`/api/signals?status=responded&limit=${ANSWERED_SHOWN}`),
        this.api.get<InboxMessage[]>('/api/inbox?limit=20'),
      ]);
      this.signals = byDeadline(open);
      this.answered = answered;
      this.inbox = inbox;
      this.loadedAt = Date.now();
      const keys = new Set(open.map((s) => s.alertKey));
      for (const key of [...this.selected]) {
        const signal = open.find((s) => s.alertKey === key);
        if (!signal || signal.status !== 'open') this.selected.delete(key);
      }
      for (const key of [...this.forms.keys()]) {
        const signal = open.find((s) => s.alertKey === key);
        if (!keys.has(key) || signal?.status !== 'acknowledged') this.forms.delete(key);
      }
      this.draw();
    } catch (error) {
      this.say(`${todoTexts().loadFailed}${messageOf(error)}`, true);
    }
  }

  private say(message: string, failed = false): void {
    this.status.textContent = message;
    this.status.classList.toggle('failed', failed);
  }

  private draw(): void {
    const texts = todoTexts();
    this.live.replaceChildren(
      h(
        'header',
        { class: 'todo-head' },
        h(
          'div',
          {},
          h('h1', { text: texts.title }),
          this.department
            ? h('p', { class: 'muted', text: texts.departmentOf(departmentName(this.department)) })
            : null,
        ),
        h(
          'div',
          { class: 'todo-head-right' },
          this.loadedAt
            ? h('span', {
                class: 'muted small',
                text: texts.refreshedAt(dateTimeText(new Date(this.loadedAt).toISOString())),
              })
            : null,
          button(texts.refresh, () => void this.reload(), 'todo-refresh', 'ghost'),
        ),
      ),
      this.signalsSection(),
      h(
        'div',
        { class: 'todo-columns' },
        this.answeredSection(),
        h('div', { class: 'todo-side' }, this.inboxSection()),
      ),
    );
  }

  // ---- the open signals, batch 签收 ----

  private signalsSection(): HTMLElement {
    const texts = todoTexts();
    const openKeys = this.signals.filter((s) => s.status === 'open').map((s) => s.alertKey);
    const selectAll = h('input', {
      attrs: { type: 'checkbox', 'aria-label': texts.selectAll },
      data: { testid: 'todo-select-all' },
    });
    selectAll.checked = openKeys.length > 0 && openKeys.every((key) => this.selected.has(key));
    selectAll.disabled = openKeys.length === 0 || this.busy;
    selectAll.addEventListener('change', () => {
      for (const key of openKeys) {
        if (selectAll.checked) this.selected.add(key);
        else this.selected.delete(key);
      }
      this.draw();
    });
    const batch = button(
      texts.batchAcknowledge(this.selected.size),
      () => void this.acknowledgeSelected(),
      'todo-batch-acknowledge',
      'primary',
    );
    batch.disabled = this.selected.size === 0 || this.busy;
    const rows: HTMLTableRowElement[] = [];
    for (const signal of this.signals) {
      rows.push(this.signalRow(signal));
      const form = this.forms.get(signal.alertKey);
      if (form) rows.push(form.row);
    }
    return h(
      'section',
      { class: 'framed todo-panel', data: { testid: 'todo-signals' } },
      h('h2', { text: `${texts.signalsTitle} · ${this.signals.length}` }),
      h(
        'div',
        { class: 'todo-toolbar' },
        h('label', { class: 'todo-check' }, selectAll, h('span', { text: texts.selectAll })),
        batch,
        this.batchProgress,
        this.status,
      ),
      this.signals.length === 0
        ? h('p', { class: 'muted', text: this.loadedAt ? texts.signalsEmpty : texts.loading })
        : table(
            'data-table todo-table',
            [
              h('th', { class: 'select' }),
              texts.level,
              texts.rule,
              texts.caseId,
              texts.status,
              texts.due,
              texts.timeLeft,
              texts.actions,
            ],
            h('tbody', {}, ...rows),
          ),
    );
  }

  private signalRow(signal: TodoSignal): HTMLTableRowElement {
    const texts = todoTexts();
    const common = t();
    const left = timeLeft(signal.responseDueAt, Date.now(), texts);
    const check = h('input', {
      attrs: { type: 'checkbox', 'aria-label': `${texts.acknowledge} ${signal.caseId}` },
      data: { select: signal.alertKey },
    });
    check.checked = this.selected.has(signal.alertKey);
    check.disabled = signal.status !== 'open' || this.busy;
    check.addEventListener('change', () => {
      if (check.checked) this.selected.add(signal.alertKey);
      else this.selected.delete(signal.alertKey);
      this.draw();
    });
    const action = (text: string, name: string, onClick: () => void): HTMLButtonElement => {
      const button = h('button', { text, attrs: { type: 'button' }, data: { action: name }, onClick });
      button.disabled = this.busy;
      return button;
    };
    const actions = [
      signal.status === 'open'
        ? action(texts.acknowledge, 'acknowledge', () => void this.acknowledgeOne(signal))
        : null,
      signal.status === 'acknowledged'
        ? action(texts.answer, 'respond', () => this.openAnswer(signal))
        : null,
    ];
    return h(
      'tr',
      {
        class: `todo-row ${signal.level} ${left.urgency}`,
        data: { key: signal.alertKey, status: signal.status },
      },
      h('td', { class: 'select' }, check),
      h('td', {}, h('span', { class: `badge ${signal.level}`, text: common.levels[signal.level] })),
      h(
        'td',
        { class: 'rule', title: signal.message },
        h('div', { text: ruleName(signal.ruleId) }),
        h('div', { class: 'muted small', text: signal.message }),
      ),
      h('td', { class: 'case', text: signal.caseId }),
      h('td', { class: 'status', text: common.statuses[signal.status] }),
      h('td', { class: 'due', text: dateTimeText(signal.responseDueAt) }),
      h('td', { class: `left ${left.urgency}`, text: left.text, data: { testid: 'time-left' } }),
      h('td', { class: 'row-actions' }, ...actions),
    );
  }

  private async acknowledgeSelected(): Promise<void> {
    const texts = todoTexts();
    const chosen = this.signals.filter((s) => this.selected.has(s.alertKey) && s.status === 'open');
    if (chosen.length === 0) return;
    this.busy = true;
    this.draw();
    this.batchProgress.hidden = false;
    const result = await runBatch(
      chosen,
      async (signal) => {
        await this.api.post(`/api/signals/${encode(signal.alertKey)}/acknowledge`, {});
      },
      (finished, total) => {
        this.batchProgress.max = total;
        this.batchProgress.value = finished;
        this.say(texts.acknowledging(finished, total));
      },
    );
    this.busy = false;
    this.batchProgress.hidden = true;
    for (const signal of result.done) this.selected.delete(signal.alertKey);
    const lines = [
      texts.acknowledged(result.done.length),
      ...result.failed.map(({ item, error }) => texts.acknowledgeFailed(item.caseId, error)),
    ];
    await this.reload();
    this.say(lines.join('；'), result.failed.length > 0);
  }

  private async acknowledgeOne(signal: TodoSignal): Promise<void> {
    const texts = todoTexts();
    this.busy = true;
    this.draw();
    try {
      await this.api.post(`/api/signals/${encode(signal.alertKey)}/acknowledge`, {});
      this.busy = false;
      this.selected.delete(signal.alertKey);
      await this.reload();
      this.say(texts.acknowledged(1));
    } catch (error) {
      this.busy = false;
      this.draw();
      this.say(texts.acknowledgeFailed(signal.caseId, messageOf(error)), true);
    }
  }

  // ---- the answer (情况说明/整改) with attachments ----

  private openAnswer(signal: TodoSignal): void {
    if (!this.forms.has(signal.alertKey)) this.forms.set(signal.alertKey, this.answerForm(signal));
    this.draw();
    this.forms.get(signal.alertKey)?.text.focus();
  }

  private answerForm(signal: TodoSignal): AnswerForm {
    const texts = todoTexts();
    const common = t();
    const kind = h(
      'select',
      { attrs: { name: 'responseKind' } },
      ...(['explanation', 'correction'] as const).map((k) => option(k, common.responseKinds[k])),
    );
    const text = h('textarea', {
      attrs: { name: 'text', rows: '3', maxlength: '5000', placeholder: texts.textPlaceholder },
    });
    const files = h('input', {
      attrs: {
        type: 'file',
        name: 'file',
        multiple: '',
        accept: '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,.csv',
      },
    });
    const submit = submitButton(texts.submit, { action: 'submit-answer' });
    const progress = h('progress', { attrs: { max: '100', value: '0', hidden: '' } });
    const note = h('span', { class: 'muted small', data: { testid: 'answer-progress' } });
    const error = h('p', { class: 'error', data: { testid: 'answer-error' } });
    const attachments = h('ul', { class: 'attachments' });
    const form = h(
      'form',
      { class: 'answer-form' },
      h('h3', { text: texts.answerTitle(signal.caseId) }),
      h('label', {}, h('span', { text: texts.responseKind }), kind),
      h('label', { class: 'wide' }, h('span', { text: texts.text }), text),
      h(
        'label',
        { class: 'wide' },
        h('span', { text: texts.files }),
        files,
        h('small', { class: 'muted', text: texts.filesHint }),
      ),
      attachments,
      h(
        'div',
        { class: 'answer-buttons' },
        submit,
        h('button', {
          class: 'ghost',
          text: texts.cancel,
          attrs: { type: 'button' },
          onClick: () => {
            this.forms.delete(signal.alertKey);
            this.draw();
          },
        }),
        progress,
        note,
      ),
      error,
    );
    const row = h(
      'tr',
      { class: 'answer-row', data: { for: signal.alertKey } },
      h('td', { attrs: { colspan: '8' } }, form),
    );
    const answer: AnswerForm = { row, kind, text, files, submit, progress, note, error };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitAnswer(signal, answer);
    });
    void this.showAttachments(signal.alertKey, attachments);
    return answer;
  }

  private async submitAnswer(signal: TodoSignal, form: AnswerForm): Promise<void> {
    const texts = todoTexts();
    form.error.textContent = '';
    const text = form.text.value.trim();
    if (!text) {
      form.error.textContent = texts.textRequired;
      return;
    }
    const files = Array.from(form.files.files ?? []);
    this.busy = true;
    form.submit.disabled = true;
    try {
      for (const file of files) {
        form.progress.hidden = false;
        try {
          await uploadAttachment(
            this.context.session,
            signal.alertKey,
            file,
            (percent) => {
              form.progress.value = percent;
              form.note.textContent = texts.uploading(file.name, percent);
            },
            () => this.context.logout(),
          );
        } catch (error) {
          throw new UploadFailure(`${texts.uploadFailed(file.name)}${messageOf(error)}`);
        }
      }
      form.progress.hidden = true;
      form.note.textContent = texts.answering;
      await this.api.post(`/api/signals/${encode(signal.alertKey)}/respond`, {
        responseKind: form.kind.value,
        text,
      });
      this.forms.delete(signal.alertKey);
      this.busy = false;
      await this.reload();
      this.say(texts.answered(signal.caseId, files.length));
    } catch (error) {
      this.busy = false;
      form.submit.disabled = false;
      form.progress.hidden = true;
      form.note.textContent = '';
      form.error.textContent =
        error instanceof UploadFailure ? error.message : `${texts.failed}${messageOf(error)}`;
      // files uploaded before the failure are attached already: show them
      const list = form.row.querySelector<HTMLElement>('ul.attachments');
      if (list) void this.showAttachments(signal.alertKey, list);
    }
  }

  /** The files attached to a signal, each a download (never opened in the page). */
  private async showAttachments(alertKey: string, list: HTMLElement): Promise<void> {
    const texts = todoTexts();
    try {
      const attachments = await this.api.get<Attachment[]>(`/api/signals/${encode(alertKey)}/attachments`);
      list.replaceChildren(
        ...(attachments.length === 0
          ? [h('li', { class: 'muted small', text: texts.noAttachments })]
          : attachments.map((attachment) =>
              h(
                'li',
                { data: { attachment: String(attachment.id) } },
                h('span', { class: 'filename', text: attachment.filename }),
                h('span', {
                  class: 'muted small',
                  text: ` ${sizeText(attachment.size)} · ${attachment.uploadedBy} · ${dateTimeText(attachment.uploadedAt)} `,
                }),
                h('button', {
                  class: 'ghost small',
                  text: texts.download,
                  attrs: { type: 'button' },
                  onClick: () =>
                    void this.api
                      .download(
                        `/api/signals/${encode(alertKey)}/attachments/${attachment.id}`,
                        attachment.filename,
                      )
                      .catch((error: unknown) => this.say(`${texts.failed}${messageOf(error)}`, true)),
                }),
              ),
            )),
      );
    } catch (error) {
      list.replaceChildren(h('li', { class: 'error', text: `${texts.loadFailed}${messageOf(error)}` }));
    }
  }

  // ---- answered, waiting for 销号 ----

  private answeredSection(): HTMLElement {
    const texts = todoTexts();
    const common = t();
    return listPanel(
      'todo-answered',
      texts.answeredTitle,
      texts.answeredEmpty,
      'answered-list',
      this.answered.map((signal) => {
        const attachments = h('ul', { class: 'attachments' });
        void this.showAttachments(signal.alertKey, attachments);
        return h(
          'li',
          { data: { key: signal.alertKey, status: signal.status } },
          h(
            'div',
            { class: 'answered-head' },
            h('span', { class: `badge ${signal.level}`, text: common.levels[signal.level] }),
            h('strong', { text: ` ${signal.caseId} ` }),
            h('span', { text: ruleName(signal.ruleId) }),
            h('span', {
              class: 'muted small',
              text: ` · ${texts.respondedAt} ${dateTimeText(signal.respondedAt)}`,
            }),
          ),
          h('p', {
            class: 'answer-text',
            text: signal.responseKind
              ? labelled(common.responseKinds[signal.responseKind], signal.responseText ?? '')
              : (signal.responseText ?? ''),
          }),
          h('div', { class: 'muted small', text: texts.attachments }),
          attachments,
        );
      }),
    );
  }

  // ---- the inbox digests ----

  private inboxSection(): HTMLElement {
    const texts = todoTexts();
    return listPanel(
      'todo-inbox',
      texts.inboxTitle,
      texts.inboxEmpty,
      'inbox-list',
      this.inbox.map((message) => {
        const state = message.acknowledgedAt
          ? texts.acknowledgedBy(message.acknowledgedBy ?? '')
          : message.readAt
            ? texts.read(message.readBy ?? '')
            : texts.unread;
        return h(
          'li',
          {
            class: message.readAt ? 'read' : 'unread',
            data: { id: String(message.id), acknowledged: String(message.acknowledgedAt !== null) },
          },
          h('div', { class: 'inbox-title', text: message.title }),
          h('div', {
            class: 'muted small',
            text: `${dateTimeText(message.createdAt)} · ${texts.changes(message.body.changes.length)} · ${state}`,
          }),
          h(
            'div',
            { class: 'inbox-buttons' },
            message.readAt ? null : this.markButton(message.id, 'read', texts.markRead),
            message.acknowledgedAt ? null : this.markButton(message.id, 'acknowledge', texts.confirm),
          ),
        );
      }),
    );
  }

  private markButton(id: number, mark: 'read' | 'acknowledge', text: string): HTMLButtonElement {
    return h('button', {
      class: 'ghost small',
      text,
      attrs: { type: 'button' },
      data: { action: mark },
      onClick: () => void this.markInbox(id, mark),
    });
  }

  private async markInbox(id: number, mark: 'read' | 'acknowledge'): Promise<void> {
    try {
      await this.api.post(`/api/inbox/${id}/${mark}`, {});
      await this.reload();
    } catch (error) {
      this.say(`${todoTexts().failed}${messageOf(error)}`, true);
    }
  }
}

/** An attachment the server refused: its message names the file already. */
class UploadFailure extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
