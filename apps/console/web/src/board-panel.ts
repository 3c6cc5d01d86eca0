// The board panel: two tabs, the department board of signals (部门信号排行) and this month's
// evaluation ranking (绩效排名); the evaluation is read only while its tab is shown.
import type { WallOverview } from '../../../../libs/contracts/src/wall-protocol';
import type { Api } from './api';
import { DepartmentBoard } from './department-board';
import { h } from './dom';
import { t } from './i18n';
import { ScoreBoard } from './score-board';

type BoardTab = 'signals' | 'scores';

export class BoardPanel {
  readonly element: HTMLElement;
  private readonly tabs = h('div', { class: 'tabs', data: { testid: 'board-tabs' } });
  private readonly departments: DepartmentBoard;
  private readonly scores: ScoreBoard;
  private tab: BoardTab = 'signals';

  constructor(api: Api, departmentClicked: (departmentId: string) => void) {
    this.departments = new DepartmentBoard(departmentClicked);
    this.scores = new ScoreBoard(api);
    this.scores.element.hidden = true;
    this.element = h(
      'section',
      { class: 'panel board-panel' },
      this.tabs,
      this.departments.element,
      this.scores.element,
    );
    this.renderTabs();
  }

  show(overview: WallOverview): void {
    this.departments.show(overview);
  }

  /** Both boards and the tabs in the current language. */
  relabel(): void {
    this.departments.render();
    this.renderTabs();
    this.scores.render();
  }

  stop(): void {
    this.scores.hide();
  }

  private select(tab: BoardTab): void {
    this.tab = tab;
    this.departments.element.hidden = tab !== 'signals';
    this.scores.element.hidden = tab !== 'scores';
    if (tab === 'scores') this.scores.show();
    else this.scores.hide();
    this.renderTabs();
  }

  private renderTabs(): void {
    const texts = t();
    const tab = (id: BoardTab, text: string) =>
      h('button', {
        class: `tab ${this.tab === id ? 'active' : ''}`,
        text,
        data: { tab: id },
        onClick: () => this.select(id),
      });
    this.tabs.replaceChildren(
      h('h2', { text: this.tab === 'signals' ? texts.board : texts.evaluation.boardScores }),
      h(
        'div',
        { class: 'tab-buttons' },
        tab('signals', texts.evaluation.boardSignals),
        tab('scores', texts.evaluation.boardScores),
      ),
    );
  }
}
