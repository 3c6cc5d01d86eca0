import { Random } from './random';

/** Names and texts that make the simulated traffic read like a Chinese city's. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰梅俊峰波宇浩然欣怡子涵雨萱梓轩晨阳思远佳琪嘉怡文博一鸣';
const BRANDS = [
  '鑫源',
  '恒达',
  '华盛',
  '金鼎',
  '瑞丰',
  '宏远',
  '新世纪',
  '佳和',
  '博雅',
  '安泰',
  '德润',
  '顺通',
  '汇丰源',
  '绿洲',
  '东方',
  '明珠',
  '锦程',
  '天成',
];
const TRADES = [
  '餐饮管理',
  '食品',
  '建设工程',
  '房地产开发',
  '物流',
  '运输',
  '医疗',
  '环保科技',
  '人力资源',
  '广告传媒',
  '教育咨询',
  '石油化工',
  '商贸',
  '酒店管理',
  '制药',
];

export function personName(random: Random): string {
  const given = random.chance(0.7) ? 2 : 1;
  let name = random.pick([...SURNAMES]);
  for (let index = 0; index < given; index += 1) name += random.pick([...GIVEN]);
  return name;
}

export function organizationName(random: Random): string {
  const form = random.weighted([
    ['有限公司', 8],
    ['有限责任公司', 3],
    ['股份有限公司', 1],
  ] as const);
  return `示范市${random.pick(BRANDS)}${random.pick(TRADES)}${form}`;
}

export const REFUSAL_REASONS = [
  {
    reason: '申请事项依法不属于本行政机关职权范围',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
  },
  {
    reason: '申请事项依法不需要取得行政许可',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
  },
  {
    reason: '申请人逾期未补正全部申请材料',
    legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（四）项',
  },
] as const;

export const DENIAL_REASONS = [
  {
    reason: '经审查，申请人不符合法定条件、标准',
    legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
  },
  { reason: '现场核查不符合许可条件', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' },
  { reason: '申请材料存在虚假内容', legalBasis: '《中华人民共和国行政许可法》第七十八条' },
] as const;

export const EXTENSION_REASONS = [
  '案情复杂，二十日内不能作出决定，经本行政机关负责人批准延长',
  '需组织专家论证，经本行政机关负责人批准延长十日',
] as const;

export const DECISION_REASONS = [
  '违法事实清楚，证据确凿，适用依据正确，程序合法',
  '当事人有从轻情节，依法从轻处罚',
  '当事人拒不改正，依法从重处罚',
] as const;

export const PRAISE = ['办事效率高', '工作人员服务热情', '一次办好，很方便', '流程清楚', ''] as const;
export const COMPLAINTS = [
  '办理时间太长',
  '多次跑腿，材料要求不一次说清',
  '工作人员态度差',
  '网上办理系统经常出错',
] as const;

export const SUSPENSION_NOTES: Record<string, string> = {
  hearing: '当事人申请听证',
  inspection: '委托检验检测',
  expert_review: '组织专家评审',
  public_notice: '依法公示',
  on_site_survey: '现场勘查',
  other: '其他特别程序',
};
