// 审计回放: the auditor's workspace (issue 17). Replay a window of stored events with the catalogue
// in force or a candidate, follow its progress (cancellable), read the result as a summary, a chart
// of differences per department and a filterable diff table whose rows open the case's timeline;
// past runs; CSV / JSONL exports; a what-if comparison of two catalogue versions over one window;
// a case search. The server decides every request again (roles, scope, 4xx with the reason).
import './replay-page.css';
import {
  DIFF_KINDS,
  type CatalogSelection,
  type ReplayRunRecord,
} from '../../../../libs/contracts/src/replay-views';
import type { WallReference } from '../../../../libs/contracts/src/wall-protocol';
import { Api, ApiError } from './api';
import { h, option } from './dom';
import { count } from './format';
import { dateField } from './date-fields';
import { departmentLabel, learnTitles, t } from './i18n';
import { exportDiff, followRun, loadDiff, DIFF_ROWS_LOADED } from './replay-api';
import { DiffChart } from './replay-chart';
import { DiffTable } from './replay-diff-table';
import {
  comparable,
  countsByDepartment,
  defaultWindow,
  lastDayOf,
  progressOf,
  shanghaiDay,
  shanghaiMinute,
  windowOf,
  type DiffRow,
} from './replay-model';
import { replayTexts } from './replay-texts';
import { TimelinePanel } from './replay-timeline';
import { button, submitButton, table } from './page-kit';
import type { Page, WorkspaceContext } from './workspace';

interface CatalogVersion {
  id: number;
  kind: 'published' | 'candidate';
  effectiveFrom: string;
  note: string | null;
  inForce: boolean;
}

interface CaseRow {
  caseId: string;
  itemCode: string;
  departmentId: string;
  phase: string;
  eventCount: number;
  lastOccurredAt: string;
  signals: number;
}

type Tab = 'run' | 'whatif' | 'search';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const selectionValue = (selection: CatalogSelection) =>
  selection.mode === 'in-force' ? 'in-force' : String(selection.versionId);
const selectionOf = (value: string): CatalogSelection =>
  value === 'in-force' ? { mode: 'in-force' } : { mode: 'candidate', versionId: Number(value) };

/** A progress bar with its label and, while the run may still be stopped, a cancel button. */
class ProgressBar {
  readonly element: HTMLElement;
  private readonly fill = h('div', { class: 'replay-bar-fill' });
  private readonly label = h('span', { class: 'replay-bar-label' });
  private readonly cancelButton: HTMLButtonElement;
  runId: string | undefined;

  constructor(testid: string, onCancel: (runId: string) => void) {
    this.cancelButton = h('button', {
      class: 'ghost',
      text: replayTexts().cancel,
      data: { testid: `${testid}-cancel` },
      onClick: () => this.runId && onCancel(this.runId),
    });
    this.element = h(
      'div',
      { class: 'replay-progress', data: { testid } },
      h(
        'div',
        { class: 'replay-bar', attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' } },
        this.fill,
      ),
      this.label,
      this.cancelButton,
    );
    this.element.hidden = true;
  }

  update(run: ReplayRunRecord, prefix = ''): void {
    const texts = replayTexts();
    this.runId = run.id;
    this.element.hidden = false;
    const share = progressOf(run);
    this.fill.style.width = `${(share * 100).toFixed(1)}%`;
    this.element.querySelector('[role=progressbar]')?.setAttribute('aria-valuenow', (share * 100).toFixed(0));
    this.element.dataset.status = run.status;
    this.element.dataset.run = run.id;
    const phase =
      run.status === 'queued' || run.status === 'failed'
        ? texts.phase[run.status]
        : (texts.phase[run.summary.phase ?? 'scoping'] ?? run.summary.phase);
    const figures =
      run.eventsTotal !== null
        ? texts.progress(
            count(run.eventsRead),
            count(run.eventsTotal),
            count(Math.round(run.summary.eventsPerSecond ?? 0)),
          )
        : '';
    this.label.textContent = `${prefix}${phase}${figures ? ` · ${figures}` : ''}`;
    this.cancelButton.hidden = run.status === 'done' || run.status === 'failed';
  }

  hide(): void {
    this.element.hidden = true;
    this.runId = undefined;
  }
}

/** The section of one of the page's tabs. */
function tabSection(testid: string): HTMLElement {
  return h('section', { class: 'replay-section', data: { testid } });
}

export class ReplayPage implements Page {
  readonly element = h('main', { class: 'workspace replay-page', data: { testid: 'replay' } });
  private readonly api: Api;
  private departments: WallReference['departments'] = [];
  private versions: CatalogVersion[] = [];
  private runs: ReplayRunRecord[] = [];
  private tab: Tab = 'run';
  private current: ReplayRunRecord | undefined;
  private following = new AbortController();
  private whatIfFollowing = new AbortController();
  private refresh: ReturnType<typeof setInterval> | undefined;

