import { MUNICIPAL_SCHEME, type EvaluationScheme } from './scheme';
import { promisedCompression, scoreMonth, scorePeriod, type Scorecard } from './score';
import { someFacts } from './testing/factories';

const pointsOf = (card: Scorecard) =>
  Object.fromEntries([...card.deductions, ...card.bonuses].map((line) => [line.code, line.points]));

describe(scoreMonth.name, () => {
  it('scores the worked example of docs/evaluation.md: 100 − 6 − 10 − 10 − 2.5 − 2 + 2 + 1 = 72.5, 合格', () => {
    const facts = someFacts({
      completed: 20,
      onTime: 18,
      early: 12,
      timeUsedDays: 61,
      warning: { raised: 7 },
      yellow: { raised: 3, justified: 1 },
      red: { raised: 1 },
      lateReports: { raised: 3 },
      sequenceErrors: { raised: 2 },
      notices: { timely: 3, late: 1, pending: 1 },
      events: 240,
    });

    const sut = scoreMonth(facts, 0.45, MUNICIPAL_SCHEME);

    expect(pointsOf(sut)).toEqual({
      warning: -6, // 7 warnings: two complete groups of 3
      yellow: -10, // 3 yellows, 1 closed as justified
      red: -10,
      data_quality: -2.5, // 5 data-quality signals × 0.5
      late_response: -2,
      early_completion: 2, // 12 / 20 = 0.6 ≥ 0.5
      promised_compression: 1, // 0.45 ≥ 0.3
    });
    expect(sut).toMatchObject({ score: 72.5, grade: 'pass', gradeCapped: false });
  });

  it('cancels the deduction of a red card closed as justified (销号: 理由正当)', () => {
    const standingRed = scoreMonth(someFacts({ red: { raised: 1 } }), null, MUNICIPAL_SCHEME);
    const justifiedRed = scoreMonth(someFacts({ red: { raised: 1, justified: 1 } }), null, MUNICIPAL_SCHEME);

    expect(standingRed).toMatchObject({ score: 90, grade: 'good', gradeCapped: true });
    expect(justifiedRed).toMatchObject({ score: 100, grade: 'excellent', gradeCapped: false });
    expect(justifiedRed.deductions.find((line) => line.code === 'red')).toEqual({
      code: 'red',
      basis: 0,
      points: 0,
    });
  });

  it.each([
    { warnings: 2, points: 0 },
    { warnings: 3, points: -3 },
    { warnings: 5, points: -3 },
    { warnings: 6, points: -6 },
  ])('deducts 3 points per complete group of 3 warnings: $warnings → $points', ({ warnings, points }) => {
    const sut = scoreMonth(someFacts({ warning: { raised: warnings } }), null, MUNICIPAL_SCHEME);

    expect(sut.deductions.find((line) => line.code === 'warning')?.points).toBe(points);
  });

  it('caps the data-quality and late-response deductions and never goes below 0', () => {
    const sut = scoreMonth(
      someFacts({ red: { raised: 12 }, lateReports: { raised: 30 }, notices: { late: 15 } }),
      null,
      MUNICIPAL_SCHEME,
    );

    expect(pointsOf(sut)).toMatchObject({ red: -120, data_quality: -10, late_response: -20 });
    expect(sut).toMatchObject({ score: 0, grade: 'fail' });
  });

  it('gives no early-completion bonus below the minimum number of completed cases', () => {
    const four = scoreMonth(someFacts({ completed: 4, early: 4 }), null, MUNICIPAL_SCHEME);
    const five = scoreMonth(someFacts({ completed: 5, early: 4 }), null, MUNICIPAL_SCHEME);

    expect(pointsOf(four).early_completion).toBe(0);
    expect(pointsOf(five).early_completion).toBe(3); // 4 / 5 = 0.8
  });

  it('caps the bonuses together at the scheme maximum', () => {
    const scheme: EvaluationScheme = {
      ...MUNICIPAL_SCHEME,
      bonuses: { ...MUNICIPAL_SCHEME.bonuses, max: 4 },
    };

    const sut = scoreMonth(someFacts({ completed: 10, early: 9 }), 0.6, scheme);

    expect(pointsOf(sut)).toMatchObject({ early_completion: 3, promised_compression: 2 });
    expect(sut.score).toBe(104);
  });

  it.each([
    { score: 90, deductions: { yellow: { raised: 2 } }, grade: 'excellent' },
    { score: 85, deductions: { yellow: { raised: 3 } }, grade: 'good' },
    { score: 80, deductions: { yellow: { raised: 4 } }, grade: 'good' },
    { score: 75, deductions: { yellow: { raised: 5 } }, grade: 'pass' },
    { score: 60, deductions: { yellow: { raised: 8 } }, grade: 'pass' },
    { score: 55, deductions: { yellow: { raised: 9 } }, grade: 'fail' },
  ])('grades $score as $grade', ({ score, deductions, grade }) => {
    const sut = scoreMonth(someFacts(deductions), null, MUNICIPAL_SCHEME);

    expect(sut).toMatchObject({ score, grade });
  });

  it('lets a scheme without 一票否决 rate a department with a red card 优秀', () => {
    const scheme: EvaluationScheme = { ...MUNICIPAL_SCHEME, redCardBlocksExcellent: false };

    const sut = scoreMonth(someFacts({ red: { raised: 1 } }), null, scheme);

    expect(sut).toMatchObject({ score: 90, grade: 'excellent', gradeCapped: false });
  });
});

