// 后台管理 · 通知渠道: the office's mail server (SMTP) and SMS gateway (secrets are never shown:
// "已设置" and a field to replace them), the wall's public address the messages link to, then one
// department's notification settings at a time (监察室 `office` included: its contacts and robots
// receive 升级督办) and the delivery log of every department.
import {
  SUPERVISION_OFFICE,
  type SmsTransportView,
  type SmtpTransportView,
  type TransportsView,
} from '../../../../libs/contracts/src/notification-views';
import { h, option } from './dom';
import { aside, departmentLabel } from './i18n';
import {
  type AdminContext,
  type AdminTab,
  attempt,
  type DepartmentRef,
  departmentsInForce,
  sectionHeading,
} from './admin-common';
import { DeliveryLogPanel } from './notify-log';
import { type Checked, smsInput, smtpInput } from './notify-logic';
import { FamilyChoice, NotificationSettingsPanel } from './notify-settings';
import { notifyTexts } from './notify-texts';
import { field, submitButton } from './page-kit';
import './notify.css';

const input = (value: string, attrs: Record<string, string> = {}, testid?: string): HTMLInputElement => {
  const element = h('input', { attrs: { type: 'text', ...attrs }, ...(testid ? { data: { testid } } : {}) });
  element.value = value;
  return element;
};

/** A secret's field: whether one is set, and an empty field that replaces it when filled. */
function secretField(label: string, isSet: boolean, control: HTMLInputElement): HTMLLabelElement {
  const texts = notifyTexts();
  control.placeholder = isSet ? texts.keepSecret : '';
  return h(
    'label',
    { class: 'field' },
    h(
      'span',
      {},
      `${label} `,
      h('span', {
        class: `tag${isSet ? ' on' : ''}`,
        text: isSet ? texts.secretSet : texts.secretNone,
        data: { testid: 'secret-state' },
      }),
    ),
    control,
  );
}

export class AdminChannelsTab implements AdminTab {
  readonly element = h('section', {
    class: 'admin-section notify-admin',
    data: { testid: 'admin-channels' },
  });
  private departments: DepartmentRef[] = [];
  private transports: TransportsView | null = null;
  private readonly smtpBox = h('div');
  private readonly smsBox = h('div');
  private readonly publicUrl = h('input', {
    attrs: { type: 'text', readonly: '', size: '48' },
    data: { testid: 'public-url' },
  });
  private readonly settingsBox = h('div', { class: 'framed notify-admin-settings' });
  private settings: NotificationSettingsPanel | null = null;
  private families: FamilyChoice[] = [];
  private log: DeliveryLogPanel | null = null;

  constructor(private readonly context: AdminContext) {}

  async start(): Promise<void> {
    const texts = notifyTexts();
    this.departments = await departmentsInForce(this.context.http);
    const choices: DepartmentRef[] = [
      { id: SUPERVISION_OFFICE, name: texts.office },
      ...this.departments.filter((d) => d.id !== SUPERVISION_OFFICE),
    ];
    const picker = h(
      'select',
      { data: { testid: 'notify-department' } },
      ...choices.map((d, index) =>
        option(
          d.id,
          d.id === SUPERVISION_OFFICE ? d.name : `${departmentLabel(d)}${aside(d.id)}`,
          index === 0,
        ),
      ),
    );
    picker.addEventListener('change', () => this.showDepartment(picker.value));
    this.log = new DeliveryLogPanel(this.context.http, { departments: choices });
    this.element.replaceChildren(
      ...sectionHeading(texts.channelsTitle, texts.channelsHint),
      h('h3', { text: texts.smtpTitle }),
      this.smtpBox,
      h('h3', { text: texts.smsTitle }),
      this.smsBox,
      h(
        'div',
        { class: 'framed admin-form notify-public-url' },
        field(texts.publicUrl, this.publicUrl),
        h('small', { class: 'muted', text: texts.publicUrlHint }),
      ),
      h('h2', { text: texts.departmentSettings }),
      h('div', { class: 'framed admin-form' }, field(texts.chooseDepartment, picker)),
      this.settingsBox,
      h('h2', { text: texts.logAll }),
      this.log.element,
    );
    await attempt(this.context.notice, () => this.loadTransports());
    await attempt(this.context.notice, async () => {
      const families = await this.context.http.get<{ id: string; zh: string; en: string }[]>(
        '/api/notification-families',
      );
      this.families = families.map((family) => ({ id: family.id, title: { zh: family.zh, en: family.en } }));
    });
    this.showDepartment(picker.value);
    await this.log.start();
  }

  stop(): void {
    this.settings?.stop();
    this.log?.stop();
  }

  private showDepartment(departmentId: string): void {
    this.settings?.stop();
    this.settings = new NotificationSettingsPanel(this.context.http, {
      departmentId,
      families: this.families,
      onSent: () => void this.log?.reload(),
    });
    this.settingsBox.replaceChildren(this.settings.element);
    void this.settings.start();
  }

  private async loadTransports(): Promise<void> {
    this.transports = await this.context.http.get<TransportsView>('/api/admin/transports');
    this.showTransports(this.transports);
  }

  private showTransports(transports: TransportsView): void {
    this.smtpBox.replaceChildren(this.smtpForm(transports.smtp));
    this.smsBox.replaceChildren(this.smsForm(transports.sms));
    this.publicUrl.value = transports.publicUrl;
  }

