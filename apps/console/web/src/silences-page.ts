// 静默规则: the supervisor's silences. Create one (a department, a rule or both, a reason and an
// expiry), list those in force or all of them with who, why and until when, and end one early.
// The server refuses the same things (400 naming the field, 403 to other roles) and audits each
// creation and early end; the wall marks the signals a silence in force matches.
import { silenceInForce } from '../../../../libs/contracts/src/silence-matcher';
import type { WallReference, WallSilence } from '../../../../libs/contracts/src/wall-protocol';
import { Api } from './api';
import { h, option } from './dom';
import { dateTime } from './format';
import { dateField } from './date-fields';
import { beijingInputToIso, beijingInputValue } from './date-text';
import { aside, departmentLabel, learnTitles, ruleName } from './i18n';
import { silencesTexts } from './silences-texts';
import { submitButton, table } from './page-kit';
import type { Page, WorkspaceContext } from './workspace';
import './silences-page.css';

const HOUR_MS = 3_600_000;

/** The Beijing day and time of an instant, for the silence's two fields. */
const dayAndTime = (instant: number) => beijingInputValue(instant).split(' ') as [string, string];

export class SilencesPage implements Page {
  readonly element = h('main', { class: 'workspace silences', data: { testid: 'silences' } });
  private readonly api: Api;
  private reference: WallReference = { departments: [], rules: [], families: [] };
  private showAll = false;
  private readonly list = h('section', { class: 'framed silence-list', data: { testid: 'silence-list' } });

  constructor(readonly context: WorkspaceContext) {
    this.api = new Api(context.session, () => context.logout());
  }

  async start(): Promise<void> {
    this.element.replaceChildren(h('p', { class: 'muted', text: silencesTexts().loading }));
    this.reference = await this.api.get<WallReference>('/api/wall/reference');
    learnTitles(this.reference);
    const texts = silencesTexts();
    this.element.replaceChildren(
      h('h1', { text: texts.title }),
      h('p', { class: 'muted hint', text: texts.hint }),
      this.form(),
      this.list,
    );
    await this.reload();
  }

  stop(): void {}

  private departmentName(id: string): string {
    const department = this.reference.departments.find((d) => d.id === id);
    return department ? departmentLabel(department) : id;
  }

  private matcherText(silence: WallSilence): string {
    const texts = silencesTexts();
    const department = silence.departmentId ? this.departmentName(silence.departmentId) : texts.anyDepartment;
    const rule = silence.ruleId ? ruleName(silence.ruleId) : texts.anyRule;
    return `${department} · ${rule}`;
  }

