import type { Verdict } from '@app/rules';

/** What a department writes when it answers signals of some rules. */
export interface AnswerTexts {
  /** The rules it answers: exact rule ids, or prefixes ending in `_` (`FEE_`). */
  rules: readonly string[];
  /** 情况说明: why it happened and why it was in order. */
  explanation: string;
  /** 整改: what was put right. */
  correction: string;
  /** The share of answers that are 整改 rather than 情况说明. */
  correctionShare: number;
}

/** Answers by rule family, first match wins; `GENERIC_ANSWER` for any other rule. */
export const ANSWER_TEXTS: readonly AnswerTexts[] = [
  {
    rules: ['TIME_', 'STEP_OVERDUE', 'ACCEPTANCE_OVERDUE', 'DELIVERY_OVERDUE'],
    explanation: '因材料补正延误，已督促经办人加快办理',
    correction: '已督促经办人加快办理，办件已办结，并在系统中增设到期提醒',
    correctionShare: 0.4,
  },
  {
    rules: ['SUSPENSION_', 'EXTENSION_IRREGULAR'],
    explanation: '因需现场核查和专家评审，延期及特别程序经分管领导批准，审批材料已补充上传',
    correction: '已恢复计时并补办延期审批手续，规范特别程序的启动条件',
    correctionShare: 0.5,
  },
  {
    rules: ['SUPPLEMENT_'],
    explanation: '申请人补交材料仍不符合要求，已一次性书面告知全部补正内容',
    correction: '已落实一次性告知制度，补正告知统一在申请提交后5个工作日内发出',
    correctionShare: 0.6,
  },
  {
    rules: ['FEE_', 'PAYEE_NOT_TREASURY'],
    explanation: '经核实系收费数据录入错误，实际收费符合标准，已更正上报数据',
    correction: '已退还多收费用并整改收费流程',
    correctionShare: 0.75,
  },
  {
    rules: ['HEARING_NOT_NOTIFIED'],
    explanation: '当事人已当场书面放弃听证权利，相关文书已补充上传',
    correction: '已撤销原处罚决定，重新告知听证权利后依法处理',
    correctionShare: 0.7,
  },
  {
    rules: ['PENALTY_', 'FINE_OVERPAID'],
    explanation: '案情特殊，经案审委员会集体讨论确定处罚金额，裁量理由已附卷',
    correction: '已重新审查裁量阶次，依法变更处罚决定并退还多缴罚款',
    correctionShare: 0.5,
  },
  {
    rules: ['REFUSAL_', 'DENIAL_WITHOUT_REASON'],
    explanation: '申请不符合法定条件，不予受理（许可）的理由和依据已当面告知申请人',
    correction: '已向申请人补发载明理由和法律依据的书面决定',
    correctionShare: 0.6,
  },
  {
    rules: ['DATA_'],
    explanation: '业务系统接口故障导致数据迟报，故障已排除',
    correction: '已补报数据并整改接口上报机制，数据改为实时推送',
    correctionShare: 0.5,
  },
  {
    rules: ['EVALUATION_DISSATISFIED'],
    explanation: '已回访办事群众，系对政策规定不理解，已耐心解释',
    correction: '已回访办事群众并改进窗口服务，群众表示认可',
    correctionShare: 0.5,
  },
  {
    rules: ['ITEM_NOT_IN_CATALOG'],
    explanation: '该事项为新设事项，已报请纳入事项目录',
    correction: '已按目录内事项重新受理办理',
    correctionShare: 0.3,
  },
];

/** The answer to a rule no entry names. */
export const GENERIC_ANSWER: AnswerTexts = {
  rules: [],
  explanation: '已核实情况，相关说明及佐证材料已上传',
  correction: '已组织整改，并加强内部审核把关',
  correctionShare: 0.5,
};

/** 签收 text. */
export const ACKNOWLEDGE_TEXT = '已签收，正在核查';

/** 销号 texts: after an answer, by verdict; and for a violation confirmed without an answer. */
export const CLOSE_TEXTS: Readonly<Record<Verdict, string>> & { unanswered: string } = {
  corrected: '整改到位，同意销号',
  justified: '情况说明理由成立，予以销号',
  violation_confirmed: '说明理由不成立，确认违规，纳入绩效考核',
  unanswered: '逾期未作说明，确认违规，纳入绩效考核',
};

function matches(rule: string, ruleId: string): boolean {
  return rule.endsWith('_') ? ruleId.startsWith(rule) : ruleId === rule;
}

/** The answer texts for a rule: its family's, or the generic ones. */
export function answerTextsFor(ruleId: string): AnswerTexts {
  return ANSWER_TEXTS.find((entry) => entry.rules.some((rule) => matches(rule, ruleId))) ?? GENERIC_ANSWER;
}
