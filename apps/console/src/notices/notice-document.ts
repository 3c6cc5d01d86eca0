// What a printed notice says: the input of the PDF renderer, and the per-kind title and document
// number prefix. A yellow card issues a 督办通知书 numbered 督办〔2026〕第 12 号; a red card a 监察建议书
// numbered 监建〔2026〕第 12 号.

export type NoticeKind = 'supervision' | 'recommendation';

export interface NoticeDocument {
  /** supervision: 督办通知书 (yellow card); recommendation: 监察建议书 (red card). */
  kind: NoticeKind;
  /** The issuing office, printed as the red header (红头) and the signature: 市行政效能电子监察中心. */
  officeName: string;
  /** From noticeNumberText: 〔2026〕第 12 号; printed after the kind's prefix (NOTICE_NUMBER_PREFIXES). */
  numberText: string;
  /** The addressee (主送机关): 市场监督管理局. */
  departmentName: string;
  caseId: string;
  itemCode: string;
  itemName: string;
  /** The rule broken: 擅自收费. */
  ruleTitle: string;
  /** 红牌 / 黄牌. */
  levelName: string;
  /** The case facts (the signal's message); line breaks start new paragraphs. */
  facts: string;
  /** YYYY-MM-DD HH:mm */
  raisedAt: string;
  /** 《中华人民共和国行政许可法》第五十八条, … */
  legalBasis: string[];
  /** YYYY-MM-DD: the deadline to answer; null when none is set. */
  responseDueAt: string | null;
  /** YYYY-MM-DD */
  issuedAt: string;
  /** A short line at the foot of the last page: the case link or the notice id. */
  verifyHint: string;
}

export const NOTICE_TITLES: Readonly<Record<NoticeKind, string>> = {
  supervision: '督办通知书',
  recommendation: '监察建议书',
};

/** The document number's prefix (发文字号的机关代字): 督办 for a 督办通知书, 监建 for a 监察建议书. */
export const NOTICE_NUMBER_PREFIXES: Readonly<Record<NoticeKind, string>> = {
  supervision: '督办',
  recommendation: '监建',
};

/** The document number as printed under the header: 督办〔2026〕第 12 号. */
export function noticeDocumentNumber(doc: Pick<NoticeDocument, 'kind' | 'numberText'>): string {
  return `${NOTICE_NUMBER_PREFIXES[doc.kind]}${doc.numberText}`;
}
