// The department board (部门信号排行): per department its open red, yellow and warning signals,
// answers overdue, cases in progress and overdue, as ranked by the overview. Clicking a row filters
// the wall by that department.
import type { WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import { h } from './dom';
import { count } from './format';
import { departmentName, t } from './i18n';
import { label } from './label';

export class DepartmentBoard {
  readonly element = h('div', { class: 'signal-board' });
  private readonly body = h('tbody');
  private overview: WallOverview | undefined;

  constructor(private readonly departmentClicked: (departmentId: string) => void) {
    this.element.append(
      label('p', 'boardHint', 'muted small'),
      h(
        'table',
        { class: 'board signal-ranking', data: { testid: 'board' } },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            label('th', 'rank'),
            label('th', 'department'),
            h('th', { class: 'red', data: { i18nLevel: 'red' }, text: t().levels.red }),
            h('th', { class: 'yellow', data: { i18nLevel: 'yellow' }, text: t().levels.yellow }),
            h('th', { class: 'warning', data: { i18nLevel: 'warning' }, text: t().levels.warning }),
            label('th', 'overdueAnswers'),
            label('th', 'inProgress'),
            label('th', 'overdueShort'),
          ),
        ),
        this.body,
      ),
    );
  }

  show(overview: WallOverview): void {
    this.overview = overview;
    this.render();
  }

  /** The rows of the last overview. */
  render(): void {
    const rows = this.overview?.board ?? [];
    this.body.replaceChildren(
      ...rows.map((row) =>
        h(
          'tr',
          {
            data: { department: row.departmentId },
            class: row.open.red > 0 ? 'has-red' : '',
            onClick: () => this.departmentClicked(row.departmentId),
          },
          h('td', { class: 'rank', text: String(row.rank) }),
          h('td', { class: 'name', text: departmentName(row.departmentId, row.name) }),
          h('td', { class: 'red', text: count(row.open.red) }),
          h('td', { class: 'yellow', text: count(row.open.yellow) }),
          h('td', { class: 'warning', text: count(row.open.warning) }),
          h('td', { class: row.overdueAnswers > 0 ? 'danger' : '', text: count(row.overdueAnswers) }),
          h('td', { text: count(row.casesInProgress) }),
          h('td', { class: row.overdueCases > 0 ? 'danger' : '', text: count(row.overdueCases) }),
        ),
      ),
    );
  }
}