  private readonly error = h('p', {
    class: 'error replay-error',
    data: { testid: 'replay-error' },
    attrs: { role: 'alert' },
  });
  private readonly tabs = h('nav', { class: 'replay-tabs' });
  private readonly runSection = tabSection('replay-run-section');
  private readonly whatIfSection = tabSection('replay-whatif-section');
  private readonly searchSection = tabSection('replay-search-section');
  private readonly form = h('form', { class: 'framed replay-form', data: { testid: 'replay-form' } });
  private readonly progress = new ProgressBar('replay-progress', (id) => void this.cancel(id));
  private readonly result = h('section', { class: 'replay-result', data: { testid: 'replay-result' } });
  private readonly summary = h('div', { class: 'replay-summary', data: { testid: 'replay-summary' } });
  private readonly chartBox = h('div', { class: 'replay-chart', data: { testid: 'replay-chart' } });
  private readonly chart = new DiffChart(this.chartBox);
  private readonly runsBox = h('section', { class: 'replay-runs', data: { testid: 'replay-runs' } });
  private readonly diffTable: DiffTable;
  private readonly timeline: TimelinePanel;
  // what-if
  private readonly whatIfProgress = [
    new ProgressBar('replay-whatif-progress-base', (id) => void this.cancel(id)),
    new ProgressBar('replay-whatif-progress-compared', (id) => void this.cancel(id)),
  ] as const;
  private readonly whatIfForm = h('div', { class: 'framed replay-form' });
  private readonly whatIfResult = h('section', {
    class: 'replay-result',
    data: { testid: 'replay-whatif-result' },
  });
  private readonly whatIfSummary = h('div', {
    class: 'replay-summary',
    data: { testid: 'replay-whatif-summary' },
  });
  private readonly whatIfChartBox = h('div', { class: 'replay-chart' });
  private readonly whatIfChart = new DiffChart(this.whatIfChartBox);
  private readonly whatIfTable: DiffTable;
  // search
  private readonly searchResults = h('div', {
    class: 'replay-table-wrap',
    data: { testid: 'replay-search-results' },
  });

  constructor(readonly context: WorkspaceContext) {
    this.api = new Api(context.session, () => context.logout());
    const departmentName = (id: string) => this.departmentName(id);
    this.timeline = new TimelinePanel(this.api, departmentName, (message) => this.showError(message));
    const texts = replayTexts();
    this.diffTable = new DiffTable({
      departmentName,
      sides: { replay: texts.replaySide, live: texts.liveSide },
      kindHints: texts.kindHint,
      onOpen: (row) => void this.openCase(row, { replay: texts.replaySide, live: texts.liveSide }),
    });
    this.whatIfTable = new DiffTable({
      departmentName,
      sides: { replay: texts.comparedSide, live: texts.baseSide },
      kindHints: texts.whatIfKindHint,
      onOpen: (row) => void this.openCase(row, { replay: texts.comparedSide, live: texts.baseSide }),
    });
  }

  async start(): Promise<void> {
    this.renderFrame();
    try {
      const [reference, versions] = await Promise.all([
        this.api.get<WallReference>('/api/wall/reference'),
        this.api.get<CatalogVersion[]>('/api/catalog/versions'),
      ]);
      learnTitles(reference);
      this.departments = reference.departments;
      this.versions = versions;
    } catch (error) {
      this.showError(messageOf(error));
    }
    this.renderForm();
    this.renderWhatIfForm();
    this.renderSearch();
    await this.loadRuns();
    // the newest run still going: follow it
    const going = this.runs.find((run) => run.status === 'queued' || run.status === 'running');
    if (going) void this.follow(going);
    this.refresh = setInterval(() => void this.loadRuns(), 4_000);
    this.element.dataset.ready = 'true';
  }

