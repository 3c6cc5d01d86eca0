import type { PenaltyBenchmark, Tier } from '@app/contracts';
import type { RuleCatalog } from '../catalog-view';
import type { EventCheck } from '../rule-definition';
import { caseLabel } from '../wording';

/** Chinese names of the tiers (阶次) and of the two penalty acts, for messages. */
export const TIER_NAMES: Readonly<Record<Tier, string>> = {
  exempt: '不予处罚',
  mitigated: '减轻处罚',
  lighter: '从轻处罚',
  ordinary: '一般处罚',
  heavier: '从重处罚',
};

/** The two penalty acts whose fine the range checks judge. */
type PenaltyActType = 'penalty.proposed' | 'penalty.decided';

function penaltyActName(type: PenaltyActType): string {
  return type === 'penalty.proposed' ? '拟处罚告知' : '处罚决定';
}

/**
 * The range the benchmark of a violation sets for a tier; undefined when the catalogue has no
 * benchmark for the violation or the benchmark does not define the tier (PENALTY_UNKNOWN_VIOLATION).
 */
export function tierRangeOf(
  catalog: RuleCatalog,
  violationCode: string,
  tier: Tier,
): [number, number] | undefined {
  return catalog.benchmarks.get(violationCode)?.tiers[tier];
}

/** A proposed or decided penalty as the range checks (PENALTY_OUT_OF_*, PENALTY_UNKNOWN_VIOLATION) read it. */
export interface PenaltyAct {
  readonly violationCode: string;
  readonly tier: Tier;
  readonly fine: number;
  /** The benchmark (裁量基准) of the violation, if the catalogue has one. */
  readonly benchmark: PenaltyBenchmark | undefined;
  /** The range of `tier` in that benchmark (see `tierRangeOf`). */
  readonly tierRange: [number, number] | undefined;
}

export function penaltyActOf({ event, ctx }: EventCheck<PenaltyActType>): PenaltyAct {
  const { violationCode, tier, fine } = event.payload;
  const benchmark = ctx.catalog.benchmarks.get(violationCode);
  return { violationCode, tier, fine, benchmark, tierRange: benchmark?.tiers[tier] };
}

/** How a message names the act, `办件 P-1（…）的拟处罚告知`: built only for a signal raised. */
export function penaltyActSubject({ state, event }: EventCheck<PenaltyActType>): string {
  return `${caseLabel(state)}的${penaltyActName(event.type)}`;
}
