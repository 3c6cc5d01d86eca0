// The filters bar (department, level, stage, rule) and the filter it keeps: the stream's snapshot,
// the tiles, the board and the charts are read with it. An officer's department cannot be changed.
// The filter lives in the address too (`#wall?dept=scjgj&level=red&stage=during&rule=…`): a wall
// screen reloaded, bookmarked or sent by link shows the same signals.
import type { WallLevel, WallReference, WallStage } from '../../../../libs/contracts/src/wall-protocol';
import type { SessionUser } from './api';
import { h, option } from './dom';
import { departmentLabel, ruleName, t } from './i18n';
import { label } from './label';
import type { StreamFilter } from './stream-state';

const LEVELS: WallLevel[] = ['red', 'yellow', 'warning'];
const STAGES: WallStage[] = ['before', 'during', 'after', 'data'];

type FilterUser = Pick<SessionUser, 'role' | 'departmentId'>;

/** The filter as query parameters (unset ones left out), with `extra` ones beside. */
export function filterQuery(filter: StreamFilter, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...filter, ...extra }).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

/** The address's names of the filter's fields. */
const IN_HASH: Record<keyof StreamFilter, string> = {
  departmentId: 'dept',
  level: 'level',
  stage: 'stage',
  ruleId: 'rule',
};

/**
 * The filter a wall address names (`#wall?level=red&dept=…`); unknown levels and stages are left
 * out, and an officer is always on their own department whatever the address says.
 */
export function filterInHash(hash: string, user: FilterUser): StreamFilter {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const value = (field: keyof StreamFilter) => params.get(IN_HASH[field])?.trim() || undefined;
  const level = value('level');
  const stage = value('stage');
  const filter: StreamFilter = {
    departmentId: value('departmentId'),
    level: LEVELS.find((known) => known === level),
    stage: STAGES.find((known) => known === stage),
    ruleId: value('ruleId'),
  };
  const own = ownDepartment(user);
  const result = { ...filter, ...own };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as StreamFilter;
}

/** The case a wall address asks to open (`#wall?…&case=<caseId>`, the links of notifications), or null. */
export function caseInHash(hash: string): string | null {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('case')?.trim() || null;
}

/** The wall's address for a filter: `#wall`, or `#wall?` and the set fields. */
export function hashOfFilter(filter: StreamFilter): string {
  const entries = (Object.keys(IN_HASH) as (keyof StreamFilter)[]).flatMap((field) => {
    const value = filter[field];
    return value ? [[IN_HASH[field], value] as [string, string]] : [];
  });
  const query = new URLSearchParams(entries).toString();
  return query ? `#wall?${query}` : '#wall';
}

/** The filter a user starts with, and gets back on clearing: an officer's own department. */
export function ownDepartment(user: FilterUser): StreamFilter {
  return user.role === 'department_officer' && user.departmentId ? { departmentId: user.departmentId } : {};
}

/** Filters by the department, or stops filtering by it when it is the one filtered by. */
export function toggledDepartment(filter: StreamFilter, departmentId: string): StreamFilter {
  return { ...filter, departmentId: filter.departmentId === departmentId ? undefined : departmentId };
}

export class WallFilters {
  readonly element = h('div', { class: 'filters' });
  private filter: StreamFilter = {};
  private departments: WallReference['departments'] = [];
  private rules: WallReference['rules'] = [];

  constructor(
    private readonly user: FilterUser,
    /** The filter changed: read everything again with it. */
    private readonly changed: () => void,
  ) {}

  get current(): StreamFilter {
    return this.filter;
  }

  /** The departments and rules are known: the bar shows, an officer's on their department. */
  start(reference: WallReference): void {
    this.departments = reference.departments;
    this.rules = reference.rules;
    this.filter = filterInHash(location.hash, this.user);
    this.render();
  }

  query(extra: Record<string, string> = {}): string {
    return filterQuery(this.filter, extra);
  }

  /** A department's row on the board was clicked (an officer's filter stays as it is). */
  toggleDepartment(departmentId: string): void {
    if (this.user.role === 'department_officer') return;
    this.change(toggledDepartment(this.filter, departmentId), true);
  }

  render(): void {
    const texts = t();
    const officer = this.user.role === 'department_officer';
    const clear = label('button', 'clearFilters', 'ghost');
    clear.addEventListener('click', () => this.change(ownDepartment(this.user), true));
    this.element.replaceChildren(
      h('span', { class: 'muted', text: texts.filters }),
      this.select(
        'departmentId',
        texts.allDepartments,
        this.departments.map((d) => [d.id, departmentLabel(d)]),
        officer,
      ),
      this.select(
        'level',
        texts.allLevels,
        LEVELS.map((level) => [level, texts.levels[level]]),
      ),
      this.select(
        'stage',
        texts.allStages,
        STAGES.map((stage) => [stage, texts.stages[stage]]),
      ),
      this.select(
        'ruleId',
        texts.allRules,
        this.rules.map((rule) => [rule.id, `${texts.levels[rule.level]} · ${ruleName(rule.id)}`]),
      ),
      clear,
    );
  }

  private select(
    name: keyof StreamFilter,
    all: string,
    options: [string, string][],
    disabled = false,
  ): HTMLSelectElement {
    const element = h(
      'select',
      { data: { filter: name } },
      option('', all),
      ...options.map(([value, text]) => option(value, text, this.filter[name] === value)),
    );
    element.disabled = disabled;
    element.addEventListener('change', () =>
      this.change({ ...this.filter, [name]: element.value || undefined }, false),
    );
    return element;
  }

  /** A new filter; the bar is drawn again when the change did not come from the bar itself. */
  private change(filter: StreamFilter, redraw: boolean): void {
    this.filter = filter;
    if (redraw) this.render();
    // the address follows without a hashchange (which would build the page again)
    if (location.hash === '' || location.hash === '#wall' || location.hash.startsWith('#wall?'))
      history.replaceState(null, '', hashOfFilter(filter));
    this.changed();
  }
}