  stop(): void {
    this.following.abort();
    this.whatIfFollowing.abort();
    if (this.refresh) clearInterval(this.refresh);
    this.chart.dispose();
    this.whatIfChart.dispose();
  }

  private departmentName(id: string): string {
    const department = this.departments.find((d) => d.id === id);
    return department ? departmentLabel(department) : id;
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = message === '';
  }

  private catalogName(selection: CatalogSelection): string {
    const texts = replayTexts();
    if (selection.mode === 'in-force') return texts.liveCatalog;
    const version = this.versions.find((v) => v.id === selection.versionId);
    return version?.kind === 'published'
      ? texts.published(selection.versionId, shanghaiDay(version.effectiveFrom))
      : texts.candidate(selection.versionId, version?.note ?? '');
  }

  private catalogOptions(selected: string): HTMLOptionElement[] {
    const texts = replayTexts();
    return [
      option('in-force', texts.inForce, selected === 'in-force'),
      ...[...this.versions]
        .sort((a, b) => (a.kind === b.kind ? b.id - a.id : a.kind === 'candidate' ? -1 : 1))
        .map((version) =>
          option(
            String(version.id),
            version.kind === 'candidate'
              ? texts.candidate(version.id, version.note ?? '')
              : texts.published(version.id, shanghaiDay(version.effectiveFrom)),
            selected === String(version.id),
          ),
        ),
    ];
  }

  private renderFrame(): void {
    const texts = replayTexts();
    this.error.hidden = true;
    const tabButton = (tab: Tab, text: string) =>
      h('button', {
        class: tab === this.tab ? 'replay-tab current' : 'replay-tab',
        text,
        attrs: { type: 'button', 'aria-selected': String(tab === this.tab) },
        data: { testid: `replay-tab-${tab}`, tab },
        onClick: () => this.showTab(tab),
      });
    this.tabs.replaceChildren(
      tabButton('run', texts.tabRun),
      tabButton('whatif', texts.tabWhatIf),
      tabButton('search', texts.tabSearch),
    );
    this.result.replaceChildren(
      this.summary,
      h(
        'div',
        { class: 'replay-result-body' },
        h('div', { class: 'framed replay-chart-box' }, h('h3', { text: texts.byDepartment }), this.chartBox),
      ),
      this.diffTable.element,
    );
    this.result.hidden = true;
    this.runSection.replaceChildren(this.form, this.progress.element, this.result, this.runsBox);
    this.whatIfResult.replaceChildren(
      this.whatIfSummary,
      h(
        'div',
        { class: 'framed replay-chart-box' },
        h('h3', { text: texts.byDepartment }),
        this.whatIfChartBox,
      ),
      this.whatIfTable.element,
    );
    this.whatIfResult.hidden = true;
    this.whatIfSection.replaceChildren(
      h('p', { class: 'muted', text: texts.whatIfIntro }),
      this.whatIfForm,
      ...this.whatIfProgress.map((bar) => bar.element),
      this.whatIfResult,
    );
    this.element.replaceChildren(
      h(
        'header',
        { class: 'replay-head' },
        h('h2', { text: texts.heading }),
        h('p', { class: 'muted', text: texts.intro }),
      ),
      this.tabs,
      this.error,
      this.runSection,
      this.whatIfSection,
      this.searchSection,
      this.timeline.element,
    );
    this.showTab(this.tab);
  }

  private showTab(tab: Tab): void {
    this.tab = tab;
    this.runSection.hidden = tab !== 'run';
    this.whatIfSection.hidden = tab !== 'whatif';
    this.searchSection.hidden = tab !== 'search';
    for (const button of Array.from(this.tabs.children) as HTMLElement[]) {
      button.classList.toggle('current', button.dataset.tab === tab);
      button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    }
    this.timeline.hide();
    if (tab === 'whatif') this.renderWhatIfForm();
  }

