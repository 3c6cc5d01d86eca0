import {
  ActorRole,
  ActorStep,
  decideActorStep,
  PACE,
  PaceCurve,
  shareActedOn,
  SignalAtHand,
  StepDraws,
} from './actor-step';
import { answerTextsFor, GENERIC_ANSWER } from './answer-texts';

function aSignal(overrides: Partial<SignalAtHand> = {}): SignalAtHand {
  return { ruleId: 'TIME_OVERDUE', level: 'yellow', status: 'open', responseKind: null, ...overrides };
}

function draws(pace: number, choice = 0.5): StepDraws {
  return { pace, choice };
}

describe(decideActorStep.name, () => {
  it.each<[string, ActorRole, SignalAtHand, number, StepDraws, ActorStep | null]>([
    [
      'an officer signs for an old open card',
      'officer',
      aSignal({ level: 'red', ruleId: 'TIME_OVERDUE_RED' }),
      5,
      draws(0.5),
      { action: 'acknowledge', text: '已签收，正在核查' },
    ],
    ['an officer leaves a card of the last hour open', 'officer', aSignal(), 0.04, draws(0.1), null],
    ['a late draw waits even when the signal is a day old', 'officer', aSignal(), 1, draws(0.9), null],
    [
      'an officer explains a time-limit card',
      'officer',
      aSignal({ status: 'acknowledged' }),
      3,
      draws(0.2, 0.9),
      { action: 'respond', responseKind: 'explanation', text: '因材料补正延误，已督促经办人加快办理' },
    ],
    [
      'an officer corrects a fee card',
      'officer',
      aSignal({ status: 'acknowledged', ruleId: 'FEE_OVER_STANDARD', level: 'red' }),
      3,
      draws(0.2, 0.1),
      { action: 'respond', responseKind: 'correction', text: '已退还多收费用并整改收费流程' },
    ],
    [
      'an officer answers an unknown rule with the generic text',
      'officer',
      aSignal({ status: 'acknowledged', ruleId: 'SOME_NEW_RULE' }),
      3,
      draws(0.2, 0.99),
      { action: 'respond', responseKind: 'explanation', text: GENERIC_ANSWER.explanation },
    ],
    [
      'an officer waits for the supervisor once answered',
      'officer',
      aSignal({ status: 'responded' }),
      9,
      draws(0),
      null,
    ],
    [
      'an officer does nothing with a closed signal',
      'officer',
      aSignal({ status: 'closed' }),
      9,
      draws(0),
      null,
    ],
    [
      'a warning is signed for less often than a card of the same age',
      'officer',
      aSignal({ level: 'warning', ruleId: 'TIME_WARNING' }),
      5,
      draws(0.8),
      null,
    ],
    [
      'the supervisor accepts most corrections',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'correction' }),
      4,
      draws(0.3, 0.1),
      { action: 'close', verdict: 'corrected', text: '整改到位，同意销号' },
    ],
    [
      'the supervisor confirms the violation behind a few corrections',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'correction' }),
      4,
      draws(0.3, 0.95),
      { action: 'close', verdict: 'violation_confirmed', text: '说明理由不成立，确认违规，纳入绩效考核' },
    ],
    [
      'the supervisor accepts an explanation as justified',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'explanation' }),
      4,
      draws(0.3, 0.2),
      { action: 'close', verdict: 'justified', text: '情况说明理由成立，予以销号' },
    ],
    [
      'the supervisor rejects some explanations as violations',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'explanation', level: 'red' }),
      4,
      draws(0.3, 0.9),
      { action: 'close', verdict: 'violation_confirmed', text: '说明理由不成立，确认违规，纳入绩效考核' },
    ],
    [
      'an explained warning is always justified',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'explanation', level: 'warning' }),
      4,
      draws(0.3, 0.99),
      { action: 'close', verdict: 'justified', text: '情况说明理由成立，予以销号' },
    ],
    [
      'the supervisor leaves a fresh answer for later',
      'supervisor',
      aSignal({ status: 'responded', responseKind: 'explanation' }),
      0.2,
      draws(0.3),
      null,
    ],
    [
      'the supervisor confirms a red card left unanswered long past its deadline',
      'supervisor',
      aSignal({ level: 'red' }),
      8,
      draws(0.1),
      { action: 'close', verdict: 'violation_confirmed', text: '逾期未作说明，确认违规，纳入绩效考核' },
    ],
    [
      'the supervisor confirms a signed-for but unanswered yellow card',
      'supervisor',
      aSignal({ status: 'acknowledged' }),
      8,
      draws(0.1),
      { action: 'close', verdict: 'violation_confirmed', text: '逾期未作说明，确认违规，纳入绩效考核' },
    ],
    [
      'the supervisor waits for the deadline before confirming',
      'supervisor',
      aSignal({ level: 'red' }),
      2,
      draws(0),
      null,
    ],
    [
      'nobody confirms an unanswered warning',
      'supervisor',
      aSignal({ level: 'warning' }),
      20,
      draws(0),
      null,
    ],
  ])('%s', (_case, role, signal, age, given, expected) => {
    expect(decideActorStep(role, signal, age, given)).toEqual(expected);
  });

  it.each(Object.entries(PACE))('acts on more %s signals the older they are', (_step, curve: PaceCurve) => {
    const ages = [0, 0.05, 0.25, 0.5, 1, 2, 3, 5, 8, 12, 30];
    const shares = ages.map((age) => shareActedOn(curve, age));

    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.every((share) => share >= 0 && share < 1)).toBe(true);
  });

  it('answers most signals older than two working days and few of the last hours', () => {
    const answered = (age: number) => shareActedOn(PACE.acknowledge, age) * shareActedOn(PACE.respond, age);

    expect(answered(2.5)).toBeGreaterThan(0.7);
    expect(answered(0.1)).toBeLessThan(0.01);
    expect(shareActedOn(PACE.acknowledge, 0.1)).toBeLessThan(0.1);
  });
});

describe(answerTextsFor.name, () => {
  it.each([
    ['TIME_OVERDUE_RED', '因材料补正延误，已督促经办人加快办理'],
    ['ACCEPTANCE_OVERDUE', '因材料补正延误，已督促经办人加快办理'],
    ['FEE_NOT_IN_CATALOG', '经核实系收费数据录入错误，实际收费符合标准，已更正上报数据'],
    ['PAYEE_NOT_TREASURY', '经核实系收费数据录入错误，实际收费符合标准，已更正上报数据'],
    ['PENALTY_OUT_OF_TIER', '案情特殊，经案审委员会集体讨论确定处罚金额，裁量理由已附卷'],
    ['UNKNOWN_RULE', GENERIC_ANSWER.explanation],
    ['TIME', GENERIC_ANSWER.explanation],
  ])('answers %s with its family’s text', (ruleId, explanation) => {
    expect(answerTextsFor(ruleId).explanation).toBe(explanation);
  });
});
