// The alarm wall: tiles, the live signal stream, the department board and the charts, kept live
// over the socket with catch-up after a reconnection.
import type {
  WallChange,
  WallLevel,
  WallOverview,
  WallReference,
  WallSnapshot,
  WallStage,
} from '../../../../libs/contracts/src/wall-protocol';
import { Api, type Session } from './api';
import { CasePanel } from './case-panel';
import { ChangeCursor } from './change-cursor';
import { WallCharts } from './charts';
import { h, option } from './dom';
import { clock, count, dateTime, percent } from './format';
import { language, ruleName, setLanguage, t, type Texts } from './i18n';
import { LiveFeed, type FeedStatus } from './live-feed';
import { ScoreBoard } from './score-board';
import { AlertSound } from './sound';
import { StreamState, type StreamFilter, type StreamRow } from './stream-state';

const LEVELS: WallLevel[] = ['red', 'yellow', 'warning'];
const STAGES: WallStage[] = ['before', 'during', 'after', 'data'];
/** Tiles, board and charts are refreshed this often, and shortly after changes arrive. */
const OVERVIEW_INTERVAL_MS = 10_000;
const OVERVIEW_AFTER_CHANGE_MS = 1_000;

type TextKey = { [K in keyof Texts]: Texts[K] extends string ? K : never }[keyof Texts];

/** An element whose text follows the language. */
function label<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  key: TextKey,
  className = '',
): HTMLElementTagNameMap[K] {
  return h(tag, { class: className, text: t()[key], data: { i18n: key } });
}

export class Wall {
  readonly element: HTMLElement;
  private readonly api: Api;
  private readonly feed: LiveFeed;
  private readonly cursor = new ChangeCursor();
  private readonly state: StreamState;
  private readonly sound = new AlertSound();
  private readonly panel: CasePanel;
  private charts: WallCharts | undefined;
  private reference: WallReference = { departments: [], rules: [] };
  private overview: WallOverview | undefined;
  private filter: StreamFilter = {};
  /** Changes that arrived while the snapshot was loading, applied after it. */
  private pending: WallChange[] | null = null;
  private loading: Promise<void> = Promise.resolve();
  private readonly rowElements = new Map<string, HTMLLIElement>();
  private overviewTimer: number | undefined;
  private feedStatus: FeedStatus = 'connecting';
  private catchingUp = false;

  private readonly statusElement = h('span', { class: 'conn', data: { testid: 'connection' } });
  private readonly clockElement = h('span', { class: 'clock' });
  private readonly tiles = h('section', { class: 'tiles', data: { testid: 'tiles' } });
  private readonly filters = h('div', { class: 'filters' });
  private readonly stream = h('ul', { class: 'stream', data: { testid: 'stream' } });
  private readonly streamEmpty = label('p', 'streamEmpty', 'muted empty');
  private readonly board = h('tbody');
  private readonly scoreBoard: ScoreBoard;
  private readonly signalBoard = h('div', { class: 'signal-board' });
  private boardTab: 'signals' | 'scores' = 'signals';
  private readonly boardTabs = h('div', { class: 'tabs', data: { testid: 'board-tabs' } });
  private readonly soundButton = h('button', { class: 'ghost' });
  private readonly languageButton = h('button', { class: 'ghost' });