  // ── the run form ──────────────────────────────────────────────────────────────────────────

  private windowInputs(prefix: string): {
    from: HTMLInputElement;
    to: HTMLInputElement;
    element: HTMLElement;
  } {
    const texts = replayTexts();
    const { fromDay, toDay } = defaultWindow(Date.now());
    const from = dateField('date', {
      name: 'from',
      testid: `${prefix}-from`,
      value: fromDay,
      required: true,
    });
    const to = dateField('date', { name: 'to', testid: `${prefix}-to`, value: toDay, required: true });
    return {
      from: from.input,
      to: to.input,
      element: h(
        'span',
        { class: 'replay-window' },
        h('label', {}, texts.from, from.root),
        h('label', {}, texts.to, to.root),
      ),
    };
  }

  private departmentPicker(testid: string): { element: HTMLElement; chosen: () => string[] } {
    const texts = replayTexts();
    const summary = h('summary', { text: texts.allDepartments });
    const boxes = this.departments.map((department) =>
      h('input', { attrs: { type: 'checkbox', value: department.id }, data: { department: department.id } }),
    );
    const chosen = () => boxes.filter((box) => box.checked).map((box) => box.value);
    const update = () => {
      const n = chosen().length;
      summary.textContent = n === 0 ? texts.allDepartments : texts.departmentsChosen(n);
    };
    for (const box of boxes) box.addEventListener('change', update);
    const element = h(
      'details',
      { class: 'replay-departments', data: { testid: testid } },
      summary,
      h(
        'div',
        { class: 'replay-department-list' },
        ...boxes.map((box, i) => {
          const department = this.departments[i];
          return h('label', {}, box, department ? departmentLabel(department) : '');
        }),
      ),
    );
    return { element, chosen };
  }

  private renderForm(): void {
    const texts = replayTexts();
    const window = this.windowInputs('replay');
    const departments = this.departmentPicker('replay-departments');
    const catalog = h(
      'select',
      { attrs: { name: 'catalog' }, data: { testid: 'replay-catalog' } },
      ...this.catalogOptions('in-force'),
    );
    const submit = submitButton(texts.start, { testid: 'replay-start' });
    this.form.replaceChildren(
      window.element,
      h('label', {}, texts.departments, departments.element),
      h('label', {}, texts.catalog, catalog),
      submit,
    );
    this.form.onsubmit = (event) => {
      event.preventDefault();
      const span = windowOf(window.from.value, window.to.value);
      if (!span) return this.showError(texts.badWindow);
      submit.disabled = true;
      submit.textContent = texts.starting;
      void this.submit({ ...span, departments: departments.chosen(), catalog: selectionOf(catalog.value) })
        .then((run) => run && this.follow(run))
        .finally(() => {
          submit.disabled = false;
          submit.textContent = texts.start;
        });
    };
  }

  private async submit(request: {
    from: string;
    to: string;
    departments: string[];
    catalog: CatalogSelection;
  }): Promise<ReplayRunRecord | undefined> {
    try {
      const run = await this.api.post<ReplayRunRecord>('/api/replays', {
        from: request.from,
        to: request.to,
        catalog: request.catalog,
        ...(request.departments.length ? { departments: request.departments } : {}),
      });
      this.showError('');
      void this.loadRuns();
      return run;
    } catch (error) {
      this.showError(messageOf(error));
      return undefined;
    }
  }

  /** Follows a run of the run tab: its progress bar, then its result. */
  private async follow(run: ReplayRunRecord): Promise<void> {
    this.following.abort();
    const stop = (this.following = new AbortController());
    this.current = run;
    this.result.hidden = true;
    this.timeline.hide();
    this.progress.update(run);
    const last = await followRun(
      this.api,
      this.context.session,
      run.id,
      (next) => this.progress.update(next),
      stop.signal,
    ).catch((error: unknown) => {
      this.showError(messageOf(error));
      return undefined;
    });
    if (stop.signal.aborted || !last) return;
    void this.loadRuns();
    await this.showRun(last);
  }