describe(scorePeriod.name, () => {
  it('scores a quarter as the mean of its three months, with counts summed and points averaged', () => {
    const sut = scorePeriod(
      [
        { month: '2026-01', facts: someFacts({ yellow: { raised: 2 } }) }, // 90
        { month: '2026-02', facts: someFacts({ yellow: { raised: 4 } }) }, // 80
        { month: '2026-03', facts: someFacts({ red: { raised: 3 } }) }, // 70
      ],
      null,
      MUNICIPAL_SCHEME,
    );

    expect(sut.months).toEqual([
      { month: '2026-01', score: 90, grade: 'excellent' },
      { month: '2026-02', score: 80, grade: 'good' },
      { month: '2026-03', score: 70, grade: 'pass' },
    ]);
    expect(sut).toMatchObject({ score: 80, grade: 'good' });
    expect(sut.deductions.find((line) => line.code === 'yellow')).toEqual({
      code: 'yellow',
      basis: 6,
      points: -10,
    });
    expect(sut.deductions.find((line) => line.code === 'red')).toEqual({
      code: 'red',
      basis: 3,
      points: -10,
    });
  });

  it('keeps two decimals of a mean that does not divide evenly', () => {
    const sut = scorePeriod(
      [
        { month: '2026-01', facts: someFacts() },
        { month: '2026-02', facts: someFacts() },
        { month: '2026-03', facts: someFacts({ yellow: { raised: 1 } }) },
      ],
      null,
      MUNICIPAL_SCHEME,
    );

    expect(sut.score).toBe(98.33);
  });

  it('takes the early-completion rate of the whole quarter as the basis', () => {
    const sut = scorePeriod(
      [
        { month: '2026-01', facts: someFacts({ completed: 5, early: 5 }) },
        { month: '2026-02', facts: someFacts({ completed: 5, early: 0 }) },
      ],
      null,
      MUNICIPAL_SCHEME,
    );

    expect(sut.bonuses.find((line) => line.code === 'early_completion')).toEqual({
      code: 'early_completion',
      basis: 0.5,
      points: 1.5, // (3 + 0) / 2
    });
  });
});

describe(promisedCompression.name, () => {
  it('is the mean over the items of 1 − promised / legal', () => {
    expect(
      promisedCompression([
        { promisedDays: 10, legalDays: 20 },
        { promisedDays: 5, legalDays: 20 },
      ]),
    ).toBe(0.625);
  });

  it('is null for a department without catalogued items', () => {
    expect(promisedCompression([])).toBeNull();
  });
});
