import type { WallChange } from '@app/contracts';

/** A `raised` change of a yellow TIME_OVERDUE signal of case `C-<sequence>`, for the wall's specs. */
export function wallChange(sequence: number, departmentId: string): WallChange {
  return {
    sequence,
    kind: 'raised',
    signal: {
      alertKey: `C-${sequence}|TIME_OVERDUE|`,
      caseId: `C-${sequence}`,
      itemCode: 'XK-001',
      departmentId,
      ruleId: 'TIME_OVERDUE',
      stage: 'during',
      level: 'yellow',
      raisedAt: '2026-10-08T16:00:00.000Z',
      triggeredBy: 'timer',
      message: '…',
    },
  };
}