  private async cancel(id: string): Promise<void> {
    try {
      const run = await this.api.post<ReplayRunRecord>(`/api/replays/${id}/cancel`, {});
      this.showError('');
      if (this.progress.runId === id) this.progress.update(run);
      for (const bar of this.whatIfProgress) if (bar.runId === id) bar.update(run);
    } catch (error) {
      this.showError(messageOf(error));
    }
    await this.loadRuns();
  }

  /** A run's result: the summary, the chart and the diff table (or why it failed). */
  private async showRun(run: ReplayRunRecord): Promise<void> {
    const texts = replayTexts();
    this.current = run;
    this.progress.update(run);
    if (run.status !== 'done') {
      this.result.hidden = false;
      this.summary.replaceChildren(
        this.runHeader(run),
        h('p', { class: 'error', text: run.error ?? texts.status_[run.status] ?? run.status }),
      );
      this.summary.dataset.run = run.id;
      this.summary.dataset.status = run.status;
      this.chartBox.parentElement?.setAttribute('hidden', '');
      this.diffTable.element.hidden = true;
      return;
    }
    let diff: { rows: DiffRow[]; truncated: boolean };
    try {
      diff = await loadDiff(this.api, run.id);
    } catch (error) {
      this.showError(messageOf(error));
      return;
    }
    if (this.current?.id !== run.id) return;
    const tile = (label: string, value: number | null | undefined, kind?: string) =>
      h(
        'div',
        { class: `replay-tile${kind ? ` kind-${kind}` : ''}`, data: kind ? { kind } : {} },
        h('span', { class: 'replay-tile-label', text: label }),
        h('span', {
          class: 'replay-tile-value',
          text: value === null || value === undefined ? '—' : count(value),
        }),
      );
    const exportButton = (text: string, format: 'csv' | 'jsonl') =>
      h('button', {
        class: 'ghost',
        text,
        data: { testid: `replay-export-${format}` },
        onClick: () =>
          void exportDiff(this.api, run, format).catch((error: unknown) => this.showError(messageOf(error))),
      });
    this.summary.replaceChildren(
      this.runHeader(run),
      h(
        'div',
        { class: 'replay-tiles' },
        tile(texts.eventsRead, run.eventsRead),
        tile(texts.cases, run.casesTotal),
        tile(texts.replaySignals, run.signals),
        tile(texts.liveSignals, run.summary.liveSignals),
        ...DIFF_KINDS.map((kind) => tile(texts[kind], run[kind], kind)),
      ),
      h(
        'div',
        { class: 'replay-actions' },
        exportButton(texts.exportDiffCsv, 'csv'),
        exportButton(texts.exportDiffJsonl, 'jsonl'),
      ),
      diff.rows.length === 0
        ? h('p', { class: 'replay-ok', data: { testid: 'replay-no-difference' }, text: texts.noDifference })
        : '',
    );
    this.summary.dataset.run = run.id;
    this.summary.dataset.status = run.status;
    this.result.hidden = false;
    const chartBox = this.chartBox.parentElement;
    if (chartBox) chartBox.hidden = diff.rows.length === 0;
    this.diffTable.element.hidden = diff.rows.length === 0;
    this.diffTable.show(diff.rows, diff.truncated ? DIFF_ROWS_LOADED : undefined);
    this.chart.update(
      countsByDepartment(diff.rows).map(({ departmentId, counts }) => ({
        name: this.departmentName(departmentId),
        counts,
      })),
      (kind) => texts[kind],
    );
    this.result.dataset.loaded = run.id;
  }

  private runHeader(run: ReplayRunRecord): HTMLElement {
    const texts = replayTexts();
    const departments =
      run.departments?.map((id) => this.departmentName(id)).join('、') ?? texts.allDepartments;
    return h(
      'h3',
      { class: 'replay-run-title' },
      `${texts.summary} · ${shanghaiDay(run.from)} – ${lastDayOf(run)} · ${departments} · ${texts.catalog}: ${this.catalogName(run.catalog)}`,
    );
  }

  private async openCase(row: DiffRow, sides: { replay: string; live: string }): Promise<void> {
    const signal = row.replay ?? row.live;
    if (!signal) return;
    await this.timeline.show(signal.caseId, row, sides);
  }

  // ── past runs ─────────────────────────────────────────────────────────────────────────────

