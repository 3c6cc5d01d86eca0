/**
 * The catalogue (reference data) after loading: every optional field has its default
 * (`docs/catalogue.md`). `libs/catalog` loads and validates it; the rule engine reads it.
 */
import type { PartyKind, Tier } from './events';

export interface Department {
  id: string;
  name: string;
  /** The official English name, shown when the console is in English; absent: `name` is shown. */
  nameEn?: string;
  parentId?: string;
}

export interface ItemStep {
  code: string;
  name: string;
  limitDays: number;
}

export interface Item {
  code: string;
  name: string;
  departmentId: string;
  kind: 'licensing' | 'penalty';
  timeUnit: 'workday' | 'calendar';
  legalDays: number;
  promisedDays: number;
  warnBeforeDays: number;
  supervisionDays: number;
  steps: ItemStep[];
  requiredMaterials: string[];
  feeCodes: string[];
  suspensions: { procedure: string; maxDays: number }[];
}

export interface Fee {
  code: string;
  name: string;
  unitAmount: number;
  unit?: string;
  legalBasis?: string;
  /** YYYY-MM-DD, first day it may be charged. */
  effectiveFrom: string;
  /** YYYY-MM-DD, last day it may be charged; null = open. */
  effectiveTo: string | null;
}

export interface PenaltyBenchmark {
  violationCode: string;
  name: string;
  legalMin: number;
  legalMax: number;
  hearingThreshold: Record<PartyKind, number>;
  tiers: Partial<Record<Tier, [number, number]>>;
}

export interface CalendarData {
  timeZone: string;
  holidays: string[];
  workdays: string[];
}

export interface Settings {
  acceptanceDays: number;
  supplementNoticeDays: number;
  deliveryDays: number;
  defaultSuspensionMaxDays: number;
  reportingDelayHours: number;
  peerDeviation: { minPeers: number; window: number; threshold: number };
  dissatisfiedScore: number;
  maxExtensionDays: number;
  onSpotFineLimit: number;
}

export const DEFAULT_SETTINGS: Settings = {
  acceptanceDays: 5,
  supplementNoticeDays: 5,
  deliveryDays: 10,
  defaultSuspensionMaxDays: 30,
  reportingDelayHours: 24,
  peerDeviation: { minPeers: 20, window: 200, threshold: 3.5 },
  dissatisfiedScore: 2,
  maxExtensionDays: 10,
  onSpotFineLimit: 10000,
};

/** One catalogue version: everything the rules read. */
export interface CatalogData {
  departments: Department[];
  items: Item[];
  fees: Fee[];
  discretion: PenaltyBenchmark[];
  calendar: CalendarData;
  settings: Settings;
}