  private smtpForm(smtp: SmtpTransportView | null): HTMLFormElement {
    const texts = notifyTexts();
    const host = input(smtp?.host ?? '', { size: '24', placeholder: 'smtp.example.gov.cn' }, 'smtp-host');
    const port = input(String(smtp?.port ?? 465), { size: '6', inputmode: 'numeric' }, 'smtp-port');
    const secure = h('input', { attrs: { type: 'checkbox' }, data: { testid: 'smtp-secure' } });
    secure.checked = smtp?.secure ?? true;
    const username = input(smtp?.username ?? '', { size: '20', autocomplete: 'off' }, 'smtp-username');
    const password = input(
      '',
      { type: 'password', autocomplete: 'new-password', size: '16' },
      'smtp-password',
    );
    const from = input(smtp?.from ?? '', { size: '32', placeholder: texts.smtpFromPlaceholder }, 'smtp-from');
    return this.transportForm(
      'smtp',
      smtp !== null,
      [
        field(texts.smtpHost, host),
        field(texts.smtpPort, port),
        h('label', { class: 'field notify-inline' }, secure, h('span', { text: texts.smtpSecure })),
        field(texts.smtpUsername, username),
        secretField(texts.smtpPassword, smtp?.hasPassword ?? false, password),
        field(texts.smtpFrom, from),
      ],
      { save: texts.saveSmtp, saved: texts.smtpSaved },
      () =>
        smtpInput(
          {
            host: host.value,
            port: port.value,
            secure: secure.checked,
            username: username.value,
            password: password.value,
            from: from.value,
          },
          texts.validation,
        ),
    );
  }

  private smsForm(sms: SmsTransportView | null): HTMLFormElement {
    const texts = notifyTexts();
    const url = input(sms?.url ?? '', { type: 'url', size: '36', placeholder: 'https://' }, 'sms-url');
    const appKey = input(sms?.appKey ?? '', { size: '20', autocomplete: 'off' }, 'sms-app-key');
    const secret = input('', { type: 'password', autocomplete: 'new-password', size: '16' }, 'sms-secret');
    const signName = input(sms?.signName ?? '', { size: '12' }, 'sms-sign-name');
    const bodyTemplate = h('textarea', {
      class: 'mono',
      attrs: { rows: '6', cols: '60', spellcheck: 'false' },
      data: { testid: 'sms-body-template' },
    });
    bodyTemplate.value =
      sms?.bodyTemplate ??
      '{\n  "mobile": "{{to}}",\n  "content": "{{text}}",\n  "requestId": "{{requestId}}",\n  "signName": "{{signName}}"\n}';
    return this.transportForm(
      'sms',
      sms !== null,
      [
        field(texts.smsUrl, url),
        field(texts.smsAppKey, appKey),
        secretField(texts.smsSecret, sms?.hasSecret ?? false, secret),
        field(texts.smsSignName, signName),
        h(
          'div',
          { class: 'notify-template notify-wide' },
          field(texts.smsBodyTemplate, bodyTemplate),
          h(
            'div',
            { class: 'notify-placeholders' },
            h('strong', { class: 'small', text: texts.placeholdersTitle }),
            h(
              'dl',
              {},
              ...texts.placeholders.flatMap(([name, what]) => [
                h('dt', { class: 'mono', text: name }),
                h('dd', { class: 'small', text: what }),
              ]),
            ),
          ),
        ),
      ],
      { save: texts.saveSms, saved: texts.smsSaved },
      () =>
        smsInput(
          {
            url: url.value,
            appKey: appKey.value,
            secret: secret.value,
            signName: signName.value,
            bodyTemplate: bodyTemplate.value,
          },
          texts.validation,
        ),
    );
  }

  /**
   * A transport's form: its fields, a save button and the line saying what is wrong. Submitting
   * checks the fields first; only an input without problems is sent.
   */
  private transportForm(
    which: 'smtp' | 'sms',
    configured: boolean,
    fields: HTMLElement[],
    texts: { save: string; saved: string },
    check: () => Checked<unknown>,
  ): HTMLFormElement {
    const error = h('p', { class: 'error notify-form-error', data: { testid: `${which}-error` } });
    const form = h(
      'form',
      { class: 'framed admin-form', data: { testid: `${which}-form` } },
      configured ? null : h('p', { class: 'muted small notify-wide', text: notifyTexts().notConfigured }),
      ...fields,
      submitButton(texts.save, { testid: `${which}-save` }),
      error,
    );
    form.noValidate = true;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = check();
      if (!checked.ok) {
        error.textContent = checked.problems.join('；');
        return;
      }
      error.textContent = '';
      void this.saveTransport(which, checked.value, texts.saved, error);
    });
    return form;
  }

  /** Saves one transport; the answer (both, secrets masked) redraws both forms. */
  private async saveTransport(
    which: 'smtp' | 'sms',
    body: unknown,
    saved: string,
    error: HTMLElement,
  ): Promise<void> {
    const ok = await attempt(this.context.notice, async () => {
      const transports = await this.context.http.put<TransportsView>(`/api/admin/transports/${which}`, body);
      this.transports = transports;
      // only the form saved is drawn again: the other may hold changes not yet saved
      if (which === 'smtp') this.smtpBox.replaceChildren(this.smtpForm(transports.smtp));
      else this.smsBox.replaceChildren(this.smsForm(transports.sms));
      this.publicUrl.value = transports.publicUrl;
      this.context.notice.ok(saved);
    });
    if (!ok) error.textContent = this.context.notice.element.textContent ?? '';
  }
}