  private async loadRuns(): Promise<void> {
    try {
      this.runs = await this.api.get<ReplayRunRecord[]>('/api/replays?limit=30');
    } catch (error) {
      if (error instanceof ApiError) this.showError(error.message);
      return;
    }
    this.renderRuns();
  }

  private renderRuns(): void {
    const texts = replayTexts();
    if (this.runs.length === 0) {
      this.runsBox.replaceChildren(
        h('h3', { text: texts.runs }),
        h('p', { class: 'muted', text: texts.noRuns }),
      );
      return;
    }
    this.runsBox.replaceChildren(
      h('h3', { text: texts.runs }),
      h(
        'div',
        { class: 'replay-table-wrap' },
        table(
          'replay-table',
          [
            texts.requestedAt,
            texts.requestedBy,
            texts.window,
            texts.departments,
            texts.catalog,
            texts.status,
            texts.missing,
            texts.extra,
            texts.different,
            '',
          ],
          h(
            'tbody',
            {},
            ...this.runs.map((run) => {
              const going = run.status === 'queued' || run.status === 'running';
              return h(
                'tr',
                {
                  class: run.id === this.current?.id ? 'selected' : '',
                  data: { run: run.id, status: run.status },
                },
                h('td', { class: 'mono', text: shanghaiMinute(run.requestedAt) }),
                h('td', { text: run.requestedBy }),
                h('td', { class: 'mono', text: `${shanghaiDay(run.from)} – ${lastDayOf(run)}` }),
                h('td', {
                  text:
                    run.departments?.map((id) => this.departmentName(id)).join('、') ?? texts.allDepartments,
                }),
                h('td', { text: this.catalogName(run.catalog) }),
                h('td', {
                  text:
                    going && run.eventsTotal
                      ? `${texts.status_[run.status]} ${Math.round(progressOf(run) * 100)}%`
                      : (texts.status_[run.status] ?? run.status),
                  title: run.error ?? '',
                }),
                h('td', { text: run.missing === null ? '—' : count(run.missing) }),
                h('td', { text: run.extra === null ? '—' : count(run.extra) }),
                h('td', { text: run.different === null ? '—' : count(run.different) }),
                h(
                  'td',
                  {},
                  h(
                    'div',
                    { class: 'replay-actions' },
                    h('button', {
                      class: 'ghost',
                      text: texts.open,
                      data: { testid: 'replay-run-open' },
                      onClick: () => {
                        this.showTab('run');
                        void (going ? this.follow(run) : (this.following.abort(), this.showRun(run)));
                      },
                    }),
                    going
                      ? h('button', {
                          class: 'ghost',
                          text: texts.cancel,
                          data: { testid: 'replay-run-cancel' },
                          onClick: () => void this.cancel(run.id),
                        })
                      : null,
                  ),
                ),
              );
            }),
          ),
        ),
      ),
    );
  }

  // ── what-if ───────────────────────────────────────────────────────────────────────────────

