import type { CaseKind, Irregularity } from './irregularities/irregularity';
import { IRREGULARITY_FILES } from './irregularity-files.generated';

export * from './irregularities/irregularity';

/** Where an irregularity stands in the registry: licensing cases only, penalty cases only, both. */
function groupOf(irregularity: Pick<Irregularity, 'caseKinds'>): 0 | 1 | 2 {
  const licensing = irregularity.caseKinds.includes('licensing');
  const penalty = irregularity.caseKinds.includes('penalty');
  return licensing && penalty ? 2 : penalty ? 1 : 0;
}

/**
 * The irregularities the simulator injects, one file each in `irregularities/`, named after the
 * rule of `docs/rules.md` that must fire for them; adding the file registers it
 * (`irregularity-files.generated.ts`, written by `scripts/generate-registries.cjs`). A case
 * carries at most one; it may raise other signals as a consequence (a late supplement request is
 * also an overdue acceptance).
 *
 * The order is part of the seeded output: a random irregular case draws its kind from this list
 * (those that fit its case kind). It is a rule, not a hand-kept list: by group (licensing only,
 * penalty only, both: `groupOf`), then by kind, in code-unit order. A new irregularity therefore
 * moves the draws of the cases it fits, and the seeded traffic with it; tests must not hard-code
 * figures of that traffic.
 */
export const IRREGULARITIES: readonly (typeof IRREGULARITY_FILES)[number][] = [...IRREGULARITY_FILES].sort(
  (a, b) => groupOf(a) - groupOf(b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
);

export type IrregularityKind = (typeof IRREGULARITIES)[number]['kind'];

export const IRREGULARITY_KINDS: readonly IrregularityKind[] = IRREGULARITIES.map(
  (irregularity) => irregularity.kind,
);

const BY_KIND = new Map<string, Irregularity>(
  IRREGULARITIES.map((irregularity) => [irregularity.kind, irregularity]),
);

/** The irregularity of a kind: what it needs and its hooks. */
export function irregularityOf(kind: IrregularityKind): Irregularity {
  return BY_KIND.get(kind) as Irregularity;
}

export function isIrregularityKind(value: string): value is IrregularityKind {
  return BY_KIND.has(value);
}

function kindsWhere(test: (caseKinds: readonly CaseKind[]) => boolean): readonly IrregularityKind[] {
  return IRREGULARITIES.filter((irregularity) => test(irregularity.caseKinds)).map(
    (irregularity) => irregularity.kind,
  );
}

const FOR_CASE_KIND: Record<CaseKind, readonly IrregularityKind[]> = {
  licensing: kindsWhere((caseKinds) => caseKinds.includes('licensing')),
  penalty: kindsWhere((caseKinds) => caseKinds.includes('penalty')),
};

/** The irregularities that fit cases of a kind, in the registry's order. */
export function irregularitiesFor(kind: CaseKind): readonly IrregularityKind[] {
  return FOR_CASE_KIND[kind];
}

export const LICENSING_IRREGULARITIES = kindsWhere((caseKinds) => !caseKinds.includes('penalty'));
export const PENALTY_IRREGULARITIES = kindsWhere((caseKinds) => !caseKinds.includes('licensing'));
/** Irregularities that fit licensing and penalty cases alike. */
export const COMMON_IRREGULARITIES = kindsWhere((caseKinds) => caseKinds.length > 1);

/**
 * The irregularities whose rule judges an event by itself, not days elapsed against the calendar:
 * they still fire when a case's life is compressed into minutes (`TimeCompression`). The others
 * need real working days to pass, and the demo's history brings them.
 */
export const COMPRESSIBLE_IRREGULARITIES: readonly IrregularityKind[] = IRREGULARITIES.filter(
  (irregularity) => irregularity.compressible,
).map((irregularity) => irregularity.kind);
