import type { Fee, PayloadByType } from '@app/contracts';
import { defineEventRule } from '../rule-definition';
import type { RuleContext } from '../rule-context';
import { caseLabel, yuan } from '../wording';

/**
 * The standard amount `unitAmount × quantity` in fen. A fractional quantity may give fractions of
 * a fen; the product is rounded to 1/10000 fen so binary floating point (0.7 × 100) cannot make an
 * exact charge look over or under the standard.
 */
export function standardAmount(unitAmount: number, quantity: number | undefined): number {
  return Math.round(unitAmount * (quantity ?? 1) * 10_000) / 10_000;
}

/** A fee assessment measured against the standard of its fee, with the facts a finding gives. */
export interface StandardCheck {
  readonly fee: Fee;
  readonly amount: number;
  readonly standard: number;
  readonly details: Record<string, unknown>;
}

/**
 * FEE_OVER_STANDARD and FEE_UNDER_STANDARD: the assessment against the standard of its fee; none
 * for a fee not in the catalogue (FEE_NOT_IN_CATALOG's case).
 */
export function againstStandard(
  assessed: PayloadByType['fee.assessed'],
  ctx: RuleContext,
): StandardCheck | undefined {
  const fee = ctx.catalog.fees.get(assessed.feeCode);
  if (!fee) return undefined;
  const { amount, quantity } = assessed;
  const standard = standardAmount(fee.unitAmount, quantity);
  return {
    fee,
    amount,
    standard,
    details: { feeCode: fee.code, amount, standard, unitAmount: fee.unitAmount, quantity: quantity ?? 1 },
  };
}

export const FEE_OVER_STANDARD = defineEventRule({
  id: 'FEE_OVER_STANDARD',
  title: { zh: '超标准收费', en: 'Fee over standard' },
  stage: 'before',
  level: 'red',
  qualifier: 'event',
  excludes: ['FEE_UNDER_STANDARD'],
  description: {
    zh: '核定金额超过收费标准（单价 × 数量），属超标准收费',
    en: 'Assessed amount above the standard (unit amount × quantity)',
  },
  legalBasis: [
    '《中华人民共和国行政许可法》第五十九条',
    '《中华人民共和国价格法》第四十七条',
    '《违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定》（国务院令第281号）',
  ],
  eventTypes: ['fee.assessed'],
  check({ state, event, ctx }) {
    const assessed = againstStandard(event.payload, ctx);
    if (!assessed || assessed.amount <= assessed.standard) return undefined;
    const { fee, amount, standard, details } = assessed;
    return {
      message: `${caseLabel(state)}核定收费 ${fee.name}（${fee.code}）${yuan(amount)}，超过标准 ${yuan(standard)}，属超标准收费`,
      details,
    };
  },
});
