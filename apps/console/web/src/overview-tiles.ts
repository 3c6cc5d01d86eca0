// The overview counters at the top of the wall: cases in progress, due today and overdue, open
// red, yellow and warning signals, answers overdue, and the on-time rates of today and this month.
import type { WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import { h } from './dom';
import { count, percent } from './format';
import { t } from './i18n';

export class OverviewTiles {
  readonly element = h('section', { class: 'tiles', data: { testid: 'tiles' } });
  private overview: WallOverview | undefined;

  show(overview: WallOverview): void {
    this.overview = overview;
    this.render();
  }

  /** The tiles of the last overview (dashes before the first), in the current language. */
  render(): void {
    const texts = t();
    const tiles = this.overview?.tiles;
    const value = (n: number | undefined) => (n === undefined ? '–' : count(n));
    /** An on-time rate, with how many of the completed cases were on time beneath. */
    const rateTile = (id: 'onTimeToday' | 'onTimeMonth', title: string) => {
      const r = tiles?.[id];
      const sub =
        r === undefined
          ? ''
          : r.completed === 0
            ? texts.noCompletions
            : texts.completedOf(r.onTime, r.completed);
      return tile(id, title, r ? percent(r.rate) : '–', 'rate', sub);
    };
    this.element.replaceChildren(
      tile('casesInProgress', texts.casesInProgress, value(tiles?.casesInProgress)),
      tile('dueToday', texts.dueToday, value(tiles?.dueToday), 'attention'),
      tile('overdueCases', texts.overdueCases, value(tiles?.overdueCases), 'danger'),
      tile('red', texts.openRed, value(tiles?.open.red), 'red'),
      tile('yellow', texts.openYellow, value(tiles?.open.yellow), 'yellow'),
      tile('warning', texts.openWarning, value(tiles?.open.warning), 'warning'),
      tile('overdueAnswers', texts.overdueAnswers, value(tiles?.overdueAnswers), 'danger'),
      rateTile('onTimeToday', texts.onTimeToday),
      rateTile('onTimeMonth', texts.onTimeMonth),
    );
  }
}

function tile(id: string, title: string, main: string, className = '', sub = ''): HTMLElement {
  return h(
    'div',
    { class: `tile ${className}`, data: { tile: id } },
    h('div', { class: 'tile-label', text: title }),
    h('div', { class: 'tile-value', text: main }),
    h('div', { class: 'tile-sub', text: sub }),
  );
}
