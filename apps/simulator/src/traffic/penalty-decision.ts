import type { Tier } from '@app/contracts';
import type { Random } from './random';

/** The tiers of a penalty benchmark (裁量基准), from the lightest. */
export const TIER_ORDER: readonly Tier[] = ['exempt', 'mitigated', 'lighter', 'ordinary', 'heavier'];

/** A fine in a range, in whole hundreds of yuan when the range allows (that is how fines are set). */
export function fineIn(random: Random, [min, max]: readonly [number, number]): number {
  const unit = 10_000;
  const low = Math.ceil(min / unit);
  const high = Math.floor(max / unit);
  return low <= high ? random.int(low, high) * unit : random.int(min, max);
}

/** What a penalty case proposes, decides and collects. */
export interface PenaltyDecision {
  violationCode: string;
  proposedTier: Tier;
  proposedFine: number;
  decidedTier: Tier;
  decidedFine: number;
  hearingNotice: boolean;
  /** The party pays the proposed fine before the decision (and nothing after it). */
  paidBeforeDecision: boolean;
}

export function aDecision(
  violationCode: string,
  tier: Tier,
  proposedFine: number,
  decidedFine: number,
  hearingNotice: boolean,
): PenaltyDecision {
  return {
    violationCode,
    proposedTier: tier,
    proposedFine,
    decidedTier: tier,
    decidedFine,
    hearingNotice,
    paidBeforeDecision: false,
  };
}
