// The alarm wall (实时监控大屏), put together: the header, the overview tiles, the filters, the
// stream of signals, the charts, the board panel and the case panel, kept live by the stream's
// sync and the overview's poller. Each part is a file of its own; this one wires them. The silences
// in force are read every half minute: a signal under one is marked (the shared silence matcher).
import { silencesOver } from '../../../../libs/contracts/src/silence-matcher';
import type { WallReference, WallSilence } from '../../../../libs/contracts/src/wall-protocol';
import { Api, type Session } from './api';
import { BoardPanel } from './board-panel';
import { CasePanel } from './case-panel';
import { ChartsPanel } from './charts-panel';
import { ConnectionStatus } from './connection-status';
import { h } from './dom';
import { departmentName, learnDepartments, learnTitles } from './i18n';
import { relabelMarked } from './label';
import { OverviewPoller } from './overview-poller';
import { OverviewTiles } from './overview-tiles';
import { SignalStream } from './signal-stream';
import { AlertSound } from './sound';
import { StreamSync } from './stream-sync';
import { caseInHash, WallFilters } from './wall-filters';
import { WallHeader } from './wall-header';

const SILENCES_EVERY_MS = 30_000;

export class Wall {
  readonly element: HTMLElement;
  private readonly api: Api;
  private readonly sound = new AlertSound();
  private readonly status = new ConnectionStatus();
  private readonly header: WallHeader;
  private readonly tiles = new OverviewTiles();
  private readonly filters: WallFilters;
  private readonly stream: SignalStream;
  private readonly charts = new ChartsPanel();
  private readonly board: BoardPanel;
  private readonly panel: CasePanel;
  private readonly sync: StreamSync;
  private readonly poller: OverviewPoller;
  /** Departments and rules, once read. */
  private reference: WallReference | undefined;
  /** The silences in force, as last read. */
  private silences: WallSilence[] = [];
  private silenceTimer: number | undefined;

  constructor(
    private readonly session: Session,
    private readonly logout: (message?: string) => void,
  ) {
    const user = session.user;
    this.api = new Api(session, () => this.logout());
    this.panel = new CasePanel(this.api, user, (id) => departmentName(id));
    this.header = new WallHeader(this.sound, this.status.element, {
      relabel: () => this.relabel(),
    });
    this.filters = new WallFilters(user, () => {
      void this.sync.reload();
      this.poller.refreshNow();
    });
    this.stream = new SignalStream(
      {
        departmentName: (id) => departmentName(id),
        familyOf: (ruleId) => this.reference?.rules.find((r) => r.id === ruleId)?.family ?? ruleId,
        openCase: (caseId) => void this.panel.open(caseId),
        silencesOver: (signal) => silencesOver(this.silences, signal, Date.now()),
      },
      this.sound,
    );
    this.board = new BoardPanel(this.api, (departmentId) => this.filters.toggleDepartment(departmentId));
    this.sync = new StreamSync(session.token, this.api, this.stream, this.filters, this.status, {
      applied: (change) => {
        if (this.panel.openCaseId === change.signal.caseId) void this.panel.reload();
        this.poller.refreshSoon();
      },
      inStep: () => this.poller.refreshNow(),
      unauthorized: () => this.logout(),
    });
    this.poller = new OverviewPoller(this.api, {
      query: () => this.filters.query(),
      reconnecting: () => this.status.current === 'reconnecting',
      show: (overview) => {
        this.tiles.show(overview);
        this.board.show(overview);
        this.charts.show(overview);
      },
    });
    this.element = h(
      'div',
      { class: 'wall' },
      this.header.element,
      this.tiles.element,
      this.filters.element,
      h('main', { class: 'panels' }, this.stream.element, this.charts.element, this.board.element),
      this.panel.element,
    );
  }

  async start(): Promise<void> {
    this.header.startClock();
    this.reference = await this.api.get<WallReference>('/api/wall/reference');
    learnTitles(this.reference);
    learnDepartments(this.reference.departments);
    this.filters.start(this.reference);
    this.tiles.render();
    await this.readSilences();
    this.sync.start();
    this.poller.refreshNow();
    const linked = caseInHash(location.hash);
    if (linked) void this.panel.open(linked);
    this.silenceTimer = window.setInterval(() => void this.readSilences(), SILENCES_EVERY_MS);
  }

  stop(): void {
    window.clearInterval(this.silenceTimer);
    this.header.stopClock();
    this.sync.stop();
    this.board.stop();
    this.poller.stop();
  }

  /** Every text in the new language. */
  private relabel(): void {
    relabelMarked(this.element);
    this.header.relabel();
    this.status.render();
    this.filters.render();
    this.tiles.render();
    this.board.relabel();
    this.charts.render();
    this.stream.relabel();
    void this.panel.reload();
  }

  /** The silences in force now; the rows are marked again (a silence may have ended meanwhile). */
  private async readSilences(): Promise<void> {
    try {
      this.silences = await this.api.get<WallSilence[]>('/api/silences?active=true&limit=1000');
    } catch (error) {
      console.warn('wall: could not read the silences', error);
    }
    this.stream.relabel();
  }
}
