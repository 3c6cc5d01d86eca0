// The replay's differences per department (missing / extra / different) as stacked bars: the
// numbers an auditor compares departments by (Apache ECharts, SVG).
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { DIFF_KINDS, type DiffKind } from '../../../../libs/contracts/src/replay-views';
import type { KindCounts } from './replay-model';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export const KIND_COLORS: Record<DiffKind, string> = {
  missing: '#e5484d',
  extra: '#f5c542',
  different: '#4ea1ff',
};
const AXIS = { color: '#8aa0c0', fontSize: 12 };

export class DiffChart {
  private chart: ECharts | undefined;
  private readonly observer: ResizeObserver;

  constructor(private readonly element: HTMLElement) {
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(element);
  }

  update(departments: { name: string; counts: KindCounts }[], kindName: (kind: DiffKind) => string): void {
    this.chart ??= init(this.element, undefined, { renderer: 'svg' });
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend: {
          top: 0,
          right: 8,
          textStyle: { color: '#c9d6ea' },
          itemWidth: 12,
          itemHeight: 12,
          data: DIFF_KINDS.map(kindName),
        },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: AXIS,
          splitLine: { lineStyle: { color: '#1d2f52' } },
        },
        yAxis: {
          type: 'category',
          data: departments.map((d) => d.name).reverse(),
          axisLabel: { ...AXIS, color: '#c9d6ea', width: 160, overflow: 'truncate' },
          axisLine: { lineStyle: { color: '#2a4270' } },
        },
        series: DIFF_KINDS.map((kind) => ({
          name: kindName(kind),
          type: 'bar',
          stack: 'diff',
          barMaxWidth: 18,
          itemStyle: { color: KIND_COLORS[kind] },
          data: departments.map((d) => d.counts[kind]).reverse(),
        })),
      },
      { notMerge: true },
    );
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }
}