  private form(): HTMLElement {
    const texts = silencesTexts();
    const department = h(
      'select',
      { attrs: { name: 'departmentId' } },
      option('', texts.anyDepartment),
      ...this.reference.departments.map((d) => option(d.id, departmentLabel(d))),
    );
    const rule = h(
      'select',
      { attrs: { name: 'ruleId' } },
      option('', texts.anyRule),
      ...this.reference.rules.map((r) => option(r.id, `${ruleName(r.id)}${aside(r.id)}`)),
    );
    const reason = h('textarea', {
      attrs: {
        name: 'reason',
        rows: '3',
        placeholder: texts.reasonPlaceholder,
        required: '',
        maxlength: '2000',
      },
    });
    const [startDay, startTime] = dayAndTime(Date.now() + 24 * HOUR_MS);
    const untilDate = dateField('date', { name: 'untilDate', required: true, value: startDay });
    const untilTime = dateField('time', { name: 'untilTime', required: true, value: startTime });
    const [date, time] = [untilDate.input, untilTime.input];
    const preset = (label: string, hours: number) =>
      h('button', {
        class: 'ghost',
        text: label,
        attrs: { type: 'button' },
        onClick: () => {
          [date.value, time.value] = dayAndTime(Date.now() + hours * HOUR_MS);
          for (const input of [date, time]) input.dispatchEvent(new Event('input'));
        },
      });
    const error = h('p', { class: 'error', data: { testid: 'silence-error' } });
    const submit = submitButton(texts.submit);
    const form = h(
      'form',
      { class: 'framed silence-form', data: { testid: 'silence-form' } },
      h('h2', { text: texts.create }),
      h('label', {}, texts.department, department),
      h('label', {}, texts.rule, rule),
      h('label', {}, texts.reason, reason),
      h(
        'label',
        {},
        `${texts.until}${aside(texts.untilHint)}`,
        h(
          'span',
          { class: 'until-row' },
          untilDate.root,
          untilTime.root,
          preset(texts.presets.hour, 1),
          preset(texts.presets.day, 24),
          preset(texts.presets.week, 7 * 24),
        ),
      ),
      submit,
      error,
    );
    form.noValidate = true; // the page says what is missing, in its language
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const endsAt = beijingInputToIso(`${date.value.trim()} ${time.value.trim()}`);
      const problem =
        !department.value && !rule.value
          ? texts.needMatcher
          : !reason.value.trim()
            ? texts.needReason
            : !endsAt ||
                Date.parse(endsAt) <= Date.now() ||
                Date.parse(endsAt) - Date.now() > 30 * 24 * HOUR_MS
              ? texts.needUntil
              : null;
      if (problem || !endsAt) {
        error.textContent = problem ?? texts.needUntil;
        return;
      }
      error.textContent = '';
      submit.disabled = true;
      this.api
        .post<WallSilence>('/api/silences', {
          ...(department.value ? { departmentId: department.value } : {}),
          ...(rule.value ? { ruleId: rule.value } : {}),
          reason: reason.value.trim(),
          endsAt,
        })
        .then(
          async () => {
            reason.value = '';
            error.textContent = texts.created;
            await this.reload();
          },
          (failure: Error) => (error.textContent = `${texts.failed}${failure.message}`),
        )
        .finally(() => (submit.disabled = false));
    });
    return form;
  }

  private async reload(): Promise<void> {
    const texts = silencesTexts();
    let silences: WallSilence[];
    try {
      silences = await this.api.get<WallSilence[]>(`/api/silences?active=${!this.showAll}&limit=500`);
    } catch (error) {
      this.list.replaceChildren(
        h('p', { class: 'error', text: `${texts.failed}${(error as Error).message}` }),
      );
      return;
    }
    const toggle = h('label', { class: 'muted small' });
    const checkbox = h('input', { attrs: { type: 'checkbox', name: 'showAll' } });
    checkbox.checked = this.showAll;
    checkbox.addEventListener('change', () => {
      this.showAll = checkbox.checked;
      void this.reload();
    });
    toggle.append(checkbox, ` ${texts.all}`);
    const now = Date.now();
    const rows = silences.map((silence) => this.row(silence, now));
    this.list.replaceChildren(
      h('div', { class: 'list-head' }, h('h2', { text: this.showAll ? texts.all : texts.inForce }), toggle),
      rows.length === 0
        ? h('p', { class: 'muted', text: texts.none })
        : table(
            'silence-table',
            [texts.matcher, texts.reason, texts.createdBy, texts.from, texts.until, texts.status, ''],
            h('tbody', {}, ...rows),
          ),
    );
  }

  private row(silence: WallSilence, now: number): HTMLElement {
    const texts = silencesTexts();
    const inForce = silenceInForce(silence, now);
    const pending = silence.expiredAt === null && Date.parse(silence.startsAt) > now;
    const state = silence.expiredAt
      ? texts.expiredEarly(silence.expiredBy ?? '?', dateTime(silence.expiredAt))
      : inForce
        ? texts.active
        : pending
          ? texts.pending
          : texts.ended;
    const status = h('span', { class: `state${inForce ? ' active' : ''}`, text: state });
    const actions = h('td', { class: 'row-actions' });
    if (inForce || pending) {
      const expire = h('button', {
        class: 'ghost',
        text: texts.expire,
        data: { action: 'expire' },
        onClick: () => {
          const box = h(
            'div',
            { class: 'confirm-box', attrs: { role: 'alertdialog' } },
            h('p', { text: texts.expireConfirm(this.matcherText(silence)) }),
            h('button', {
              class: 'primary',
              text: texts.expire,
              data: { action: 'expire-yes' },
              onClick: () => {
                box.remove();
                void this.expire(silence, status);
              },
            }),
            h('button', { class: 'ghost', text: '×', onClick: () => box.remove() }),
          );
          actions.querySelector('.confirm-box')?.remove();
          actions.append(box);
        },
      });
      actions.append(expire);
    }
    return h(
      'tr',
      { class: inForce || pending ? '' : 'ended', data: { silence: silence.id } },
      h('td', { text: this.matcherText(silence), data: { field: 'matcher' } }),
      h('td', { text: silence.reason, data: { field: 'reason' } }),
      h('td', { text: silence.createdBy, data: { field: 'createdBy' } }),
      h('td', { class: 'when', text: dateTime(silence.startsAt) }),
      h('td', { class: 'when', text: dateTime(silence.endsAt), data: { field: 'until' } }),
      h('td', {}, status),
      actions,
    );
  }

  private async expire(silence: WallSilence, status: HTMLElement): Promise<void> {
    const texts = silencesTexts();
    try {
      await this.api.delete(`/api/silences/${encodeURIComponent(silence.id)}`);
      await this.reload();
    } catch (error) {
      status.textContent = `${texts.failed}${(error as Error).message}`;
    }
  }
}
