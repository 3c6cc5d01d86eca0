// The wall's ranking board of the performance evaluation: this month's scores and grades so far,
// refreshed every minute while shown. An officer sees their own department and its rank.
import type { EvaluationReportView } from '../../../../libs/contracts/src/evaluation-views';
import type { Api } from './api';
import { h } from './dom';
import { percent } from './format';
import { departmentName, t } from './i18n';
import { GRADE_COLORS } from './report-charts';

const REFRESH_MS = 60_000;

export class ScoreBoard {
  readonly element: HTMLElement;
  private readonly hint = h('p', { class: 'muted small' });
  private readonly body = h('tbody');
  private readonly head = h('thead');
  private report: EvaluationReportView | undefined;
  private timer: number | undefined;

  constructor(private readonly api: Api) {
    this.element = h(
      'div',
      { class: 'score-board', data: { testid: 'score-board' } },
      this.hint,
      h('table', { class: 'board' }, this.head, this.body),
    );
  }

  show(): void {
    window.clearTimeout(this.timer);
    void this.refresh();
  }

  hide(): void {
    window.clearTimeout(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      this.report = await this.api.get<EvaluationReportView>('/api/evaluation/report');
      this.render();
    } catch (error) {
      console.warn('wall: could not load the evaluation', error);
    } finally {
      this.timer = window.setTimeout(() => void this.refresh(), REFRESH_MS);
    }
  }

  render(): void {
    const texts = t();
    const e = texts.evaluation;
    const report = this.report;
    this.hint.textContent = report ? e.boardScoresHint(e.periodLabel(report.period.label)) : texts.loading;
    this.head.replaceChildren(
      h(
        'tr',
        {},
        h('th', { text: texts.rank }),
        h('th', { text: texts.department }),
        h('th', { text: e.score }),
        h('th', { text: e.grade }),
        h('th', { text: e.onTimeRate }),
      ),
    );
    this.body.replaceChildren(
      ...(report?.departments ?? []).map((d) => {
        const badge = h('span', { class: `grade ${d.grade}`, text: e.grades[d.grade] ?? d.grade });
        badge.style.background = GRADE_COLORS[d.grade];
        return h(
          'tr',
          { data: { department: d.departmentId } },
          h('td', {
            class: 'rank',
            text: report?.departmentId ? `${d.rank} / ${report.ranked}` : String(d.rank),
          }),
          h('td', { class: 'name', text: departmentName(d.departmentId, d.departmentName) }),
          h('td', { class: 'score', text: String(d.score) }),
          h('td', {}, badge),
          h('td', { text: percent(d.indicators.onTimeRate) }),
        );
      }),
    );
  }
}
