// 后台管理 · 回调与通道: the notification channels, each department's signed webhook (create,
// change, rotate the secret, remove) and the dead deliveries to send again.
import { h } from './dom';
import {
  type AdminContext,
  type AdminTab,
  attempt,
  type DepartmentRef,
  departmentName,
  departmentOption,
  departmentsInForce,
  field,
} from './admin-common';
import { beijingDateTime } from './admin-format';
import { adminTexts } from './admin-texts';
import { button, submitButton, table } from './page-kit';

interface WebhookRow {
  departmentId: string;
  url: string;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string;
}

interface DeliveryRow {
  id: number;
  departmentId: string;
  url: string;
  status: string;
  attempts: number;
  lastError: string | null;
  deadAt: string | null;
}

export class AdminWebhooksTab implements AdminTab {
  readonly element = h('section', { class: 'admin-section', data: { testid: 'admin-webhooks' } });
  private readonly rows = h('tbody');
  private readonly deadRows = h('tbody');
  private departments: DepartmentRef[] = [];

  constructor(private readonly context: AdminContext) {}

  async start(): Promise<void> {
    const texts = adminTexts().webhooks;
    this.departments = await departmentsInForce(this.context.http);
    this.element.replaceChildren(
      h('h2', { text: texts.channels }),
      h(
        'ul',
        { class: 'admin-channels', data: { testid: 'channels' } },
        ...texts.channelList.map(([name, what]) =>
          h('li', {}, h('span', { class: 'mono', text: name }), ` ${what}`),
        ),
      ),
      h('h2', { text: texts.title }),
      h('p', { class: 'muted', text: texts.hint }),
      this.form(),
      table(
        'admin-table',
        [texts.department, texts.url, texts.enabled, texts.updated, ''],
        this.rows,
        'webhooks',
      ),
      h('h3', { text: texts.dead }),
      table(
        'admin-table',
        ['#', texts.department, texts.url, texts.attempts, texts.lastError, ''],
        this.deadRows,
        'dead-deliveries',
      ),
    );
    await this.load();
  }

  private name(id: string): string {
    return departmentName(this.departments, id);
  }

  private async load(): Promise<void> {
    const texts = adminTexts().webhooks;
    const [webhooks, dead] = await Promise.all([
      this.context.http.get<WebhookRow[]>('/api/webhooks'),
      this.context.http.get<DeliveryRow[]>('/api/webhook-deliveries?status=dead&limit=100'),
    ]);
    this.rows.replaceChildren(
      ...webhooks.map((hook) =>
        h(
          'tr',
          { data: { department: hook.departmentId } },
          h('td', { text: this.name(hook.departmentId) }),
          h('td', { class: 'mono', text: hook.url }),
          h('td', { text: hook.enabled ? texts.yes : texts.no }),
          h('td', { text: `${beijingDateTime(hook.updatedAt)} · ${hook.updatedBy}` }),
          h(
            'td',
            { class: 'admin-actions' },
            button(
              texts.rotate,
              () => void this.save(hook.departmentId, hook.url, hook.enabled, true),
              'webhook-rotate',
              'ghost',
            ),
            button(texts.remove, () => void this.remove(hook.departmentId), 'webhook-remove', 'ghost danger'),
          ),
        ),
      ),
    );
    this.deadRows.replaceChildren(
      ...dead.map((delivery) =>
        h(
          'tr',
          { data: { delivery: String(delivery.id) } },
          h('td', { text: String(delivery.id) }),
          h('td', { text: this.name(delivery.departmentId) }),
          h('td', { class: 'mono', text: delivery.url }),
          h('td', { text: String(delivery.attempts) }),
          h('td', { class: 'small', text: delivery.lastError ?? '—' }),
          h(
            'td',
            {},
            button(
              texts.retry,
              () =>
                void attempt(this.context.notice, async () => {
                  await this.context.http.post(`/api/webhook-deliveries/${delivery.id}/retry`);
                  this.context.notice.ok(texts.retried(delivery.id));
                  await this.load();
                }),
              'delivery-retry',
              'ghost',
            ),
          ),
        ),
      ),
    );
  }

  private async save(
    departmentId: string,
    url: string,
    enabled: boolean,
    rotateSecret: boolean,
  ): Promise<void> {
    const texts = adminTexts();
    await attempt(this.context.notice, async () => {
      const saved = await this.context.http.put<{ secret: string | null }>(
        `/api/departments/${encodeURIComponent(departmentId)}/webhook`,
        { url, enabled, rotateSecret },
      );
      this.context.notice.ok(
        saved.secret ? texts.webhooks.secret(this.name(departmentId), saved.secret) : texts.saved,
      );
      await this.load();
    });
  }

  private async remove(departmentId: string): Promise<void> {
    await attempt(this.context.notice, async () => {
      await this.context.http.delete(`/api/departments/${encodeURIComponent(departmentId)}/webhook`);
      this.context.notice.ok(adminTexts().webhooks.removed(this.name(departmentId)));
      await this.load();
    });
  }

  private form(): HTMLFormElement {
    const texts = adminTexts().webhooks;
    const department = h(
      'select',
      { data: { testid: 'webhook-department' } },
      ...this.departments.map((d) => departmentOption(d)),
    );
    const url = h('input', {
      attrs: { type: 'url', required: '', placeholder: 'https://', size: '40' },
      data: { testid: 'webhook-url' },
    });
    const enabled = h('input', {
      attrs: { type: 'checkbox', checked: '' },
      data: { testid: 'webhook-enabled' },
    });
    const submit = submitButton(texts.save, { testid: 'webhook-save' });
    const form = h(
      'form',
      { class: 'admin-form' },
      field(texts.department, department),
      field(texts.url, url),
      field(texts.enabled, enabled),
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save(department.value, url.value.trim(), enabled.checked, false);
    });
    return form;
  }
}
