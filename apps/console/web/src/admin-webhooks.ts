// 后台管理 · 部门回调: the notification channels, each department's signed webhook (create,
// change, rotate the secret, remove) and the dead deliveries to send again.
import { h } from './dom';
import { type AdminContext, departmentOption, sectionHeading } from './admin-common';
import { DepartmentSection } from './admin-section';
import { beijingDateTime } from './admin-format';
import { adminTexts } from './admin-texts';
import { button, field, submitButton, table } from './page-kit';

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

export class AdminWebhooksTab extends DepartmentSection {
  private readonly rows = h('tbody');
  private readonly deadRows = h('tbody');

  constructor(context: AdminContext) {
    super(context, 'admin-webhooks');
  }

  protected draw(): Node[] {
    const texts = adminTexts().webhooks;
    return [
      h('h2', { text: texts.channels }),
      h(
        'ul',
        { class: 'admin-channels', data: { testid: 'channels' } },
        ...texts.channelList.map(([name, what]) =>
          h('li', {}, h('span', { class: 'mono', text: name }), ` ${what}`),
        ),
      ),
      ...sectionHeading(texts.title, texts.hint),
      this.form(),
      table(
        'data-table admin-table',
        [texts.department, texts.url, texts.enabled, texts.updated, ''],
        this.rows,
        'webhooks',
      ),
      h('h3', { text: texts.dead }),
      table(
        'data-table admin-table',
        ['#', texts.department, texts.url, texts.attempts, texts.lastError, ''],
        this.deadRows,
        'dead-deliveries',
      ),
    ];
  }

  protected async load(): Promise<void> {
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
          h('td', { text: this.departmentName(hook.departmentId) }),
          h('td', { class: 'mono', text: hook.url }),
          h('td', { text: hook.enabled ? texts.yes : texts.no }),
          h('td', { text: `${beijingDateTime(hook.updatedAt)} · ${hook.updatedBy}` }),
          h(
            'td',
            {},
            h(
              'div',
              { class: 'admin-actions' },
              button(
                texts.rotate,
                () => void this.save(hook.departmentId, hook.url, hook.enabled, true),
                'webhook-rotate',
                'ghost',
              ),
              button(
                texts.remove,
                () => void this.remove(hook.departmentId),
                'webhook-remove',
                'ghost danger',
              ),
            ),
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
          h('td', { text: this.departmentName(delivery.departmentId) }),
          h('td', { class: 'mono', text: delivery.url }),
          h('td', { text: String(delivery.attempts) }),
          h('td', { class: 'small', text: delivery.lastError ?? '—' }),
          h(
            'td',
            {},
            button(
              texts.retry,
              () =>
                void this.change(async () => {
                  await this.context.http.post(`/api/webhook-deliveries/${delivery.id}/retry`);
                  return texts.retried(delivery.id);
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
    await this.change(async () => {
      const saved = await this.context.http.put<{ secret: string | null }>(
        `/api/departments/${encodeURIComponent(departmentId)}/webhook`,
        { url, enabled, rotateSecret },
      );
      return saved.secret
        ? texts.webhooks.secret(this.departmentName(departmentId), saved.secret)
        : texts.saved;
    });
  }

  private async remove(departmentId: string): Promise<void> {
    await this.change(async () => {
      await this.context.http.delete(`/api/departments/${encodeURIComponent(departmentId)}/webhook`);
      return adminTexts().webhooks.removed(this.departmentName(departmentId));
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
      { class: 'framed admin-form' },
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
