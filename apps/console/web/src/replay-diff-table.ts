// The diff table of a replay (or of a what-if comparison): filters by kind, department, rule, level
// and case, one row per signal that differs; a row opens its case's timeline.
import { h, option } from './dom';
import { ruleName, t } from './i18n';
import { DIFF_KINDS } from '../../../../libs/contracts/src/replay-views';
import {
  diffFacets,
  filterDiff,
  signalOf,
  shanghaiMinute,
  type DiffFilter,
  type DiffRow,
} from './replay-model';
import { replayTexts } from './replay-texts';
import { table } from './page-kit';

export interface DiffTableOptions {
  /** A department's name. */
  departmentName: (id: string) => string;
  /** The two sides' names: replay and live, or compared and base. */
  sides: { replay: string; live: string };
  kindHints: Record<string, string>;
  onOpen: (row: DiffRow) => void;
}

const levelName = (level: string | undefined) =>
  level ? ((t().levels as Record<string, string>)[level] ?? level) : '—';

export class DiffTable {
  readonly element = h('section', { class: 'replay-diff', data: { testid: 'replay-diff' } });
  private rows: DiffRow[] = [];
  private filter: DiffFilter = {};
  private selected: string | undefined;
  private readonly body = h('tbody');
  private readonly count = h('span', { class: 'replay-count', data: { testid: 'replay-diff-count' } });
  private readonly filters = h('div', { class: 'replay-filters' });

  constructor(private readonly options: DiffTableOptions) {}

  /** New rows (a new run): filters cleared. */
  show(rows: DiffRow[], truncatedAt?: number): void {
    this.rows = rows;
    this.filter = {};
    this.selected = undefined;
    const texts = replayTexts();
    this.renderFilters();
    this.element.replaceChildren(
      this.filters,
      h(
        'div',
        { class: 'replay-table-wrap' },
        table(
          'replay-table',
          [
            texts.kind,
            texts.caseId,
            texts.department,
            texts.item,
            texts.rule,
            `${texts.level} (${this.options.sides.replay} / ${this.options.sides.live})`,
            `${texts.raisedAt} (${this.options.sides.replay} / ${this.options.sides.live})`,
            texts.fields,
            texts.liveStatus,
          ],
          this.body,
        ),
      ),
      truncatedAt ? h('p', { class: 'replay-note', text: texts.truncated(truncatedAt) }) : '',
    );
    this.renderRows();
  }

  /** Marks the row whose case is open. */
  select(alertKey: string | undefined): void {
    this.selected = alertKey;
    for (const row of Array.from(this.body.children) as HTMLElement[])
      row.classList.toggle('selected', row.dataset.key === alertKey);
  }

  private renderFilters(): void {
    const texts = replayTexts();
    const facets = diffFacets(this.rows);
    const select = (testid: string, all: string, values: [string, string][], key: keyof DiffFilter) => {
      const element = h(
        'select',
        { data: { testid } },
        option('', all),
        ...values.map(([value, label]) => option(value, label)),
      );
      element.addEventListener('change', () => {
        this.filter = { ...this.filter, [key]: element.value || undefined };
        this.renderRows();
      });
      return element;
    };
    const caseInput = h('input', {
      attrs: { type: 'search', placeholder: texts.caseFilter },
      data: { testid: 'replay-filter-case' },
    });
    caseInput.addEventListener('input', () => {
      this.filter = { ...this.filter, caseText: caseInput.value || undefined };
      this.renderRows();
    });
    this.filters.replaceChildren(
      select(
        'replay-filter-kind',
        texts.allKinds,
        DIFF_KINDS.map((kind) => [kind, texts[kind]]),
        'kind',
      ),
      select(
        'replay-filter-department',
        texts.allDepartments,
        facets.departments.map((id) => [id, this.options.departmentName(id)]),
        'departmentId',
      ),
      select(
        'replay-filter-rule',
        texts.allRules,
        facets.rules.map((id) => [id, ruleName(id)]),
        'ruleId',
      ),
      select(
        'replay-filter-level',
        texts.allLevels,
        facets.levels.map((level) => [level, levelName(level)]),
        'level',
      ),
      caseInput,
      this.count,
    );
  }

  private renderRows(): void {
    const texts = replayTexts();
    const shown = filterDiff(this.rows, this.filter);
    this.count.textContent = texts.shown(shown.length, this.rows.length);
    this.body.replaceChildren(
      ...shown.map((row) => {
        const signal = signalOf(row);
        const tr = h(
          'tr',
          {
            class: `kind-${row.kind}${row.alertKey === this.selected ? ' selected' : ''}`,
            title: this.options.kindHints[row.kind] ?? '',
            data: { key: row.alertKey, kind: row.kind, case: signal.caseId, item: signal.itemCode },
            onClick: () => {
              this.select(row.alertKey);
              this.options.onOpen(row);
            },
          },
          h('td', {}, h('span', { class: `kind-badge ${row.kind}`, text: texts[row.kind] })),
          h('td', { class: 'mono', text: signal.caseId }),
          h('td', { text: this.options.departmentName(signal.departmentId) }),
          h('td', { class: 'mono', text: signal.itemCode }),
          h('td', { text: ruleName(signal.ruleId), title: signal.ruleId }),
          h('td', { text: `${levelName(row.replay?.level)} / ${levelName(row.live?.level)}` }),
          h('td', {
            class: 'mono',
            text: `${shanghaiMinute(row.replay?.raisedAt)} / ${shanghaiMinute(row.live?.raisedAt)}`,
          }),
          h('td', { text: row.fields.join(', ') || '—' }),
          h('td', {
            text: row.live?.status
              ? ((t().statuses as Record<string, string>)[row.live.status] ?? row.live.status)
              : '—',
            title: row.live?.retractedReason ?? '',
          }),
        );
        return tr;
      }),
    );
  }
}
