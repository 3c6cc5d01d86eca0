// The evaluation report (绩效评估报告) of a month or a quarter: the office's header, a summary, charts
// of the figures departments are compared by, the ranking, one department's scorecard and items,
// and the scoring rules. The same page prints (A4 landscape) as the office's report; CSV export.
import type {
  DepartmentEvaluationView,
  EvaluationReportView,
  IndicatorsView,
  ItemsReportView,
  SchemeView,
  ScoreLineView,
} from '../../../../libs/contracts/src/evaluation-views';
import type { WallReference } from '../../../../libs/contracts/src/wall-protocol';
import { Api, type Session } from './api';
import { h, option } from './dom';
import { clock, count, percent } from './format';
import { aside, departmentName, learnDepartments, t } from './i18n';
import { GRADE_COLORS, ReportCharts } from './report-charts';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The last 12 months and the last 4 quarters up to the current one, newest first (Shanghai time). */
export function recentPeriods(now: number): { months: string[]; quarters: string[] } {
  const local = new Date(now + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth(); // 0-based
  const months = Array.from({ length: 12 }, (_, i) => {
    const date = new Date(Date.UTC(year, month - i, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const quarter = Math.floor(month / 3);
  const quarters = Array.from({ length: 4 }, (_, i) => {
    const q = quarter - i;
    const y = year + Math.floor(q / 4);
    return `${y}-Q${(((q % 4) + 4) % 4) + 1}`;
  });
  return { months, quarters };
}

/** The period in the address (`#report?period=2026-11`), if any. */
export function periodInHash(hash: string): string | undefined {
  const query = hash.split('?')[1];
  return query ? (new URLSearchParams(query).get('period') ?? undefined) : undefined;
}

const score = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
const signed = (value: number) => (value > 0 ? `+${score(value)}` : value < 0 ? `−${score(-value)}` : '0');
const sum = (lines: ScoreLineView[]) => lines.reduce((total, line) => total + line.points, 0);
const basisText = (line: ScoreLineView) =>
  line.basis === null
    ? '—'
    : line.code === 'early_completion' || line.code === 'promised_compression'
      ? percent(line.basis)
      : count(line.basis);

const headerRow = (titles: string[]) => h('tr', {}, ...titles.map((title) => h('th', { text: title })));

/** The columns a department and an item share: completions, rates, days used, standing signals. */
function indicatorTitles(): string[] {
  const texts = t();
  const e = texts.evaluation;
  return [
    e.completed,
    e.onTimeRate,
    e.earlyRate,
    e.averageDaysUsed,
    texts.levels.warning,
    texts.levels.yellow,
    texts.levels.red,
  ];
}

function indicatorCells(i: IndicatorsView): HTMLElement[] {
  return [
    h('td', { text: count(i.completed) }),
    h('td', { text: percent(i.onTimeRate) }),
    h('td', { text: percent(i.earlyRate) }),
    // two decimals always, so the column's figures line up and compare (4.63 over 2.20, not 2.2)
    h('td', {
      class: 'average-days',
      text: i.averageDaysUsed === null ? '—' : i.averageDaysUsed.toFixed(2),
    }),
    h('td', { class: 'warning', text: count(i.signals.warning.standing) }),
    h('td', { class: 'yellow', text: count(i.signals.yellow.standing) }),
    h('td', { class: 'red', text: count(i.signals.red.standing) }),
  ];
}

export class ReportPage {
  readonly element: HTMLElement;
  private readonly api: Api;
  private readonly charts: ReportCharts;
  private scheme: SchemeView | undefined;
  private report: EvaluationReportView | undefined;
  private selected: string | undefined;
  private period: string | undefined;

  private readonly nav = h('nav', { class: 'report-nav no-print' });
  private readonly head = h('header', { class: 'report-head' });
  private readonly summary = h('section', { class: 'report-summary', data: { testid: 'report-summary' } });
  private readonly chartTitles = [h('h3'), h('h3'), h('h3')];
  private readonly ranking = h('tbody', { data: { testid: 'report-ranking' } });
  private readonly rankingHead = h('thead');
  private readonly detail = h('section', { class: 'report-detail', data: { testid: 'report-detail' } });
  private readonly rules = h('section', { class: 'report-rules' });
  private readonly error = h('p', { class: 'error no-print', data: { testid: 'report-error' } });

  constructor(
    private readonly session: Session,
    private readonly logout: () => void,
  ) {
    this.api = new Api(session, () => this.logout());
    const chartBoxes: [HTMLElement, HTMLElement, HTMLElement] = [
      h('div', { class: 'report-chart' }),
      h('div', { class: 'report-chart' }),
      h('div', { class: 'report-chart' }),
    ];
    this.element = h(
      'div',
      { class: 'report', data: { testid: 'report' } },
      this.nav,
      h(
        'article',
        { class: 'report-doc' },
        this.head,
        this.error,
        this.summary,
        h(
          'section',
          { class: 'report-charts' },
          ...chartBoxes.map((box, i) => h('div', { class: 'report-chart-box' }, this.chartTitles[i], box)),
        ),
        h(
          'section',
          { class: 'report-ranking' },
          h('h2', { text: '' }),
          h('table', { class: 'ranking' }, this.rankingHead, this.ranking),
        ),
        this.detail,
        this.rules,
      ),
    );
    this.charts = new ReportCharts(...chartBoxes);
  }

  async start(period: string | undefined): Promise<void> {
    this.period = period;
    this.renderNav();
    await Promise.all([
      this.api.get<SchemeView>('/api/evaluation/scheme').then(
        (scheme) => (this.scheme = scheme),
        (error: unknown) => console.warn('report: no scheme', error),
      ),
      // the departments' English names; without them the report's own (Chinese) names are shown
      this.api.get<WallReference>('/api/wall/reference').then(
        (reference) => learnDepartments(reference.departments),
        (error: unknown) => console.warn('report: no department names', error),
      ),
    ]);
    await this.load();
  }

  stop(): void {
    this.charts.dispose();
  }

  private async load(): Promise<void> {
    const query = this.period ? `?period=${encodeURIComponent(this.period)}` : '';
    try {
      this.report = await this.api.get<EvaluationReportView>(`/api/evaluation/report${query}`);
      this.period = this.report.period.label;
      this.error.textContent = '';
    } catch (error) {
      this.error.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    const own = this.report.departmentId;
    this.selected =
      own ??
      (this.selected && this.report.departments.some((d) => d.departmentId === this.selected)
        ? this.selected
        : this.report.departments[0]?.departmentId);
    this.render();
    await this.renderDetail();
    this.element.dataset.loaded = this.report.period.label;
  }

  private renderNav(): void {
    const texts = t();
    const periods = recentPeriods(Date.now());
    const kind = this.period?.includes('Q') ? 'quarter' : 'month';
    const kindSelect = h(
      'select',
      { data: { testid: 'period-kind' } },
      option('month', texts.evaluation.month, kind === 'month'),
      option('quarter', texts.evaluation.quarter, kind === 'quarter'),
    );
    const choices = kind === 'quarter' ? periods.quarters : periods.months;
    const current = this.period && choices.includes(this.period) ? this.period : choices[0];
    const periodSelect = h(
      'select',
      { data: { testid: 'period' } },
      ...choices.map((p) => option(p, texts.evaluation.periodLabel(p), p === current)),
    );
    const go = (period: string | undefined) => {
      this.period = period;
      history.replaceState(null, '', `#report?period=${period ?? ''}`);
      this.renderNav();
      void this.load();
    };
    kindSelect.addEventListener('change', () =>
      go((kindSelect.value === 'quarter' ? periods.quarters : periods.months)[0]),
    );
    periodSelect.addEventListener('change', () => go(periodSelect.value));
    const csv = h('button', {
      class: 'ghost',
      text: texts.evaluation.exportCsv,
      data: { testid: 'export-csv' },
      onClick: () => {
        const label = this.report?.period.label ?? '';
        this.api
          .download(
            `/api/evaluation/report.csv?period=${encodeURIComponent(label)}`,
            `evaluation-${label}.csv`,
          )
          .catch(
            (error: unknown) =>
              (this.error.textContent = error instanceof Error ? error.message : String(error)),
          );
      },
    });
    const print = h('button', {
      class: 'primary',
      text: texts.evaluation.print,
      data: { testid: 'print' },
      onClick: () => window.print(),
    });
    // the workspace navigation above has the other pages, the language switch and logging out
    this.nav.replaceChildren(
      h('div', { class: 'report-nav-left' }, kindSelect, periodSelect),
      h('div', { class: 'report-nav-right' }, csv, print),
    );
  }

  private render(): void {
    const report = this.report;
    if (!report) return;
    const texts = t();
    const e = texts.evaluation;
    document.title = `${report.office} · ${e.reportTitle} · ${e.periodLabel(report.period.label)}`;
    this.head.replaceChildren(
      h('div', { class: 'office', text: report.office }),
      h('h1', { text: e.reportTitle }),
      h('div', {
        class: 'report-period',
        data: { testid: 'report-period' },
        text: `${e.periodLabel(report.period.label)}${report.period.running ? e.running : ''}`,
      }),
      h('div', { class: 'report-meta' }, e.meta(report.scheme.name, clock(Date.parse(report.asOf)))),
    );
    const departments = report.departments;
    const grades = (['excellent', 'good', 'pass', 'fail'] as const).map(
      (g) => `${e.grades[g]} ${departments.filter((d) => d.grade === g).length}`,
    );
    const completed = departments.reduce((n, d) => n + d.indicators.completed, 0);
    const onTime = departments.reduce((n, d) => n + d.indicators.onTime, 0);
    const average =
      departments.length === 0 ? null : departments.reduce((n, d) => n + d.score, 0) / departments.length;
    const card = (label: string, value: string, sub = '') =>
      h(
        'div',
        { class: 'report-card' },
        h('div', { class: 'label', text: label }),
        h('div', { class: value.length > 12 ? 'value small' : 'value', text: value }),
        h('div', { class: 'sub', text: sub }),
      );
    const own = report.departmentId !== null ? departments[0] : undefined;
    this.summary.replaceChildren(
      own
        ? card(e.ranking, e.rankOf(own.rank, report.ranked))
        : card(e.departmentsRanked, count(report.ranked)),
      card(e.averageScore, average === null ? '—' : score(Math.round(average * 100) / 100)),
      card(e.gradeCounts, grades.join('\u3000')),
      card(
        e.onTimeRate,
        completed === 0 ? '—' : percent(onTime / completed),
        `${count(onTime)} / ${count(completed)}`,
      ),
    );
    [e.scoresChart, e.signalsChart, e.ratesChart].forEach((title, i) => {
      const element = this.chartTitles[i];
      if (element) element.textContent = title;
    });
    this.charts.update(departments, this.scheme);
    const rankingTitle = this.element.querySelector('.report-ranking h2');
    if (rankingTitle) rankingTitle.textContent = e.ranking;
    this.rankingHead.replaceChildren(
      headerRow([
        texts.rank,
        texts.department,
        e.score,
        e.grade,
        ...indicatorTitles(),
        e.responseTimeliness,
        e.dataTimeliness,
        e.deductionsTotal,
        e.bonusesTotal,
      ]),
    );
    this.ranking.replaceChildren(
      ...departments.map((d) =>
        h(
          'tr',
          {
            class: d.departmentId === this.selected ? 'selected' : '',
            data: { department: d.departmentId },
            onClick: () => {
              this.selected = d.departmentId;
              this.render();
              void this.renderDetail();
            },
          },
          h('td', { class: 'rank', text: String(d.rank) }),
          h('td', { class: 'name', text: departmentName(d.departmentId, d.departmentName) }),
          h('td', { class: 'score', data: { testid: 'score' }, text: score(d.score) }),
          h('td', {}, this.gradeBadge(d)),
          ...indicatorCells(d.indicators),
          h('td', { text: percent(d.indicators.responseTimeliness) }),
          h('td', { text: percent(d.indicators.dataTimeliness) }),
          h('td', { class: 'minus', text: signed(sum(d.deductions)) }),
          h('td', { class: 'plus', text: signed(sum(d.bonuses)) }),
        ),
      ),
    );
    this.renderRules();
  }

  private gradeBadge(d: DepartmentEvaluationView): HTMLElement {
    const e = t().evaluation;
    const badge = h('span', {
      class: `grade ${d.grade}`,
      text: e.grades[d.grade] ?? d.grade,
      title: d.gradeCapped ? e.capped : '',
    });
    badge.style.background = GRADE_COLORS[d.grade];
    return badge;
  }

  private async renderDetail(): Promise<void> {
    const report = this.report;
    const d = report?.departments.find((x) => x.departmentId === this.selected);
    const texts = t();
    const e = texts.evaluation;
    if (!report || !d) {
      this.detail.replaceChildren(h('p', { class: 'muted', text: e.selectDepartment }));
      return;
    }
    let items: ItemsReportView | undefined;
    try {
      items = await this.api.get<ItemsReportView>(
        `/api/evaluation/items?period=${encodeURIComponent(report.period.label)}&departmentId=${encodeURIComponent(d.departmentId)}`,
      );
    } catch (error) {
      console.warn('report: items not available', error);
    }
    const lineRow = (line: ScoreLineView) =>
      h(
        'tr',
        {},
        h('td', { text: e.lineNames[line.code] ?? line.code }),
        h('td', { text: basisText(line) }),
        h('td', {
          class: line.points < 0 ? 'minus' : line.points > 0 ? 'plus' : '',
          text: signed(line.points),
        }),
      );
    const i = d.indicators;
    this.detail.replaceChildren(
      h('h2', { text: `${e.details} · ${departmentName(d.departmentId, d.departmentName)}` }),
      h(
        'div',
        { class: 'detail-grid' },
        h(
          'table',
          { class: 'lines' },
          h('thead', {}, headerRow([e.lines, e.basis, e.points])),
          h(
            'tbody',
            {},
            h(
              'tr',
              { class: 'base' },
              h('td', { text: e.scheme }),
              h('td', { text: report.scheme.name }),
              h('td', { text: String(report.scheme.base) }),
            ),
            ...d.deductions.map(lineRow),
            ...d.bonuses.map(lineRow),
            h(
              'tr',
              { class: 'total' },
              h('td', { text: e.score }),
              h('td', {}, this.gradeBadge(d)),
              h('td', { text: score(d.score) }),
            ),
          ),
        ),
        h(
          'dl',
          { class: 'report-facts' },
          h('dt', { text: e.completed }),
          h('dd', {
            text: `${count(i.completed)}${aside(`${e.onTimeRate} ${percent(i.onTimeRate)} · ${e.earlyRate} ${percent(i.earlyRate)}`)}`,
          }),
          h('dt', { text: e.responseTimeliness }),
          h('dd', {
            text: `${percent(i.responseTimeliness)}${aside(e.notices(i.notices.timely, i.notices.late, i.notices.pending))}`,
          }),
          h('dt', { text: e.dataTimeliness }),
          h('dd', {
            text: `${percent(i.dataTimeliness)}${aside(e.dataFacts(i.events, i.lateReports, i.sequenceErrors))}`,
          }),
          h('dt', { text: e.standingSignals }),
          h('dd', {
            text: `${texts.levels.red} ${i.signals.red.standing} · ${texts.levels.yellow} ${i.signals.yellow.standing} · ${texts.levels.warning} ${i.signals.warning.standing}`,
          }),
          ...(report.period.kind === 'quarter'
            ? [
                h('dt', { text: e.monthScores }),
                h('dd', {
                  text: d.months.map((m) => `${e.periodLabel(m.month)} ${score(m.score)}`).join('\u3000'),
                }),
              ]
            : []),
          ...(d.gradeCapped ? [h('dt', { text: e.grade }), h('dd', { text: e.capped })] : []),
        ),
      ),
      h('h3', { text: e.items }),
      h(
        'table',
        { class: 'items', data: { testid: 'report-items' } },
        h('thead', {}, headerRow([e.itemCode, e.itemName, e.limits, ...indicatorTitles()])),
        h(
          'tbody',
          {},
          ...(items?.items ?? []).map((item) =>
            h(
              'tr',
              { data: { item: item.itemCode } },
              h('td', { text: item.itemCode }),
              h('td', { text: item.itemName }),
              h('td', {
                text: item.promisedDays === null ? '—' : `${item.promisedDays} / ${item.legalDays ?? '—'}`,
              }),
              ...indicatorCells(item.indicators),
            ),
          ),
        ),
      ),
    );
  }

  private renderRules(): void {
    const s = this.scheme;
    const e = t().evaluation;
    if (!s) {
      this.rules.replaceChildren();
      return;
    }
    this.rules.replaceChildren(
      h('h2', { text: e.rules }),
      h(
        'ol',
        {},
        ...e
          .schemeRules({
            base: s.base,
            warningEvery: s.deductions.warning.every,
            warningPoints: s.deductions.warning.points,
            yellow: s.deductions.yellow,
            red: s.deductions.red,
            dataPerSignal: s.deductions.dataQuality.perSignal,
            dataMax: s.deductions.dataQuality.max,
            latePerNotice: s.deductions.lateResponse.perNotice,
            lateMax: s.deductions.lateResponse.max,
            bonusMax: s.bonuses.max,
            excellent: s.grades.excellent,
            good: s.grades.good,
            pass: s.grades.pass,
            redBlocks: s.redCardBlocksExcellent,
          })
          .map((rule) => h('li', { text: rule })),
      ),
    );
  }
}
