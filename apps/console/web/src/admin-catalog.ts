// 后台管理 · 事项目录: the catalogue's versions; browsing one (items, fees, discretion benchmarks,
// calendar); uploading a candidate as the catalogue's JSON files, with every problem listed by
// file, entry and field; publishing a version with an effective instant.
import { h } from './dom';
import { type AdminContext, attempt, sectionHeading } from './admin-common';
import { AdminSection } from './admin-section';
import { ApiError } from './api';
import { beijingDateTime, defaultPublishInstant, problemRows, type ProblemRow } from './admin-format';
import { adminTexts } from './admin-texts';
import { dateField } from './date-fields';
import { beijingInputToIso, beijingInputValue } from './date-text';
import { departmentLabel, language } from './i18n';
import { button, field, submitButton, table } from './page-kit';
import { yuan } from './format';

interface VersionRow {
  id: number;
  kind: 'published' | 'candidate';
  effectiveFrom: string;
  note: string | null;
  basedOn: number | null;
  authorUsername: string;
  createdAt: string;
  inForce: boolean;
}

interface CatalogItem {
  code: string;
  name: string;
  departmentId: string;
  kind: string;
  timeUnit: string;
  legalDays: number;
  promisedDays: number;
  steps: { code: string; name: string; limitDays: number }[];
}
interface CatalogFee {
  code: string;
  name: string;
  unitAmount: number;
  unit?: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}
interface CatalogBenchmark {
  violationCode: string;
  name: string;
  legalMin: number;
  legalMax: number;
  hearingThreshold: { person: number; organization: number };
}
interface CatalogData {
  departments: { id: string; name: string; nameEn?: string | null }[];
  items: CatalogItem[];
  fees: CatalogFee[];
  discretion: CatalogBenchmark[];
  calendar: { timeZone: string; holidays: string[]; workdays: string[] };
}

type Section = 'items' | 'fees' | 'discretion' | 'calendar';
const SECTIONS: Section[] = ['items', 'fees', 'discretion', 'calendar'];

export class AdminCatalogTab extends AdminSection {
  private readonly versionRows = h('tbody');
  private readonly problems = h('div', { class: 'admin-problems', data: { testid: 'catalog-problems' } });
  private readonly publishBox = h('div', { class: 'admin-publish', data: { testid: 'catalog-publish' } });
  private readonly browser = h('div', { class: 'admin-browse', data: { testid: 'catalog-browse' } });
  private versions: VersionRow[] = [];
  private shown: { id: number; data: CatalogData } | undefined;
  private section: Section = 'items';
  private filter = '';

  constructor(context: AdminContext) {
    super(context, 'admin-catalog');
  }

  /** Draws the tab, then browses the version in force. */
  override async start(): Promise<void> {
    await super.start();
    const inForce = this.versions.find((version) => version.inForce);
    if (inForce) await this.show(inForce.id);
  }

  protected draw(): Node[] {
    const texts = adminTexts().catalog;
    return [
      ...sectionHeading(texts.title, texts.hint),
      this.uploadForm(),
      this.problems,
      this.publishBox,
      h('h3', { text: texts.versions }),
      table(
        'data-table admin-table',
        [
          texts.id,
          texts.kind,
          texts.effectiveFrom,
          texts.note,
          texts.basedOn,
          texts.author,
          texts.createdAt,
          '',
        ],
        this.versionRows,
        'catalog-versions',
      ),
      this.browser,
    ];
  }

  protected async load(): Promise<void> {
    this.versions = (await this.context.http.get<VersionRow[]>('/api/catalog/versions')).reverse();
    this.versionRows.replaceChildren(...this.versions.map((version) => this.versionRow(version)));
  }

