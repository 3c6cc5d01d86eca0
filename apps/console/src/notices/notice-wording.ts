// The words of a printed notice, apart from where they go on the page: the title, the document
// number, the addressee, the body (the facts, the rule and its legal basis, the request) and the
// signature, for a 督办通知书 (yellow card) or a 监察建议书 (red card).
import { NOTICE_TITLES, noticeDocumentNumber, type NoticeDocument } from './notice-document';

export interface NoticeParagraph {
  text: string;
  /** A first-level heading (一、基本情况): set in the bold face. */
  heading?: boolean;
}

export interface NoticeWording {
  /** 督办通知书 / 监察建议书 */
  title: string;
  /** 督办〔2026〕第 12 号 */
  documentNumber: string;
  /** 市场监督管理局： */
  addressee: string;
  body: NoticeParagraph[];
  /** The office and the date (2026年5月1日) signed under the body. */
  signature: { office: string; date: string };
  /** The imprint (版记) at the foot of the last page: who issued it and when, and the verify hint. */
  imprint: { office: string; issued: string; verifyHint: string };
}

/** 2026-05-01 → 2026年5月1日, as GB/T 9704 writes the date a document is issued. */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`a notice date is YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

function basisSentence(doc: NoticeDocument): string {
  const basis = doc.legalBasis.map((entry) => entry.trim()).filter(Boolean);
  const rule = `上述情形属于电子监察规则认定的“${doc.ruleTitle}”`;
  if (basis.length === 0) return `${rule}，不符合行政审批和公共服务的有关规定。`;
  return `${rule}，不符合${basis.join('、')}的规定。`;
}

function requestParagraphs(doc: NoticeDocument): NoticeParagraph[] {
  const by = doc.responseDueAt === null ? '及时' : `于 ${doc.responseDueAt} 前`;
  if (doc.kind === 'supervision') {
    return [
      { text: '三、督办要求', heading: true },
      {
        text:
          `请你单位高度重视，立即核查。请${by}通过电子监察平台签收并书面说明情况；确属违规的，立即纠正并报送整改结果。` +
          '逾期未签收或未说明情况的，本中心将按规定升级督办。',
      },
      { text: '特此通知。' },
    ];
  }
  return [
    { text: '三、监察建议', heading: true },
    { text: '（一）立即纠正上述问题，依法依规办结该事项，防止同类问题再次发生。' },
    { text: '（二）查明问题原因，依照有关规定追究相关人员责任。' },
    { text: '（三）举一反三，排查同类事项的办理情况，健全内部监督管理制度。' },
    { text: `请${by}通过电子监察平台签收并报送整改结果。` },
  ];
}

/** The words of the notice `doc`. Throws a RangeError when issuedAt is not YYYY-MM-DD. */
export function noticeWording(doc: NoticeDocument): NoticeWording {
  const issued = chineseDate(doc.issuedAt);
  const facts = doc.facts
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    title: NOTICE_TITLES[doc.kind],
    documentNumber: noticeDocumentNumber(doc),
    addressee: `${doc.departmentName}：`,
    body: [
      {
        text:
          `电子监察平台在实时监察中发现，你单位办理的“${doc.itemName}”事项存在${doc.ruleTitle}问题，` +
          `已触发${doc.levelName}预警。现将有关情况${doc.kind === 'supervision' ? '通知' : '和监察建议'}如下：`,
      },
      { text: '一、基本情况', heading: true },
      { text: `案件编号：${doc.caseId}` },
      { text: `监察事项：${doc.itemName}` },
      // a line of its own, so that the code is never broken at a hyphen
      { text: `事项编码：${doc.itemCode}` },
      { text: `发现时间：${doc.raisedAt}` },
      { text: `问题情形：${doc.ruleTitle}（${doc.levelName}）` },
      ...facts.map((line, index) => ({ text: index === 0 ? `事实描述：${line}` : line })),
      { text: '二、认定依据', heading: true },
      { text: basisSentence(doc) },
      ...requestParagraphs(doc),
    ],
    signature: { office: doc.officeName, date: issued },
    imprint: { office: doc.officeName, issued: `${issued}印发`, verifyHint: doc.verifyHint },
  };
}
