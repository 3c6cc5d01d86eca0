// 后台管理 · 操作审计: the operator audit (who did what, when, from where), narrowed by action,
// actor, target and days (YYYY-MM-DD, Beijing time), and exported as CSV (the export is audited).
import { h, option } from './dom';
import { type AdminContext, attempt, sectionHeading } from './admin-common';
import { AdminSection } from './admin-section';
import { beijingDateTime } from './admin-format';
import { dateField } from './date-fields';
import { adminTexts } from './admin-texts';
import { button, field, submitButton, table } from './page-kit';
import { language, t } from './i18n';
import type { OperatorActionRecord } from '../../../../libs/contracts/src/admin-views';
import { OPERATOR_ACTION_FAMILIES, OPERATOR_ACTIONS } from '../../../../libs/contracts/src/operator-actions';
import type { WallRole } from '../../../../libs/contracts/src/wall-protocol';

/** What an action (or a family) reads as in the page's language; an unknown one as it is. */
function named(names: Record<string, { zh: string; en: string }>, code: string): string {
  return Object.hasOwn(names, code) ? (names[code] as { zh: string; en: string })[language()] : code;
}

export class AdminAuditTab extends AdminSection {
  private readonly rows = h('tbody');
  private readonly summary = h('p', { class: 'muted small', data: { testid: 'audit-count' } });
  private readonly action = h('select', { data: { testid: 'audit-action' } });
  private readonly actor = h('input', { attrs: { size: '12' }, data: { testid: 'audit-actor' } });
  private readonly target = h('input', { attrs: { size: '16' }, data: { testid: 'audit-target' } });
  private readonly from = dateField('date', { testid: 'audit-from' });
  private readonly to = dateField('date', { testid: 'audit-to' });

  constructor(context: AdminContext) {
    super(context, 'admin-audit');
  }

  protected draw(): Node[] {
    const texts = adminTexts().audit;
    this.action.replaceChildren(
      option('', texts.allActions),
      ...Object.keys(OPERATOR_ACTION_FAMILIES).map((family) =>
        option(family, named(OPERATOR_ACTION_FAMILIES, family)),
      ),
    );
    const form = h(
      'form',
      { class: 'framed admin-form', data: { testid: 'audit-filters' } },
      field(texts.action, this.action),
      field(texts.actor, this.actor),
      field(texts.target, this.target),
      field(texts.from, this.from.root),
      field(texts.to, this.to.root),
      submitButton(texts.search, { testid: 'audit-search' }),
      button(
        texts.export,
        () =>
          void attempt(this.context.notice, () =>
            this.context.http.download(
              `/api/audit/operator-actions.csv?${this.query()}`,
              'operator-actions.csv',
            ),
          ),
        'audit-export',
        'ghost',
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void attempt(this.context.notice, () => this.load());
    });
    return [
      ...sectionHeading(texts.title, texts.hint),
      form,
      this.summary,
      table(
        'data-table admin-table',
        [texts.at, texts.actor, texts.role, texts.address, texts.action, texts.target, texts.details],
        this.rows,
        'audit-rows',
      ),
    ];
  }

  private query(): string {
    const query = new URLSearchParams();
    const set = (name: string, value: string) => {
      if (value.trim()) query.set(name, value.trim());
    };
    set('action', this.action.value);
    set('actor', this.actor.value);
    set('target', this.target.value);
    set('from', this.from.input.value);
    set('to', this.to.input.value);
    return query.toString();
  }

  protected async load(): Promise<void> {
    const actions = await this.context.http.get<OperatorActionRecord[]>(
      `/api/audit/operator-actions?limit=500&${this.query()}`,
    );
    this.summary.textContent = adminTexts().audit.count(actions.length);
    const roles = t().roles as Record<string, string>;
    this.rows.replaceChildren(
      ...actions.map((action) =>
        h(
          'tr',
          { data: { action: action.action, target: action.target } },
          h('td', { text: beijingDateTime(action.at) }),
          h('td', { text: action.actorUsername }),
          h('td', { text: roles[action.actorRole as WallRole] ?? action.actorRole }),
          h('td', { class: 'mono small', text: action.address ?? '—' }),
          h('td', { text: named(OPERATOR_ACTIONS, action.action), title: action.action }),
          h('td', { class: 'mono', text: action.target }),
          h('td', {
            class: 'mono small admin-details',
            text: Object.keys(action.details).length ? JSON.stringify(action.details) : '',
          }),
        ),
      ),
    );
  }
}