  constructor(
    private readonly session: Session,
    private readonly logout: (message?: string) => void,
  ) {
    this.api = new Api(session, () => this.logout());
    this.state = new StreamState(
      (ruleId) => this.reference.rules.find((r) => r.id === ruleId)?.family ?? ruleId,
    );
    this.panel = new CasePanel(this.api, session.user, (id) => this.departmentName(id));
    this.scoreBoard = new ScoreBoard(this.api);
    this.scoreBoard.element.hidden = true;
    this.feed = new LiveFeed(session.token, {
      status: (status) => this.showStatus(status),
      connected: (again) => void this.connected(again),
      change: (change) => this.receive(change, 'live'),
      unauthorized: () => this.logout(),
    });
    const hourly = h('div', { class: 'chart' });
    const families = h('div', { class: 'chart' });
    this.element = h(
      'div',
      { class: 'wall' },
      this.header(),
      this.tiles,
      this.filters,
      h(
        'main',
        { class: 'panels' },
        h('section', { class: 'panel stream-panel' }, label('h2', 'stream'), this.streamEmpty, this.stream),
        h(
          'section',
          { class: 'panel charts-panel' },
          label('h2', 'hourly'),
          hourly,
          label('h2', 'familiesChart'),
          families,
        ),
        h(
          'section',
          { class: 'panel board-panel' },
          this.boardTabs,
          this.signalBoard,
          this.scoreBoard.element,
        ),
      ),
      this.panel.element,
    );
    this.signalBoard.append(
      label('p', 'boardHint', 'muted small'),
      h(
        'table',
        { class: 'board', data: { testid: 'board' } },
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
        this.board,
      ),
    );
    this.renderBoardTabs();
    requestAnimationFrame(() => {
      this.charts = new WallCharts(hourly, families);
      if (this.overview) this.charts.update(this.overview);
    });
  }

  async start(): Promise<void> {
    this.tick();
    window.setInterval(() => this.tick(), 1000);
    this.reference = await this.api.get<WallReference>('/api/wall/reference');
    if (this.session.user.role === 'department_officer' && this.session.user.departmentId)
      this.filter = { departmentId: this.session.user.departmentId };
    this.renderFilters();
    this.renderTiles();
    this.pending = [];
    this.feed.start();
    this.scheduleOverview(0);
  }

  stop(): void {
    this.feed.stop();
    this.scoreBoard.hide();
    window.clearTimeout(this.overviewTimer);
  }

  /** The board panel shows the signal ranking or this month's evaluation ranking (绩效排名). */
  private renderBoardTabs(): void {
    const texts = t();
    const tab = (id: 'signals' | 'scores', text: string) =>
      h('button', {
        class: `tab ${this.boardTab === id ? 'active' : ''}`,
        text,
        data: { tab: id },
        onClick: () => {
          this.boardTab = id;
          this.signalBoard.hidden = id !== 'signals';
          this.scoreBoard.element.hidden = id !== 'scores';
          if (id === 'scores') this.scoreBoard.show();
          else this.scoreBoard.hide();
          this.renderBoardTabs();
        },
      });
    this.boardTabs.replaceChildren(
      h('h2', { text: this.boardTab === 'signals' ? texts.board : texts.evaluation.boardScores }),
      h(
        'div',
        { class: 'tab-buttons' },
        tab('signals', texts.evaluation.boardSignals),
        tab('scores', texts.evaluation.boardScores),
      ),
    );
  }

