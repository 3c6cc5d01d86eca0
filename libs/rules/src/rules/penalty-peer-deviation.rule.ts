import { defineEventRule } from '../rule-definition';
import { caseLabel, yuan } from '../wording';
import { TIER_NAMES } from './penalty-terms';

/** Robust deviation of a fine from its peers (`docs/rules.md` § Peer deviation). */
export interface PeerDeviation {
  median: number;
  /** Median absolute deviation from the median. */
  mad: number;
  /** Mean absolute deviation from the median; used when MAD is 0. */
  meanAbsDev: number;
  /** |fine − median| / (1.4826 × MAD), or / (1.2533 × meanAbsDev) when MAD is 0; Infinity or 0 when both are 0. */
  score: number;
}

function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function peerDeviation(fine: number, peers: readonly number[]): PeerDeviation {
  const byValue = (a: number, b: number) => a - b;
  const m = median([...peers].sort(byValue));
  const deviations = peers.map((peer) => Math.abs(peer - m)).sort(byValue);
  const mad = median(deviations);
  const meanAbsDev = deviations.reduce((sum, deviation) => sum + deviation, 0) / deviations.length;
  const distance = Math.abs(fine - m);
  let score: number;
  if (mad > 0) score = distance / (1.4826 * mad);
  else if (meanAbsDev > 0) score = distance / (1.2533 * meanAbsDev);
  else score = distance === 0 ? 0 : Infinity;
  return { median: m, mad, meanAbsDev, score };
}

export const PENALTY_PEER_DEVIATION = defineEventRule({
  id: 'PENALTY_PEER_DEVIATION',
  title: { zh: '同案不同罚', en: 'Fine unlike peers' },
  stage: 'after',
  level: 'yellow',
  qualifier: 'event',
  description: {
    zh: '同案不同罚：罚款明显偏离同一违法行为、同一阶次近期处罚决定的中位数（稳健 z 分数超过阈值）',
    en: 'Fine far from the median of recent decisions with the same violation and tier (robust z-score above the threshold)',
  },
  legalBasis: [
    '《中华人民共和国行政处罚法》第五条',
    '《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）',
  ],
  eventTypes: ['penalty.decided'],
  check({ state, event, occurredAtMs, ctx }) {
    const { violationCode, tier, fine } = event.payload;
    const { minPeers, window, threshold } = ctx.catalog.settings.peerDeviation;
    const peers = ctx.peers.recent(violationCode, tier, window, { eventId: event.eventId, occurredAtMs });
    if (peers.length < minPeers) return undefined;
    const deviation = peerDeviation(fine, peers);
    if (!(deviation.score > threshold)) return undefined;
    const score = Number.isFinite(deviation.score) ? Number(deviation.score.toFixed(4)) : 'Infinity';
    return {
      message: `${caseLabel(state)}罚款 ${yuan(fine)}，与近期 ${peers.length} 件同类（${violationCode}，${TIER_NAMES[tier]}）处罚的中位数 ${yuan(deviation.median)} 明显偏离（偏离分 ${score === 'Infinity' ? '∞' : score}，阈值 ${threshold}）`,
      details: {
        violationCode,
        tier,
        fine,
        peers: peers.length,
        median: deviation.median,
        mad: deviation.mad,
        meanAbsDev: deviation.meanAbsDev,
        score,
        threshold,
      },
    };
  },
});
