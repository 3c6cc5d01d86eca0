import { parsePeriod } from './period';
import { evaluateDepartments, evaluateItems, type EvaluationInput, type ItemRef } from './report';
import { MUNICIPAL_SCHEME } from './scheme';
import { aFactsRow, someFacts } from './testing/factories';

const departments = [
  { id: 'scjgj', name: '市市场监督管理局' },
  { id: 'zjj', name: '市住房和城乡建设局' },
  { id: 'jtj', name: '市交通运输局' },
];
const items: ItemRef[] = [
  { code: 'SC-1', name: '食品经营许可', departmentId: 'scjgj', promisedDays: 10, legalDays: 20 },
  { code: 'SC-2', name: '药品零售许可', departmentId: 'scjgj', promisedDays: 15, legalDays: 20 },
  { code: 'ZJ-1', name: '施工许可', departmentId: 'zjj', promisedDays: 7, legalDays: 7 },
];

function input(overrides: Partial<EvaluationInput>): EvaluationInput {
  return {
    period: parsePeriod('2026-03'),
    departments,
    items,
    rows: [],
    scheme: MUNICIPAL_SCHEME,
    ...overrides,
  };
}

describe(evaluateDepartments.name, () => {
  it('ranks by score, sharing a rank on equal scores (1, 2, 2), ties broken by on-time rate for the order', () => {
    const sut = evaluateDepartments(
      input({
        items: [],
        rows: [
          aFactsRow({
            departmentId: 'scjgj',
            facts: someFacts({ yellow: { raised: 1 }, completed: 2, onTime: 1 }),
          }),
          aFactsRow({
            departmentId: 'zjj',
            facts: someFacts({ yellow: { raised: 1 }, completed: 2, onTime: 2 }),
          }),
          aFactsRow({ departmentId: 'jtj', facts: someFacts({ completed: 1, onTime: 1 }) }),
        ],
      }),
    );

    expect(sut.map((d) => [d.rank, d.departmentId, d.score])).toEqual([
      [1, 'jtj', 100],
      [2, 'zjj', 95],
      [2, 'scjgj', 95],
    ]);
  });

  it('evaluates every catalogued department, a quiet one at the base plus its compression bonus', () => {
    const sut = evaluateDepartments(input({ rows: [] }));

    // scjgj: mean(1 − 10/20, 1 − 15/20) = 0.375 → +1; zjj: 0 → nothing; jtj: no items → nothing
    expect(sut.map((d) => [d.departmentId, d.score, d.bonuses[1]?.basis])).toEqual([
      ['scjgj', 101, 0.375],
      ['jtj', 100, null],
      ['zjj', 100, 0],
    ]);
    expect(sut.every((d) => d.indicators.completed === 0 && d.indicators.onTimeRate === null)).toBe(true);
  });

  it('also evaluates a department that is not in the catalogue, under its id', () => {
    const sut = evaluateDepartments(
      input({ rows: [aFactsRow({ departmentId: 'xzfwzx', facts: someFacts({ red: { raised: 1 } }) })] }),
    );

    expect(sut.find((d) => d.departmentId === 'xzfwzx')).toMatchObject({
      departmentName: 'xzfwzx',
      score: 90,
    });
  });

  it('sums the items of a department and scores each month of a quarter separately', () => {
    const sut = evaluateDepartments(
      input({
        period: parsePeriod('2026-Q1'),
        items: [],
        rows: [
          aFactsRow({
            departmentId: 'zjj',
            itemCode: 'ZJ-1',
            month: '2026-01',
            facts: someFacts({ red: { raised: 1 }, completed: 3, onTime: 2 }),
          }),
          aFactsRow({
            departmentId: 'zjj',
            itemCode: 'ZJ-2',
            month: '2026-01',
            facts: someFacts({ red: { raised: 1 }, completed: 1, onTime: 1 }),
          }),
          aFactsRow({
            departmentId: 'zjj',
            itemCode: 'ZJ-1',
            month: '2026-03',
            facts: someFacts({ yellow: { raised: 2 } }),
          }),
        ],
      }),
    );

    const zjj = sut.find((d) => d.departmentId === 'zjj');
    expect(zjj?.months).toEqual([
      { month: '2026-01', score: 80, grade: 'good' },
      { month: '2026-02', score: 100, grade: 'excellent' },
      { month: '2026-03', score: 90, grade: 'excellent' },
    ]);
    expect(zjj).toMatchObject({ score: 90, grade: 'good', gradeCapped: true });
    expect(zjj?.indicators).toMatchObject({ completed: 4, onTime: 3, onTimeRate: 0.75 });
  });
});

describe(evaluateItems.name, () => {
  it('lists the items with facts, and every catalogued item of the departments asked for', () => {
    const rows = [
      aFactsRow({
        departmentId: 'scjgj',
        itemCode: 'SC-1',
        facts: someFacts({ completed: 3, onTime: 2, early: 1, timeUsedDays: 20 }),
      }),
      aFactsRow({ departmentId: 'zjj', itemCode: 'ZJ-1', facts: someFacts({ completed: 1, onTime: 1 }) }),
    ];

    const all = evaluateItems({ items, rows });
    const scjgj = evaluateItems({ items, rows }, new Set(['scjgj']));

    expect(all.map((item) => item.itemCode)).toEqual(['SC-1', 'ZJ-1']);
    expect(scjgj.map((item) => [item.itemCode, item.itemName, item.indicators.completed])).toEqual([
      ['SC-1', '食品经营许可', 3],
      ['SC-2', '药品零售许可', 0],
    ]);
    expect(scjgj[0]?.indicators).toMatchObject({
      onTimeRate: 0.6667,
      earlyRate: 0.3333,
      averageDaysUsed: 6.67,
    });
  });
});