  private versionRow(version: VersionRow): HTMLTableRowElement {
    const texts = adminTexts().catalog;
    return h(
      'tr',
      { data: { version: String(version.id), kind: version.kind, inForce: String(version.inForce) } },
      h('td', { text: String(version.id) }),
      h(
        'td',
        {},
        h('span', { class: `admin-badge ${version.kind}`, text: texts.kinds[version.kind] ?? version.kind }),
        version.inForce ? h('span', { class: 'admin-badge in-force', text: texts.inForce }) : null,
      ),
      h('td', { text: beijingDateTime(version.effectiveFrom) }),
      h('td', { class: 'admin-note', text: version.note ?? '' }),
      h('td', { text: version.basedOn === null ? '—' : String(version.basedOn) }),
      h('td', { text: version.authorUsername }),
      h('td', { text: beijingDateTime(version.createdAt) }),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'admin-actions' },
          button(
            texts.view,
            () => void attempt(this.context.notice, () => this.show(version.id)),
            'version-view',
            'ghost',
          ),
          button(
            texts.publish,
            () => this.openPublish(version),
            'version-publish',
            version.kind === 'candidate' ? 'primary' : 'ghost',
          ),
        ),
      ),
    );
  }

  // ---- upload ----

  private uploadForm(): HTMLFormElement {
    const texts = adminTexts().catalog;
    const files = h('input', {
      attrs: { type: 'file', multiple: '', accept: '.json,application/json', name: 'files' },
      data: { testid: 'catalog-files' },
    });
    const note = h('input', { attrs: { name: 'note', maxlength: '2000' }, data: { testid: 'catalog-note' } });
    const submit = submitButton(texts.submit, { testid: 'catalog-upload' });
    const form = h(
      'form',
      { class: 'framed admin-form', data: { testid: 'catalog-upload-form' } },
      h('h3', { text: texts.upload }),
      field(texts.files, files),
      field(texts.uploadNote, note),
      submit,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = Array.from(files.files ?? []);
      if (chosen.length === 0) {
        this.context.notice.error(new Error(texts.noFiles));
        return;
      }
      submit.disabled = true;
      void this.upload(chosen, note.value.trim()).finally(() => (submit.disabled = false));
    });
    return form;
  }

  private async upload(files: File[], note: string): Promise<void> {
    const texts = adminTexts().catalog;
    this.problems.replaceChildren();
    this.publishBox.replaceChildren();
    const basedOn = this.versions.find((version) => version.inForce)?.id;
    try {
      const created = await this.context.http.upload<VersionRow>(
        '/api/catalog/versions/upload',
        {
          kind: 'candidate',
          effectiveFrom: new Date(defaultPublishInstant(Date.now())).toISOString(),
          ...(note ? { note } : {}),
          ...(basedOn !== undefined ? { basedOn: String(basedOn) } : {}),
        },
        files,
      );
      this.context.notice.ok(texts.uploaded(created.id));
      await this.load();
      await this.show(created.id);
      const stored = this.versions.find((version) => version.id === created.id);
      if (stored) this.openPublish(stored);
    } catch (error) {
      const rows =
        error instanceof ApiError && error.status === 400 ? problemRows(error.body, language()) : [];
      if (rows.length === 0) {
        this.context.notice.error(error);
        return;
      }
      this.context.notice.error(new Error(texts.rejected(rows.length)));
      this.showProblems(rows);
    }
  }

  private showProblems(rows: ProblemRow[]): void {
    const texts = adminTexts().catalog;
    const body = h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { data: { file: row.file, entry: row.entry ?? '', field: row.field ?? '' } },
          h('td', { class: 'mono', text: row.file || '—' }),
          h('td', { class: 'mono', text: row.entry ?? texts.wholeFile }),
          h('td', { class: 'mono', text: row.field ?? '—' }),
          h('td', { class: 'error', text: row.problem }),
        ),
      ),
    );
    this.problems.replaceChildren(
      table(
        'data-table admin-table',
        [texts.problemFile, texts.problemEntry, texts.problemField, texts.problemText],
        body,
        'catalog-problem-rows',
      ),
    );
  }

  // ---- publish ----

  private openPublish(version: VersionRow): void {
    const texts = adminTexts().catalog;
    const publishAt = dateField('datetime', {
      value: beijingInputValue(defaultPublishInstant(Date.now())),
      testid: 'publish-at',
    });
    const at = publishAt.input;
    const note = h('input', { attrs: { maxlength: '2000' }, data: { testid: 'publish-note' } });
    const confirm = button(
      texts.publish,
      () => {
        const effectiveFrom = beijingInputToIso(at.value);
        if (!effectiveFrom) {
          this.context.notice.error(new Error(`${texts.publishAt}: YYYY-MM-DD HH:mm`));
          return;
        }
        confirm.disabled = true;
        void this.change(async () => {
          const published = await this.context.http.post<VersionRow>(
            `/api/catalog/versions/${version.id}/publish`,
            {
              effectiveFrom,
              ...(note.value.trim() ? { note: note.value.trim() } : {}),
            },
          );
          this.publishBox.replaceChildren();
          return texts.published(published.id, beijingDateTime(published.effectiveFrom));
        }).finally(() => (confirm.disabled = false));
      },
      'publish-confirm',
      'primary',
    );
    this.publishBox.replaceChildren(
      h('h3', { text: texts.publishTitle(version.id) }),
      h('p', { class: 'muted', text: texts.publishHint }),
      h(
        'div',
        { class: 'framed admin-form' },
        field(texts.publishAt, publishAt.root),
        field(texts.note, note),
        confirm,
        button(adminTexts().cancel, () => this.publishBox.replaceChildren(), 'publish-cancel', 'ghost'),
      ),
    );
  }

  // ---- browse ----

  private async show(id: number): Promise<void> {
    const version = await this.context.http.get<{ id: number; data: CatalogData }>(
      `/api/catalog/versions/${id}`,
    );
    this.shown = { id: version.id, data: version.data };
    this.drawBrowser();
  }

  private drawBrowser(): void {
    const shown = this.shown;
    if (!shown) return;
    const texts = adminTexts().catalog;
    const tabs = SECTIONS.map((section) =>
      button(
        texts.sections[section],
        () => {
          this.section = section;
          this.drawBrowser();
        },
        `browse-${section}`,
        section === this.section ? 'admin-subtab current' : 'admin-subtab',
      ),
    );
    const filter = h('input', {
      attrs: { type: 'search', placeholder: texts.filter, value: this.filter },
      data: { testid: 'browse-filter' },
    });
    const content = h('div', { class: 'admin-browse-content' });
    const draw = () => content.replaceChildren(this.sectionContent(shown.data));
    filter.addEventListener('input', () => {
      this.filter = filter.value.trim();
      draw();
    });
    draw();
    this.browser.dataset.version = String(shown.id);
    this.browser.replaceChildren(
      h('h3', { text: texts.browse(shown.id) }),
      h('div', { class: 'admin-subtabs' }, ...tabs, this.section === 'calendar' ? null : filter),
      content,
    );
  }

  private matches(...texts: string[]): boolean {
    const wanted = this.filter.toLowerCase();
    return wanted === '' || texts.some((text) => text.toLowerCase().includes(wanted));
  }

  private sectionContent(data: CatalogData): HTMLElement {
    const texts = adminTexts().catalog;
    const departments = new Map(data.departments.map((d) => [d.id, departmentLabel(d)]));
    /** A section's entries that the filter keeps, as a table, under how many of all they are. */
    const filtered = <T>(
      entries: T[],
      searched: (entry: T) => string[],
      titles: string[],
      testid: string,
      row: (entry: T) => HTMLTableRowElement,
    ) => {
      const shown = entries.filter((entry) => this.matches(...searched(entry)));
      const body = h('tbody', {}, ...shown.map(row));
      return h(
        'div',
        {},
        h('p', { class: 'muted small', text: texts.shown(shown.length, entries.length) }),
        table('data-table admin-table', titles, body, testid),
      );
    };
    /** An entry's row: its code and its name, then what the section shows of it. */
    const entryRow = (code: string, name: string, ...cells: HTMLTableCellElement[]) =>
      h('tr', { data: { code } }, h('td', { class: 'mono', text: code }), h('td', { text: name }), ...cells);
    switch (this.section) {
      case 'items':
        return filtered(
          data.items,
          (item) => [item.code, item.name, item.departmentId],
          [
            texts.itemCode,
            texts.itemName,
            adminTexts().users.department,
            texts.itemKind,
            `${texts.legalDays} / ${texts.promisedDays}`,
            texts.steps,
          ],
          'browse-items',
          (item) =>
            entryRow(
              item.code,
              item.name,
              h('td', { text: departments.get(item.departmentId) ?? item.departmentId }),
              h('td', { text: texts.itemKinds[item.kind] ?? item.kind }),
              h('td', {
                text: `${item.legalDays} / ${item.promisedDays} ${texts.timeUnits[item.timeUnit] ?? item.timeUnit}`,
              }),
              h('td', {
                class: 'small',
                text: item.steps.map((s) => `${s.name} ${s.limitDays}`).join(' · ') || '—',
              }),
            ),
        );
      case 'fees':
        return filtered(
          data.fees,
          (fee) => [fee.code, fee.name],
          [texts.feeCode, texts.feeName, texts.unitAmount, texts.effectiveFrom, texts.effectiveTo],
          'browse-fees',
          (fee) =>
            entryRow(
              fee.code,
              fee.name,
              h('td', { text: `${yuan(fee.unitAmount)}${fee.unit ? ` / ${fee.unit}` : ''}` }),
              h('td', { text: fee.effectiveFrom }),
              h('td', { text: fee.effectiveTo ?? '—' }),
            ),
        );
      case 'discretion':
        return filtered(
          data.discretion,
          (b) => [b.violationCode, b.name],
          [texts.violationCode, texts.violationName, texts.legalRange, texts.hearing],
          'browse-discretion',
          (b) =>
            entryRow(
              b.violationCode,
              b.name,
              h('td', { text: `${yuan(b.legalMin)} – ${yuan(b.legalMax)}` }),
              h('td', {
                text: `${yuan(b.hearingThreshold.person)} / ${yuan(b.hearingThreshold.organization)}`,
              }),
            ),
        );
      case 'calendar': {
        const calendar = data.calendar;
        const days = (list: string[]) =>
          h('ul', { class: 'admin-days' }, ...list.map((day) => h('li', { class: 'mono', text: day })));
        return h(
          'div',
          { data: { testid: 'browse-calendar' } },
          h('p', {}, `${texts.timeZone}: `, h('span', { class: 'mono', text: calendar.timeZone })),
          h('h4', { text: `${texts.holidays} (${calendar.holidays.length})` }),
          days(calendar.holidays),
          h('h4', { text: `${texts.workdays} (${calendar.workdays.length})` }),
          days(calendar.workdays),
        );
      }
    }
  }
}
