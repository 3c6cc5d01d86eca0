import type { ApprovalEvent, Tier } from '@app/contracts';
import { aCase, aCatalog, runRules, summarize } from '../testing/factories';
import { PENALTY_PEER_DEVIATION, peerDeviation } from './penalty-peer-deviation.rule';

describe(PENALTY_PEER_DEVIATION.id, () => {
  describe(peerDeviation.name, () => {
    it.each([
      // MAD > 0: m = 300, |x − m| = 200, 100, 0, 100, 200 → MAD = 100
      [
        'MAD',
        [100, 200, 300, 400, 500],
        1000,
        { median: 300, mad: 100, meanAbsDev: 120, score: 700 / (1.4826 * 100) },
      ],
      ['MAD, even count', [100, 200, 300, 400], 250, { median: 250, mad: 100, meanAbsDev: 100, score: 0 }],
      // MAD = 0: m = 100, deviations 0, 0, 0, 0, 400 → meanAbsDev = 80
      [
        'MAD = 0',
        [100, 100, 100, 100, 500],
        500,
        { median: 100, mad: 0, meanAbsDev: 80, score: 400 / (1.2533 * 80) },
      ],
      [
        'MAD = meanAbsDev = 0, fine = m',
        [100, 100, 100],
        100,
        { median: 100, mad: 0, meanAbsDev: 0, score: 0 },
      ],
      [
        'MAD = meanAbsDev = 0, fine ≠ m',
        [100, 100, 100],
        101,
        { median: 100, mad: 0, meanAbsDev: 0, score: Infinity },
      ],
    ])('%s', (_, peers, fine, expected) => {
      const sut = peerDeviation(fine, peers);

      expect(sut.median).toBe(expected.median);
      expect(sut.mad).toBe(expected.mad);
      expect(sut.meanAbsDev).toBe(expected.meanAbsDev);
      expect(sut.score).toBeCloseTo(expected.score, 12);
    });
  });

  // settings: minPeers 5, window 5, threshold 3.5; each peer is a case decided on its own day.
  const catalog = aCatalog({ settings: { peerDeviation: { minPeers: 5, window: 5, threshold: 3.5 } } });

  function decided(
    caseNo: number,
    fine: number,
    tier: Tier = 'ordinary',
    violationCode = 'V-001',
  ): ApprovalEvent[] {
    const c = aCase(`P-${caseNo}`, 'CF-001');
    const day = String(caseNo).padStart(2, '0');
    return [
      c.event('penalty.filed', '2026-09-01T09:00', { violationCode, party: { kind: 'organization' } }),
      c.event(
        'penalty.decided',
        `2026-10-${day}T10:00`,
        { violationCode, tier, fine },
        { eventId: `decision-${caseNo}` },
      ),
    ];
  }

  function peersThenOne(peerFines: number[], fine: number): ApprovalEvent[] {
    const events = peerFines.flatMap((peer, index) => decided(index + 1, peer));
    return [...events, ...decided(peerFines.length + 1, fine)];
  }

  // peers sit in the tier range 300 000 – 700 000 so no other penalty rule interferes
  it.each([
    ['MAD case, score 4.72 > 3.5', [400_000, 410_000, 420_000, 430_000, 440_000], 490_000, true],
    ['MAD case, score 3.37 ≤ 3.5', [400_000, 410_000, 420_000, 430_000, 440_000], 470_000, false],
    ['MAD = 0, meanAbsDev case, score 3.99', [400_000, 400_000, 400_000, 400_000, 500_000], 500_000, true],
    ['MAD = 0, meanAbsDev case, score 2.99', [400_000, 400_000, 400_000, 400_000, 500_000], 475_000, false],
    ['both 0, fine = median', [400_000, 400_000, 400_000, 400_000, 400_000], 400_000, false],
    ['both 0, fine ≠ median', [400_000, 400_000, 400_000, 400_000, 400_000], 400_001, true],
    ['fewer than minPeers', [400_000, 400_000, 400_000, 400_000], 700_000, false],
  ])('%s → fires: %s', (_, peerFines, fine, fires) => {
    const last = peerFines.length + 1;
    const signals = runRules(peersThenOne(peerFines, fine), { catalog });

    expect(signals.filter((s) => s.ruleId === PENALTY_PEER_DEVIATION.id).map((s) => s.alertKey)).toEqual(
      fires ? [`P-${last}|PENALTY_PEER_DEVIATION|decision-${last}`] : [],
    );
  });

  it('takes only the last `window` earlier decisions', () => {
    // the first decision (far away) falls out of the window of 5
    const events = peersThenOne([900_000, 400_000, 400_000, 400_000, 400_000, 400_000], 400_000);

    expect(summarize(runRules(events, { catalog }), PENALTY_PEER_DEVIATION.id)).toEqual([]);
  });

  it('ignores other tiers, other violations and decisions with an unknown violation', () => {
    const events = [
      ...decided(1, 400_000),
      ...decided(2, 400_000),
      ...decided(3, 150_000, 'lighter'),
      ...decided(4, 400_000, 'ordinary', 'V-404'),
      ...decided(5, 400_000),
      ...decided(6, 400_000),
      ...decided(7, 400_000),
      ...decided(8, 600_000),
    ];

    // peers of decision 8: 1, 2, 5, 6, 7 (all 400 000): both deviations 0 → infinite score
    expect(summarize(runRules(events, { catalog }), PENALTY_PEER_DEVIATION.id)).toEqual([
      'PENALTY_PEER_DEVIATION[decision-8]@2026-10-08T10:00',
    ]);
  });

  it('reports the arithmetic in its details', () => {
    const signals = runRules(peersThenOne([400_000, 400_000, 400_000, 400_000, 400_000], 400_001), {
      catalog,
    });

    expect(signals.find((s) => s.ruleId === PENALTY_PEER_DEVIATION.id)?.details).toMatchObject({
      peers: 5,
      median: 400_000,
      mad: 0,
      meanAbsDev: 0,
      score: 'Infinity',
      threshold: 3.5,
    });
  });
});
