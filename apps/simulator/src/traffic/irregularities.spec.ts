import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { IRREGULARITIES, IRREGULARITY_KINDS, irregularitiesFor } from './irregularities';
import type { Irregularity } from './irregularities/irregularity';

const DIR = path.join(__dirname, 'irregularities');
const RULES_DIR = path.resolve(__dirname, '../../../../libs/rules/src/rules');
const NOT_IRREGULARITIES = ['irregularity.ts', 'shared.ts'];
const files = readdirSync(DIR).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && !NOT_IRREGULARITIES.includes(name),
);

function isIrregularity(value: unknown): value is Irregularity {
  return typeof value === 'object' && value !== null && 'kind' in value && 'caseKinds' in value;
}

describe('the irregularities', () => {
  it.each(files)('%s declares one registered irregularity, named after its rule file', async (file) => {
    const exported = Object.values((await import(path.join(DIR, file))) as Record<string, unknown>);
    const declared = exported.filter(isIrregularity);
    const kebab = file.replace(/\.ts$/, '');

    expect(declared.map((irregularity) => irregularity.kind.toLowerCase().replaceAll('_', '-'))).toEqual([
      kebab,
    ]);
    expect(IRREGULARITIES).toContain(declared[0]);
    expect(existsSync(path.join(RULES_DIR, `${kebab}.rule.ts`))).toBe(true);
  });

  it('registers each file once', () => {
    expect(new Set(IRREGULARITY_KINDS).size).toBe(IRREGULARITY_KINDS.length);
    expect(IRREGULARITIES).toHaveLength(files.length);
  });

  it('orders them by group (licensing only, penalty only, both), then by kind: the seeded draws follow it', () => {
    const groups = IRREGULARITIES.map((irregularity) =>
      irregularity.caseKinds.length > 1 ? 2 : irregularity.caseKinds[0] === 'penalty' ? 1 : 0,
    );
    const byKind = (group: number) =>
      IRREGULARITY_KINDS.filter((_, position) => groups[position] === group).sort((a, b) => (a < b ? -1 : 1));

    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(IRREGULARITY_KINDS).toEqual([...byKind(0), ...byKind(1), ...byKind(2)]);
    for (const kind of ['licensing', 'penalty'] as const)
      expect(irregularitiesFor(kind)).toEqual(
        IRREGULARITIES.filter((irregularity) => irregularity.caseKinds.includes(kind)).map(
          (irregularity) => irregularity.kind,
        ),
      );
  });
});