  private renderWhatIfForm(): void {
    const texts = replayTexts();
    const window = this.windowInputs('replay-whatif');
    const departments = this.departmentPicker('replay-whatif-departments');
    const firstCandidate = this.versions.filter((v) => v.kind === 'candidate').sort((a, b) => b.id - a.id)[0];
    const base = h('select', { data: { testid: 'replay-whatif-base' } }, ...this.catalogOptions('in-force'));
    const compared = h(
      'select',
      { data: { testid: 'replay-whatif-compared' } },
      ...this.catalogOptions(firstCandidate ? String(firstCandidate.id) : 'in-force'),
    );
    const run = button(
      texts.runBoth,
      () => {
        const span = windowOf(window.from.value, window.to.value);
        if (!span) return this.showError(texts.badWindow);
        void this.runWhatIf(span, departments.chosen(), selectionOf(base.value), selectionOf(compared.value));
      },
      'replay-whatif-run',
      'primary',
    );
    const done = this.runs.filter((r) => r.status === 'done');
    const runLabel = (r: ReplayRunRecord) =>
      `${shanghaiMinute(r.requestedAt)} · ${shanghaiDay(r.from)} – ${lastDayOf(r)} · ${this.catalogName(r.catalog)}`;
    const baseRun = h(
      'select',
      { data: { testid: 'replay-whatif-base-run' } },
      ...done.map((r) => option(r.id, runLabel(r))),
    );
    const comparedRun = h(
      'select',
      { data: { testid: 'replay-whatif-compared-run' } },
      ...done.map((r, i) => option(r.id, runLabel(r), i === 1)),
    );
    const compare = button(
      texts.compare,
      () => {
        const a = done.find((r) => r.id === baseRun.value);
        const b = done.find((r) => r.id === comparedRun.value);
        if (!a || !b || !comparable(a, b)) return this.showError(texts.sameWindowOnly);
        void this.showComparison(a, b);
      },
      'replay-whatif-compare',
      'ghost',
    );
    this.whatIfForm.replaceChildren(
      h(
        'div',
        { class: 'replay-form-row' },
        window.element,
        h('label', {}, texts.departments, departments.element),
        h('label', {}, texts.base, base),
        h('label', {}, texts.compared, compared),
        run,
      ),
      done.length >= 2
        ? h(
            'div',
            { class: 'replay-form-row' },
            h('span', { class: 'muted', text: texts.orCompare }),
            h('label', {}, texts.baseRun, baseRun),
            h('label', {}, texts.comparedRun, comparedRun),
            compare,
          )
        : '',
    );
  }

  private async runWhatIf(
    span: { from: string; to: string },
    departments: string[],
    base: CatalogSelection,
    compared: CatalogSelection,
  ): Promise<void> {
    this.whatIfFollowing.abort();
    const stop = (this.whatIfFollowing = new AbortController());
    this.whatIfResult.hidden = true;
    if (selectionValue(base) === selectionValue(compared))
      return this.showError(replayTexts().sameWindowOnly);
    const a = await this.submit({ ...span, departments, catalog: base });
    if (!a) return;
    // the same end: the first run's, capped at the live watermark when it was asked
    const b = await this.submit({ ...span, to: a.end, departments, catalog: compared });
    if (!b) return;
    const texts = replayTexts();
    const [baseBar, comparedBar] = this.whatIfProgress;
    const [lastA, lastB] = await Promise.all([
      followRun(
        this.api,
        this.context.session,
        a.id,
        (run) => baseBar.update(run, `${texts.base} · `),
        stop.signal,
      ),
      followRun(
        this.api,
        this.context.session,
        b.id,
        (run) => comparedBar.update(run, `${texts.compared} · `),
        stop.signal,
      ),
    ]).catch((error: unknown) => {
      this.showError(messageOf(error));
      return [undefined, undefined];
    });
    if (stop.signal.aborted || !lastA || !lastB) return;
    void this.loadRuns();
    if (lastA.status !== 'done' || lastB.status !== 'done')
      return this.showError(lastA.error ?? lastB.error ?? texts.phase.failed ?? '');
    await this.showComparison(lastA, lastB);
  }

  private async showComparison(base: ReplayRunRecord, compared: ReplayRunRecord): Promise<void> {
    const texts = replayTexts();
    let diff: { rows: DiffRow[]; truncated: boolean };
    try {
      diff = await loadDiff(this.api, compared.id, base.id);
    } catch (error) {
      this.showError(messageOf(error));
      return;
    }
    this.showError('');
    const counts = { missing: 0, extra: 0, different: 0 };
    for (const row of diff.rows) counts[row.kind] += 1;
    this.whatIfSummary.replaceChildren(
      h('h3', {
        class: 'replay-run-title',
        text: `${texts.whatIfResult(this.catalogName(base.catalog), this.catalogName(compared.catalog))} · ${shanghaiDay(base.from)} – ${lastDayOf(base)}`,
      }),
      h(
        'div',
        { class: 'replay-tiles' },
        ...DIFF_KINDS.map((kind) =>
          h(
            'div',
            { class: `replay-tile kind-${kind}`, data: { kind }, title: texts.whatIfKindHint[kind] ?? '' },
            h('span', {
              class: 'replay-tile-label',
              text: `${texts[kind]} · ${texts.whatIfKindHint[kind] ?? ''}`,
            }),
            h('span', { class: 'replay-tile-value', text: count(counts[kind]) }),
          ),
        ),
      ),
      diff.rows.length === 0 ? h('p', { class: 'replay-ok', text: texts.noDifference }) : '',
    );
    this.whatIfSummary.dataset.base = base.id;
    this.whatIfSummary.dataset.compared = compared.id;
    this.whatIfResult.hidden = false;
    this.whatIfTable.show(diff.rows, diff.truncated ? DIFF_ROWS_LOADED : undefined);
    this.whatIfChart.update(
      countsByDepartment(diff.rows).map(({ departmentId, counts: c }) => ({
        name: this.departmentName(departmentId),
        counts: c,
      })),
      (kind) => texts[kind],
    );
    this.whatIfResult.dataset.loaded = `${base.id}:${compared.id}`;
  }

