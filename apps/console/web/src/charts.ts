// The wall's two charts with Apache ECharts: signals per hour over 24 hours by level, and open
// signals by rule family. Only the chart types and components used are bundled.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { WallLevel, WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import { hourLabel } from './format';
import { familyName, t } from './i18n';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const LEVEL_COLORS: Record<WallLevel, string> = {
  red: '#e5484d',
  yellow: '#f5c542',
  warning: '#4ea1ff',
};
const LEVELS: WallLevel[] = ['red', 'yellow', 'warning'];
const AXIS = { color: '#8aa0c0', fontSize: 12 };
const SPLIT = { lineStyle: { color: '#1d2f52' } };

/** The bars of both charts: one series a level, in the level's colour, stacked. */
function levelBars(stack: string, barMaxWidth: number, data: (level: WallLevel) => number[]) {
  return LEVELS.map((level) => ({
    name: t().levels[level],
    type: 'bar',
    stack,
    barMaxWidth,
    itemStyle: { color: LEVEL_COLORS[level] },
    data: data(level),
  }));
}

export class WallCharts {
  private readonly hourly: ECharts;
  private readonly families: ECharts;

  constructor(hourly: HTMLElement, families: HTMLElement) {
    this.hourly = init(hourly, undefined, { renderer: 'canvas' });
    this.families = init(families, undefined, { renderer: 'canvas' });
    new ResizeObserver(() => this.resize()).observe(hourly.parentElement ?? hourly);
  }

  update(overview: WallOverview): void {
    const legend = {
      top: 0,
      right: 8,
      textStyle: { color: '#c9d6ea' },
      itemWidth: 12,
      itemHeight: 12,
      data: LEVELS.map((level) => t().levels[level]),
    };
    this.hourly.setOption(
      {
        animation: false,
        grid: { left: 40, right: 12, top: 32, bottom: 24 },
        legend,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: {
          type: 'category',
          data: overview.hourly.hours.map(hourLabel),
          axisLabel: { ...AXIS, interval: 2 },
          axisLine: { lineStyle: { color: '#2a4270' } },
        },
        yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
        series: levelBars('signals', 18, (level) => overview.hourly[level]),
      },
      { notMerge: true },
    );
    const families = overview.families.slice(0, 10).reverse();
    this.families.setOption(
      {
        animation: false,
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        legend,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS, splitLine: SPLIT },
        yAxis: {
          type: 'category',
          data: families.map((f) => familyName(f.family)),
          // every bar its family's name: ECharts would otherwise drop every other label when short
          axisLabel: { ...AXIS, color: '#c9d6ea', width: 190, overflow: 'truncate', interval: 0 },
          axisLine: { lineStyle: { color: '#2a4270' } },
        },
        series: levelBars('open', 16, (level) => families.map((f) => f.open[level])),
      },
      { notMerge: true },
    );
  }

  resize(): void {
    this.hourly.resize();
    this.families.resize();
  }
}
