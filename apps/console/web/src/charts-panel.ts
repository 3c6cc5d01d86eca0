// The charts panel: signals per hour over the last 24 hours and open signals by rule family. The
// charts are made at the next frame, once the panel has its size, with the last overview if any.
import type { WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import { WallCharts } from './charts';
import { h } from './dom';
import { label } from './label';

export class ChartsPanel {
  readonly element: HTMLElement;
  private charts: WallCharts | undefined;
  private overview: WallOverview | undefined;

  constructor() {
    const hourly = h('div', { class: 'chart' });
    const families = h('div', { class: 'chart' });
    this.element = h(
      'section',
      { class: 'panel charts-panel' },
      label('h2', 'hourly'),
      hourly,
      label('h2', 'familiesChart'),
      families,
    );
    requestAnimationFrame(() => {
      this.charts = new WallCharts(hourly, families);
      if (this.overview) this.charts.update(this.overview);
    });
  }

  show(overview: WallOverview): void {
    this.overview = overview;
    this.render();
  }

  /** The charts of the last overview, in the current language. */
  render(): void {
    if (this.overview) this.charts?.update(this.overview);
  }
}