  // ── case search ───────────────────────────────────────────────────────────────────────────

  private renderSearch(): void {
    const texts = replayTexts();
    const query = h('input', {
      attrs: { type: 'search', name: 'query', placeholder: texts.query },
      data: { testid: 'replay-search-query' },
    });
    const department = h(
      'select',
      { data: { testid: 'replay-search-department' } },
      option('', texts.allDepartments),
      ...this.departments.map((d) => option(d.id, departmentLabel(d))),
    );
    const item = h('input', {
      attrs: { type: 'text', name: 'itemCode', placeholder: texts.itemCode },
      data: { testid: 'replay-search-item' },
    });
    const fromField = dateField('date', { name: 'from', testid: 'replay-search-from' });
    const toField = dateField('date', { name: 'to', testid: 'replay-search-to' });
    const [from, to] = [fromField.input, toField.input];
    const form = h(
      'form',
      { class: 'framed replay-form', data: { testid: 'replay-search-form' } },
      h('label', {}, texts.query, query),
      h('label', {}, texts.department, department),
      h('label', {}, texts.itemCode, item),
      h('label', {}, texts.from, fromField.root),
      h('label', {}, texts.to, toField.root),
      submitButton(texts.search, { testid: 'replay-search-submit' }),
    );
    form.onsubmit = (event) => {
      event.preventDefault();
      if (from.value && to.value && to.value < from.value) return this.showError(texts.badWindow);
      const params = new URLSearchParams({ limit: '100' });
      if (query.value.trim()) params.set('query', query.value.trim());
      if (department.value) params.set('departmentId', department.value);
      if (item.value.trim()) params.set('itemCode', item.value.trim());
      if (from.value) params.set('from', from.value);
      if (to.value) params.set('to', to.value);
      void this.search(params);
    };
    this.searchSection.replaceChildren(
      h('p', { class: 'muted', text: texts.searchIntro }),
      form,
      this.searchResults,
    );
  }

  private async search(params: URLSearchParams): Promise<void> {
    const texts = replayTexts();
    let cases: CaseRow[];
    try {
      cases = await this.api.get<CaseRow[]>(`/api/cases?${params}`);
      this.showError('');
    } catch (error) {
      this.showError(messageOf(error));
      return;
    }
    this.searchResults.replaceChildren(
      cases.length === 0
        ? h('p', { class: 'muted', text: texts.noCases })
        : table(
            'replay-table',
            [
              texts.caseId,
              texts.department,
              texts.item,
              texts.phaseNow,
              texts.eventCount,
              texts.signals,
              texts.lastActivity,
            ],
            h(
              'tbody',
              {},
              ...cases.map((found) =>
                h(
                  'tr',
                  { data: { case: found.caseId }, onClick: () => void this.timeline.show(found.caseId) },
                  h('td', { class: 'mono', text: found.caseId }),
                  h('td', { text: this.departmentName(found.departmentId) }),
                  h('td', { class: 'mono', text: found.itemCode }),
                  h('td', { text: t().phases[found.phase] ?? found.phase }),
                  h('td', { text: count(found.eventCount) }),
                  h('td', { text: count(found.signals) }),
                  h('td', { class: 'mono', text: shanghaiMinute(found.lastOccurredAt) }),
                ),
              ),
            ),
          ),
    );
    this.searchResults.dataset.count = String(cases.length);
  }
}
