/**
 * Test factories for the rule engine: a catalogue modelled on the worked example of `docs/rules.md`,
 * events built per case, and a compact way to read the signals back. Times are written in local
 * Shanghai time (`2026-09-18T14:00`), as the spec does.
 */
import { OFFICIAL_CALENDAR_2025_2026, WorkingCalendar } from '@app/calendar';
import {
  DEFAULT_SETTINGS,
  parseInstant,
  type ApprovalEvent,
  type ApprovalEventOf,
  type EventType,
  type Fee,
  type Item,
  type PayloadByType,
  type PenaltyBenchmark,
  type Settings,
  type Signal,
} from '@app/contracts';
import type { RuleCatalog } from '../catalog-view';
import { ReplayEngine } from '../replay-engine';
import type { ReplayEngineOptions } from '../replay-engine';
import { sortByOccurredAt } from '../evaluate-case';

/** `2026-09-18T14:00` (local) → `2026-09-18T14:00:00+08:00`; full RFC 3339 text is kept. */
export function at(local: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(local)) return local;
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** Epoch ms of a local time. */
export function ms(local: string): number {
  return parseInstant(at(local));
}

/** ISO UTC text of a local time, as `raisedAt` shows it. */
export function utc(local: string): string {
  return new Date(ms(local)).toISOString();
}

/** An instant as local Shanghai time, `2026-09-18T14:00` (seconds and ms only when not zero). */
export function local(instant: string | number): string {
  const epoch = typeof instant === 'number' ? instant : Date.parse(instant);
  const text = new Date(epoch + 8 * 3_600_000).toISOString().slice(0, 23);
  return text.replace(/:00\.000$/, '').replace(/\.000$/, '');
}

/** The worked-example item of `docs/rules.md`: promised 5, legal 10, warn 1, supervision 2 working days. */
export function anItem(overrides: Partial<Item> = {}): Item {
  return {
    code: 'XK-001',
    name: '食品经营许可',
    departmentId: 'D-SCJ',
    kind: 'licensing',
    timeUnit: 'workday',
    legalDays: 10,
    promisedDays: 5,
    warnBeforeDays: 1,
    supervisionDays: 2,
    steps: [
      { code: 'review', name: '审查', limitDays: 2 },
      { code: 'approve', name: '决定', limitDays: 1 },
    ],
    requiredMaterials: ['申请书', '营业执照'],
    feeCodes: ['F-001', 'F-OLD'],
    suspensions: [{ procedure: 'expert_review', maxDays: 10 }],
    ...overrides,
  };
}

/** A penalty item: 90 calendar days (行政处罚法 §60). */
export function aPenaltyItem(overrides: Partial<Item> = {}): Item {
  return anItem({
    code: 'CF-001',
    name: '食品安全行政处罚',
    kind: 'penalty',
    timeUnit: 'calendar',
    legalDays: 90,
    promisedDays: 60,
    warnBeforeDays: 3,
    supervisionDays: 10,
    steps: [{ code: 'investigate', name: '调查取证', limitDays: 30 }],
    requiredMaterials: [],
    feeCodes: [],
    suspensions: [{ procedure: 'hearing', maxDays: 15 }],
    ...overrides,
  });
}

export function aFee(overrides: Partial<Fee> = {}): Fee {
  return {
    code: 'F-001',
    name: '登记费',
    unitAmount: 5000,
    unit: '件',
    effectiveFrom: '2020-01-01',
    effectiveTo: null,
    ...overrides,
  };
}

/** 1 000 – 10 000 yuan; tiers in fen; hearing at 5 000 yuan (person) / 50 000 yuan (organization). */
export function aBenchmark(overrides: Partial<PenaltyBenchmark> = {}): PenaltyBenchmark {
  return {
    violationCode: 'V-001',
    name: '未取得许可从事食品经营',
    legalMin: 100_000,
    legalMax: 1_000_000,
    hearingThreshold: { person: 500_000, organization: 5_000_000 },
    tiers: {
      exempt: [0, 0],
      mitigated: [10_000, 99_900],
      lighter: [100_000, 300_000],
      ordinary: [300_000, 700_000],
      heavier: [700_000, 1_000_000],
    },
    ...overrides,
  };
}

export interface CatalogParts {
  items?: Item[];
  fees?: Fee[];
  benchmarks?: PenaltyBenchmark[];
  settings?: Partial<Settings>;
}

/** The rules' view of a catalogue: the 2025–2026 official calendar, default settings. */
export function aCatalog(parts: CatalogParts = {}): RuleCatalog {
  const items = parts.items ?? [anItem(), aPenaltyItem()];
  const fees = parts.fees ?? [aFee(), aFee({ code: 'F-OLD', name: '已取消收费', effectiveTo: '2025-12-31' })];
  const benchmarks = parts.benchmarks ?? [aBenchmark()];
  return {
    items: new Map(items.map((item) => [item.code, item])),
    fees: new Map(fees.map((fee) => [fee.code, fee])),
    benchmarks: new Map(benchmarks.map((benchmark) => [benchmark.violationCode, benchmark])),
    calendar: new WorkingCalendar(OFFICIAL_CALENDAR_2025_2026),
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
  };
}

