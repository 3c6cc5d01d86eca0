import { emptyFacts, type Facts, type FactsRow, type SignalTally } from '../facts';

type FactsOverrides = Partial<Omit<Facts, 'signals' | 'notices' | 'lateReports' | 'sequenceErrors'>> & {
  warning?: Partial<SignalTally>;
  yellow?: Partial<SignalTally>;
  red?: Partial<SignalTally>;
  lateReports?: Partial<SignalTally>;
  sequenceErrors?: Partial<SignalTally>;
  notices?: Partial<Facts['notices']>;
};

const aTally = (t: Partial<SignalTally> = {}): SignalTally => ({ raised: 0, justified: 0, ...t });

/** A department's facts of a month; everything 0 unless given. */
export function someFacts(overrides: FactsOverrides = {}): Facts {
  const { warning, yellow, red, lateReports, sequenceErrors, notices, ...counts } = overrides;
  const base = emptyFacts();
  return {
    ...base,
    ...counts,
    signals: { warning: aTally(warning), yellow: aTally(yellow), red: aTally(red) },
    lateReports: aTally(lateReports),
    sequenceErrors: aTally(sequenceErrors),
    notices: { ...base.notices, ...notices },
  };
}

export function aFactsRow(overrides: Partial<Omit<FactsRow, 'facts'>> & { facts?: Facts } = {}): FactsRow {
  return { departmentId: 'scjgj', itemCode: 'XK-1', month: '2026-03', facts: someFacts(), ...overrides };
}
