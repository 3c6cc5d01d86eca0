/** A signal change as the wall receives it (about 700 bytes of JSON), numbered by run and sequence. */
export function fanoutPayload(run: number, seq: number) {
  return {
    kind: 'raised',
    run,
    sequence: seq,
    signal: {
      alertKey: `XK-20260302-bnch-0000123|TIME_OVERDUE|`,
      caseId: 'XK-20260302-bnch-0000123',
      itemCode: 'XK-001',
      departmentId: 'D-01',
      ruleId: 'TIME_OVERDUE',
      stage: 'processing',
      level: 'red',
      raisedAt: '2026-11-26T09:30:00.000+08:00',
      triggeredBy: 'timer',
      message: '办件超过法定办结期限仍未办结 (the case passed its legal deadline without completion)',
      details: {
        legalDeadline: '2026-11-26T09:30:00.000+08:00',
        promisedDeadline: '2026-11-20T17:30:00.000+08:00',
        workingDaysOver: 0,
        phase: 'accepted',
        legalBasis: ['《行政许可法》第四十二条', '《优化营商环境条例》第三十九条'],
      },
    },
  };
}