const DEFAULT_PAYLOADS: { [T in EventType]: PayloadByType[T] } = {
  'case.submitted': { channel: 'online', materials: ['申请书', '营业执照'] },
  'case.supplement_requested': { missingMaterials: ['营业执照'] },
  'case.supplemented': { materials: ['营业执照'] },
  'case.accepted': {},
  'case.refused': {
    reason: '申请事项不属于本机关职权范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条',
  },
  'step.started': { stepCode: 'review' },
  'step.completed': { stepCode: 'review', outcome: 'pass' },
  'case.suspended': { procedure: 'expert_review' },
  'case.resumed': {},
  'case.extended': { days: 5, reason: '案情复杂，经负责人批准' },
  'case.completed': { result: 'approved' },
  'case.delivered': { method: 'electronic' },
  'case.evaluated': { score: 5 },
  'fee.assessed': { feeCode: 'F-001', amount: 5000 },
  'fee.paid': { feeCode: 'F-001', amount: 5000, receiptNo: 'R-0001', payee: 'treasury' },
  'penalty.filed': { violationCode: 'V-001', party: { kind: 'organization', name: '某餐饮公司' } },
  'penalty.proposed': { violationCode: 'V-001', tier: 'ordinary', fine: 500_000 },
  'penalty.hearing_notified': {},
  'penalty.decided': { violationCode: 'V-001', tier: 'ordinary', fine: 500_000 },
  'penalty.paid': { amount: 500_000, receiptNo: 'P-0001', payee: 'bank' },
};

export interface EventExtras {
  eventId?: string;
  reportedAt?: string;
  departmentId?: string;
  itemCode?: string;
}

/** Builds the events of one case; event ids are `caseId#1`, `caseId#2`, … unless given. */
export class CaseStory {
  private count = 0;
  constructor(
    readonly caseId = 'C-1',
    readonly itemCode = 'XK-001',
    readonly departmentId = 'D-SCJ',
  ) {}

  event<T extends EventType>(
    type: T,
    when: string,
    payload: Partial<PayloadByType[T]> = {},
    extras: EventExtras = {},
  ): ApprovalEventOf<T> {
    this.count += 1;
    const event = {
      eventId: extras.eventId ?? `${this.caseId}#${this.count}`,
      schemaVersion: 1 as const,
      type,
      caseId: this.caseId,
      itemCode: extras.itemCode ?? this.itemCode,
      departmentId: extras.departmentId ?? this.departmentId,
      occurredAt: at(when),
      ...(extras.reportedAt === undefined ? {} : { reportedAt: at(extras.reportedAt) }),
      payload: { ...DEFAULT_PAYLOADS[type], ...payload },
    };
    return event as unknown as ApprovalEventOf<T>;
  }
}

export function aCase(caseId = 'C-1', itemCode = 'XK-001'): CaseStory {
  return new CaseStory(caseId, itemCode);
}

/** A single event with defaults, for rules that look at one event. */
export function anEvent<T extends EventType>(
  type: T,
  when = '2026-09-18T14:00',
  payload: Partial<PayloadByType[T]> = {},
  extras: EventExtras & { caseId?: string } = {},
): ApprovalEventOf<T> {
  return new CaseStory(extras.caseId ?? 'C-1', extras.itemCode ?? 'XK-001').event(
    type,
    when,
    payload,
    extras,
  );
}

export interface RunOptions extends ReplayEngineOptions {
  catalog?: RuleCatalog;
  /** Local time of the final watermark; default the latest event. */
  until?: string;
}

/** Runs events (stable-sorted by occurredAt) through a fresh `ReplayEngine`: all signals, in order. */
export function runRules(events: readonly ApprovalEvent[], options: RunOptions = {}): Signal[] {
  const sut = new ReplayEngine(options.catalog ?? aCatalog(), options);
  const signals: Signal[] = [];
  let latest = -Infinity;
  for (const { event, occurredAtMs } of sortByOccurredAt(events)) {
    signals.push(...sut.ingest(event));
    latest = Math.max(latest, occurredAtMs);
  }
  signals.push(...sut.advanceTo(options.until === undefined ? latest : ms(options.until)));
  return signals;
}

/** `RULE[qualifier]@local raisedAt` for each signal (of the given rules, if any). */
export function summarize(signals: readonly Signal[], ...ruleIds: string[]): string[] {
  return signals
    .filter((signal) => ruleIds.length === 0 || ruleIds.includes(signal.ruleId))
    .map((signal) => {
      const qualifier = signal.alertKey.slice(signal.caseId.length + signal.ruleId.length + 2);
      return `${signal.ruleId}[${qualifier}]@${local(signal.raisedAt)}`;
    });
}
