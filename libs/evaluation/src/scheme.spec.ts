import { MUNICIPAL_SCHEME, parseScheme, SchemeError } from './scheme';

describe(parseScheme.name, () => {
  it('sorts bands from the highest threshold down, whatever order the file gives', () => {
    const sut = parseScheme({
      ...MUNICIPAL_SCHEME,
      bonuses: {
        ...MUNICIPAL_SCHEME.bonuses,
        promisedCompression: {
          bands: [
            { atLeast: 0.1, points: 1 },
            { atLeast: 0.6, points: 3 },
          ],
        },
      },
    });

    expect(sut.bonuses.promisedCompression.bands.map((band) => band.atLeast)).toEqual([0.6, 0.1]);
  });

  it.each([
    { change: { base: -5 }, field: 'base' },
    { change: { deductions: { ...MUNICIPAL_SCHEME.deductions, red: 'ten' } }, field: 'deductions.red' },
    {
      change: { deductions: { ...MUNICIPAL_SCHEME.deductions, warning: { every: 0, points: 3 } } },
      field: 'deductions.warning.every',
    },
    {
      change: {
        bonuses: {
          ...MUNICIPAL_SCHEME.bonuses,
          earlyCompletion: { minCompleted: 5, bands: [{ atLeast: 1.5, points: 2 }] },
        },
      },
      field: 'bonuses.earlyCompletion.bands.0.atLeast',
    },
    { change: { grades: { excellent: 70, good: 80, pass: 60 } }, field: 'grades' },
    { change: { redCardBlocksExcellent: 'yes' }, field: 'redCardBlocksExcellent' },
  ])('refuses a scheme whose $field is wrong, naming the field', ({ change, field }) => {
    const attempt = () => parseScheme({ ...MUNICIPAL_SCHEME, ...change }, 'evaluation.json');

    expect(attempt).toThrow(SchemeError);
    expect(attempt).toThrow(
      new RegExp(`^evaluation.json is not a valid evaluation scheme: .*${field.replace(/\./g, '\\.')}: `),
    );
  });
});
