import type { Tier } from '@app/contracts';

/** Chinese names of the tiers (阶次) and of the two penalty acts, for messages. */
export const TIER_NAMES: Readonly<Record<Tier, string>> = {
  exempt: '不予处罚',
  mitigated: '减轻处罚',
  lighter: '从轻处罚',
  ordinary: '一般处罚',
  heavier: '从重处罚',
};

export function penaltyActName(type: 'penalty.proposed' | 'penalty.decided'): string {
  return type === 'penalty.proposed' ? '拟处罚告知' : '处罚决定';
}