  private header(): HTMLElement {
    const user = this.session.user;
    this.soundButton.addEventListener('click', () => {
      this.sound.toggle();
      this.relabel();
    });
    this.languageButton.addEventListener('click', () => {
      setLanguage(language() === 'zh' ? 'en' : 'zh');
      this.relabel();
    });
    const who = h('span', { class: 'who' });
    const renderWho = () => (who.textContent = `${user.displayName} · ${t().roles[user.role]}`);
    renderWho();
    this.relabelers.push(renderWho, () => {
      this.soundButton.textContent = this.sound.enabled ? t().soundOn : t().soundOff;
      this.languageButton.textContent = t().language;
    });
    const logout = label('button', 'logout', 'ghost');
    logout.addEventListener('click', () => this.logout());
    const report = h('button', {
      class: 'ghost',
      data: { testid: 'open-report' },
      onClick: () => (location.hash = '#report'),
    });
    this.relabelers.push(() => (report.textContent = t().evaluation.openReport));
    report.textContent = t().evaluation.openReport;
    this.soundButton.textContent = this.sound.enabled ? t().soundOn : t().soundOff;
    this.languageButton.textContent = t().language;
    return h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, label('h1', 'title'), label('span', 'subtitle', 'muted')),
      h(
        'div',
        { class: 'top-right' },
        this.clockElement,
        this.statusElement,
        who,
        report,
        this.soundButton,
        this.languageButton,
        logout,
      ),
    );
  }

  private readonly relabelers: (() => void)[] = [];

  /** Every text in the new language. */
  private relabel(): void {
    for (const element of this.element.querySelectorAll<HTMLElement>('[data-i18n]')) {
      const key = element.dataset.i18n as TextKey;
      element.textContent = t()[key];
    }
    for (const element of this.element.querySelectorAll<HTMLElement>('[data-i18n-level]')) {
      element.textContent = t().levels[element.dataset.i18nLevel as WallLevel];
    }
    for (const relabel of this.relabelers) relabel();
    this.showStatus(this.feedStatus);
    this.renderFilters();
    this.renderTiles();
    this.renderBoard();
    this.renderBoardTabs();
    this.scoreBoard.render();
    if (this.overview) this.charts?.update(this.overview);
    for (const row of this.state.visible()) this.renderRow(row, false);
    void this.panel.reload();
  }

  private tick(): void {
    this.clockElement.textContent = clock(Date.now());
  }

  private showStatus(status: FeedStatus): void {
    this.feedStatus = status;
    const texts = t();
    this.statusElement.textContent = this.catchingUp
      ? texts.catchingUp
      : { connecting: texts.connecting, live: texts.live, reconnecting: texts.reconnecting }[status];
    this.statusElement.className = `conn ${this.catchingUp ? 'catching-up' : status}`;
  }

  private departmentName(id: string): string {
    return this.reference.departments.find((d) => d.id === id)?.name ?? id;
  }

  // ---- the live stream -------------------------------------------------------------------------

  private async connected(again: boolean): Promise<void> {
    if (!again) {
      await this.reload();
      this.scheduleOverview(0);
      return;
    }
    await this.loading;
    await this.catchUp('reconnect');
    this.scheduleOverview(0);
  }

  /** A new snapshot (first connection or a filter change), then what changed since it settled. */
  private reload(): Promise<void> {
    this.pending ??= [];
    this.loading = (async () => {
      try {
        const snapshot = await this.api.get<WallSnapshot>(
          `/api/wall/signals?${this.query({ limit: '200' })}`,
        );
        this.cursor.start(snapshot.sequence);
        this.state.load(snapshot.signals, snapshot.sequence);
        this.stream.replaceChildren();
        this.rowElements.clear();
        for (const row of this.state.visible()) this.stream.append(this.renderRow(row, false));
        await this.catchUp('snapshot');
      } catch (error) {
        console.warn('wall: could not load the stream', error);
      } finally {
        const pending = this.pending ?? [];
        this.pending = null;
        for (const change of pending) this.receive(change, 'live');
        this.streamEmpty.hidden = this.state.visible().length > 0;
      }
    })();
    return this.loading;
  }

  /** Asks the server for what this page missed, page by page, and applies it once. */
  private async catchUp(reason: 'snapshot' | 'reconnect'): Promise<void> {
    this.catchingUp = reason === 'reconnect';
    this.showStatus(this.feedStatus);
    try {
      let after = this.cursor.settled;
      for (;;) {
        const answer = await this.feed.resume(this.cursor.resumeRequest(after));
        if (!answer.ok) {
          if (answer.error.startsWith('unauthorized')) this.logout();
          else console.warn(`wall: resume refused: ${answer.error}`);
          return;
        }
        for (const change of answer.changes)
          this.receive(change, reason === 'snapshot' ? 'settling' : 'missed');
        const last = answer.changes.at(-1);
        if (!answer.more || !last) return;
        after = last.sequence;
      }
    } finally {
      this.catchingUp = false;
      this.showStatus(this.feedStatus);
    }
  }

  /** One change, live or caught up: applied once (by sequence), never over a newer state. */
  private receive(change: WallChange, how: 'live' | 'missed' | 'settling'): void {
    if (this.pending && how === 'live') {
      this.pending.push(change);
      return;
    }
    if (typeof change.sequence !== 'number' || !this.cursor.accept(change.sequence)) return;
    const applied = this.state.apply(change, this.filter);
    if (applied === 'ignored') return;
    const row = this.state.row(change.signal.alertKey);
    if (!row) return;
    const fresh = applied === 'added' && how !== 'settling';
    const element = this.renderRow(row, fresh);
    if (applied === 'added') {
      element.dataset.arrival = how;
      this.stream.prepend(element);
      this.trimStream();
      if (fresh && row.signal.level === 'red') this.sound.play();
    }
    this.streamEmpty.hidden = this.state.visible().length > 0;
    if (this.panel.openCaseId === change.signal.caseId) void this.panel.reload();
    this.scheduleOverview(OVERVIEW_AFTER_CHANGE_MS);
  }

  private trimStream(): void {
    const keep = new Set(this.state.visible().map((row) => row.signal.alertKey));
    for (const [key, element] of this.rowElements) {
      if (!this.state.row(key)) {
        element.remove();
        this.rowElements.delete(key);
      } else element.hidden = !keep.has(key);
    }
  }

  /** Creates or updates a row's element in place (a flashing row keeps flashing). */
  private renderRow(row: StreamRow, fresh: boolean): HTMLLIElement {
    const signal = row.signal;
    const texts = t();
    let element = this.rowElements.get(signal.alertKey);
    if (!element) {
      element = h('li', {
        data: { key: signal.alertKey, caseId: signal.caseId, shownAt: String(Date.now()) },
        onClick: () => void this.panel.open(signal.caseId),
      });
      this.rowElements.set(signal.alertKey, element);
      if (fresh) {
        element.classList.add('fresh');
        window.setTimeout(() => element?.classList.remove('fresh'), 6_000);
      }
    }
    element.dataset.sequence = String(row.lastSequence);
    element.dataset.level = signal.level;
    element.dataset.status = signal.status;
    element.classList.remove('red', 'yellow', 'warning');
    element.classList.add(signal.level);
    element.classList.toggle('retracted', signal.status === 'retracted');
    element.classList.toggle('closed', signal.status === 'closed');
    element.classList.toggle('overdue', signal.overdueAt !== null);
    element.hidden = signal.escalatedTo !== null;
    element.title = signal.message;
    element.replaceChildren(
      h('span', { class: `badge ${signal.level}`, text: texts.levels[signal.level] }),
      h('time', { text: dateTime(signal.raisedAt) }),
      h('span', { class: 'dept', text: this.departmentName(signal.departmentId) }),
      h(
        'span',
        { class: 'what' },
        h('strong', { text: ruleName(signal.ruleId) }),
        h('span', { class: 'muted', text: signal.message }),
      ),
      h('span', { class: 'case', text: signal.caseId }),
      h('span', {
        class: 'status',
        text:
          signal.overdueAt && signal.status !== 'closed'
            ? `${texts.statuses[signal.status]} · ${texts.overdueFlag}`
            : texts.statuses[signal.status],
      }),
    );
    return element;
  }

  // ---- filters -----------------------------------------------------------------------------------

  private query(extra: Record<string, string> = {}): string {
    const entries = Object.entries({ ...this.filter, ...extra }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    );
    return new URLSearchParams(entries).toString();
  }

  private renderFilters(): void {
    const texts = t();
    const officer = this.session.user.role === 'department_officer';
    const select = (name: keyof StreamFilter, all: string, options: [string, string][], disabled = false) => {
      const element = h(
        'select',
        { data: { filter: name } },
        option('', all),
        ...options.map(([value, text]) => option(value, text, this.filter[name] === value)),
      );
      element.disabled = disabled;
      element.addEventListener('change', () => {
        this.filter = { ...this.filter, [name]: element.value || undefined };
        void this.reload();
        this.scheduleOverview(0);
      });
      return element;
    };
    const clear = label('button', 'clearFilters', 'ghost');
    clear.addEventListener('click', () => {
      this.filter = officer ? { departmentId: this.session.user.departmentId ?? undefined } : {};
      this.renderFilters();
      void this.reload();
      this.scheduleOverview(0);
    });
    this.filters.replaceChildren(
      h('span', { class: 'muted', text: texts.filters }),
      select(
        'departmentId',
        texts.allDepartments,
        this.reference.departments.map((d) => [d.id, d.name]),
        officer,
      ),
      select(
        'level',
        texts.allLevels,
        LEVELS.map((level) => [level, texts.levels[level]]),
      ),
      select(
        'stage',
        texts.allStages,
        STAGES.map((stage) => [stage, texts.stages[stage]]),
      ),
      select(
        'ruleId',
        texts.allRules,
        this.reference.rules.map((rule) => [rule.id, `${texts.levels[rule.level]} · ${ruleName(rule.id)}`]),
      ),
      clear,
    );
  }

  // ---- tiles, board, charts ----------------------------------------------------------------------

  private scheduleOverview(delay: number): void {
    window.clearTimeout(this.overviewTimer);
    this.overviewTimer = window.setTimeout(() => void this.refreshOverview(), delay);
  }

  private async refreshOverview(): Promise<void> {
    // while disconnected the counts would be stale anyway; they are fetched again on reconnection
    if (this.feedStatus === 'reconnecting') {
      this.scheduleOverview(OVERVIEW_INTERVAL_MS);
      return;
    }
    try {
      this.overview = await this.api.get<WallOverview>(`/api/wall/overview?${this.query()}`);
      this.renderTiles();
      this.renderBoard();
      this.charts?.update(this.overview);
    } catch (error) {
      console.warn('wall: could not refresh the overview', error);
    } finally {
      this.scheduleOverview(OVERVIEW_INTERVAL_MS);
    }
  }

  private renderTiles(): void {
    const texts = t();
    const tiles = this.overview?.tiles;
    const value = (n: number | undefined) => (n === undefined ? '–' : count(n));
    const tile = (id: string, title: string, main: string, className = '', sub = '') =>
      h(
        'div',
        { class: `tile ${className}`, data: { tile: id } },
        h('div', { class: 'tile-label', text: title }),
        h('div', { class: 'tile-value', text: main }),
        h('div', { class: 'tile-sub', text: sub }),
      );
    const rate = (r: WallOverview['tiles']['onTimeToday'] | undefined) =>
      r === undefined
        ? ''
        : r.completed === 0
          ? texts.noCompletions
          : texts.completedOf(r.onTime, r.completed);
    this.tiles.replaceChildren(
      tile('casesInProgress', texts.casesInProgress, value(tiles?.casesInProgress)),
      tile('dueToday', texts.dueToday, value(tiles?.dueToday), 'attention'),
      tile('overdueCases', texts.overdueCases, value(tiles?.overdueCases), 'danger'),
      tile('red', texts.openRed, value(tiles?.open.red), 'red'),
      tile('yellow', texts.openYellow, value(tiles?.open.yellow), 'yellow'),
      tile('warning', texts.openWarning, value(tiles?.open.warning), 'warning'),
      tile('overdueAnswers', texts.overdueAnswers, value(tiles?.overdueAnswers), 'danger'),
      tile(
        'onTimeToday',
        texts.onTimeToday,
        tiles ? percent(tiles.onTimeToday.rate) : '–',
        'rate',
        rate(tiles?.onTimeToday),
      ),
      tile(
        'onTimeMonth',
        texts.onTimeMonth,
        tiles ? percent(tiles.onTimeMonth.rate) : '–',
        'rate',
        rate(tiles?.onTimeMonth),
      ),
    );
  }

  private renderBoard(): void {
    const rows = this.overview?.board ?? [];
    this.board.replaceChildren(
      ...rows.map((row) =>
        h(
          'tr',
          {
            data: { department: row.departmentId },
            class: row.open.red > 0 ? 'has-red' : '',
            onClick: () => {
              if (this.session.user.role === 'department_officer') return;
              this.filter = {
                ...this.filter,
                departmentId: this.filter.departmentId === row.departmentId ? undefined : row.departmentId,
              };
              this.renderFilters();
              void this.reload();
              this.scheduleOverview(0);
            },
          },
          h('td', { class: 'rank', text: String(row.rank) }),
          h('td', { class: 'name', text: row.name }),
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
