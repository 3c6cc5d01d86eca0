// The evaluation report's charts (Apache ECharts, SVG so that the printed PDF stays sharp): scores by
// department against the grade bands, standing signals by department and level, and the on-time and
// early-completion rates side by side.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type {
  DepartmentEvaluationView,
  GradeView,
  SchemeView,
} from '../../../../libs/contracts/src/evaluation-views';
import { departmentName, t } from './i18n';

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export const GRADE_COLORS: Record<GradeView, string> = {
  excellent: '#1f9d55',
  good: '#2f6fdb',
  pass: '#d89614',
  fail: '#d63b3b',
};
const LEVEL_COLORS = { red: '#d63b3b', yellow: '#e0a800', warning: '#3b82f6' };
const AXIS = { color: '#44516a', fontSize: 11 };
const SPLIT = { lineStyle: { color: '#e3e8f0' } };
const LEGEND = { top: 0, right: 8, textStyle: { color: '#2b3548' }, itemWidth: 12, itemHeight: 12 };

export class ReportCharts {
  private readonly charts: ECharts[];

  constructor(
    private readonly scores: HTMLElement,
    private readonly signals: HTMLElement,
    private readonly rates: HTMLElement,
  ) {
    this.charts = [scores, signals, rates].map((element) => init(element, undefined, { renderer: 'svg' }));
    new ResizeObserver(() => this.resize()).observe(scores.parentElement ?? scores);
  }

  update(departments: DepartmentEvaluationView[], scheme: SchemeView | undefined): void {
    const texts = t();
    const names = departments.map((d) => departmentName(d.departmentId, d.departmentName));
    const [scoresChart, signalsChart, ratesChart] = this.charts as [ECharts, ECharts, ECharts];
    const bands = scheme
      ? [
          { yAxis: scheme.grades.excellent, name: texts.evaluation.grades.excellent },
          { yAxis: scheme.grades.good, name: texts.evaluation.grades.good },
          { yAxis: scheme.grades.pass, name: texts.evaluation.grades.pass },
        ]
      : [];
    // the grids contain their labels: a department's name turned 30° reaches left of its bar
    const category = {
      type: 'category' as const,
      data: names,
      axisLabel: {
        ...AXIS,
        interval: 0,
        rotate: names.length > 6 ? 30 : 0,
        width: 110,
        overflow: 'truncate',
      },
      axisLine: { lineStyle: { color: '#9aa8bf' } },
    };
    scoresChart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: category,
        yAxis: {
          type: 'value',
          // bars start at zero: a cut axis makes a score of 70 look like twice one of 65
          min: 0,
          axisLabel: AXIS,
          splitLine: SPLIT,
        },
        series: [
          {
            name: texts.evaluation.score,
            type: 'bar',
            barMaxWidth: 28,
            label: { show: true, position: 'top', color: '#1b2330', fontSize: 11 },
            data: departments.map((d) => ({ value: d.score, itemStyle: { color: GRADE_COLORS[d.grade] } })),
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#7c879b' },
              label: { formatter: '{b} {c}', color: '#44516a', fontSize: 10, position: 'insideEndTop' },
              data: bands,
            },
          },
        ],
      },
      { notMerge: true },
    );
    const levels = (['red', 'yellow', 'warning'] as const).map((level) => ({
      name: texts.levels[level],
      type: 'bar' as const,
      stack: 'signals',
      barMaxWidth: 28,
      itemStyle: { color: LEVEL_COLORS[level] },
      data: departments.map((d) => d.indicators.signals[level].standing),
    }));
    signalsChart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
        legend: { ...LEGEND, data: levels.map((l) => l.name) },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: category,
        yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
        series: levels,
      },
      { notMerge: true },
    );
    const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
    ratesChart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
        legend: { ...LEGEND, data: [texts.evaluation.onTimeRate, texts.evaluation.earlyRate] },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => `${String(v)}%`,
        },
        xAxis: category,
        yAxis: { type: 'value', max: 100, axisLabel: { ...AXIS, formatter: '{value}%' }, splitLine: SPLIT },
        series: [
          {
            name: texts.evaluation.onTimeRate,
            type: 'bar',
            barMaxWidth: 16,
            itemStyle: { color: '#1f9d55' },
            data: departments.map((d) => rate(d.indicators.onTimeRate)),
          },
          {
            name: texts.evaluation.earlyRate,
            type: 'bar',
            barMaxWidth: 16,
            itemStyle: { color: '#2f6fdb' },
            data: departments.map((d) => rate(d.indicators.earlyRate)),
          },
        ],
      },
      { notMerge: true },
    );
  }

  resize(): void {
    for (const chart of this.charts) chart.resize();
  }

  dispose(): void {
    for (const chart of this.charts) chart.dispose();
  }
}
