import { Inject, Injectable } from '@nestjs/common';
import type { WallCase, WallOverview, WallReference, WallSnapshot } from '@app/contracts';
import { RULE_FAMILIES, RULES, ruleFamily } from '@app/rules';
import { SignalScope, SignalStore } from '@app/persistence';
import { Clock } from '@app/platform';
import { ReferenceData } from '../reference/reference-data';
import { REORDER_MARGIN_MS } from './wall-catch-up';
import { composeOverview, wallInstants } from './wall-overview';
import { WallFilter, WallStore } from '@app/persistence';

/** How long one overview is reused for the same scope and filter: many walls, one set of queries. */
export const OVERVIEW_TTL_MS = 2_000;
/** Events shown in a case panel at most. */
export const CASE_EVENTS_LIMIT = 500;

/** The wall's reads, composed from the store; every method takes the reader's scope already applied. */
@Injectable()
export class WallService {
  private readonly overviews = new Map<string, { until: number; overview: Promise<WallOverview> }>();

  constructor(
    @Inject(WallStore) private readonly store: WallStore,
    @Inject(SignalStore) private readonly signals: SignalStore,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Departments (only one's own for an officer) and every rule, for filters and labels. */
  referenceFor(scope: SignalScope): WallReference {
    const departments = this.reference.departments
      .filter((d) => scope.departmentId === null || d.id === scope.departmentId)
      .map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn ?? null }));
    if (scope.departmentId !== null && departments.length === 0)
      departments.push({ id: scope.departmentId, name: scope.departmentId, nameEn: null });
    return {
      departments,
      rules: RULES.map((rule) => ({
        id: rule.id,
        title: { ...rule.title },
        level: rule.level,
        stage: rule.stage,
        family: ruleFamily(rule.id),
        description: { ...rule.description },
      })),
      families: RULE_FAMILIES.map((family) => ({ id: family.id, title: { ...family.title } })),
    };
  }

  overview(filter: WallFilter): Promise<WallOverview> {
    const now = this.clock.now();
    const key = JSON.stringify([filter.departmentId, filter.level, filter.stage, filter.ruleId]);
    const cached = this.overviews.get(key);
    if (cached && cached.until > now) return cached.overview;
    for (const [other, entry] of this.overviews) if (entry.until <= now) this.overviews.delete(other);
    const overview = this.computeOverview(filter, now);
    this.overviews.set(key, { until: now + OVERVIEW_TTL_MS, overview });
    overview.catch(() => this.overviews.delete(key));
    return overview;
  }

  /**
   * The stream's snapshot and a settled sequence read before it: every change up to that sequence
   * is in the list. The page resumes from it at once, so what committed meanwhile comes once more
   * (and is applied by sequence), and what follows arrives live (its socket joined its rooms first).
   */
  async snapshot(filter: WallFilter, limit: number): Promise<WallSnapshot> {
    const sequence = await this.store.settledBefore(null, REORDER_MARGIN_MS);
    return { sequence, signals: await this.store.signals({ ...filter, limit }) };
  }

  async caseView(caseId: string, scope: SignalScope): Promise<WallCase | 'out-of-scope' | null> {
    const found = await this.signals.findCase(caseId, scope);
    if (found === null || found === 'out-of-scope') return found;
    const [events, signals, transitions] = await Promise.all([
      this.store.caseEvents(caseId, CASE_EVENTS_LIMIT),
      this.store.caseSignals(caseId),
      this.store.caseTransitions(caseId),
    ]);
    return { item: this.reference.item(found.itemCode), case: found, events, signals, transitions };
  }

  private async computeOverview(filter: WallFilter, now: number): Promise<WallOverview> {
    const at = wallInstants(now);
    const [cases, open, hourly, completions] = await Promise.all([
      this.store.caseCounts(filter.departmentId, at),
      this.store.openSignals(filter),
      this.store.hourly(filter, at),
      this.store.completions(filter.departmentId, at),
    ]);
    const departments = this.reference.departments
      .filter((d) => filter.departmentId === null || d.id === filter.departmentId)
      .map((d) => ({ id: d.id, name: d.name }));
    return composeOverview({ at, departments, cases, open, hourly, completions });
  }
}
