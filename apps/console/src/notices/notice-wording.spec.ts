import { type NoticeDocument } from './notice-document';
import { chineseDate, noticeWording } from './notice-wording';

const DOC: NoticeDocument = {
  kind: 'supervision',
  officeName: '市行政效能电子监察中心',
  numberText: '〔2026〕第 3 号',
  departmentName: '市场监督管理局',
  caseId: 'C-1',
  itemCode: 'X-1',
  itemName: '食品经营许可',
  ruleTitle: '擅自收费',
  levelName: '黄牌',
  facts: '第一段事实\r\n\n  第二段事实  ',
  raisedAt: '2026-04-28 09:15',
  legalBasis: ['《中华人民共和国行政许可法》第五十八条'],
  responseDueAt: '2026-05-08',
  issuedAt: '2026-04-09',
  verifyHint: 'N-1',
};

const texts = (doc: NoticeDocument) => noticeWording(doc).body.map((paragraph) => paragraph.text);

describe('chineseDate', () => {
  it('writes YYYY-MM-DD as GB/T 9704 does, without leading zeros', () => {
    expect(chineseDate('2026-04-09')).toBe('2026年4月9日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });

  it.each(['2026-4-9', '2026/04/09', '', '2026-04-09 10:00'])('refuses %j', (date) => {
    expect(() => chineseDate(date)).toThrow(RangeError);
  });
});

describe('noticeWording', () => {
  it('titles, numbers and addresses a 督办通知书, signed and dated by the office', () => {
    const words = noticeWording(DOC);
    expect(words.title).toBe('督办通知书');
    expect(words.documentNumber).toBe('督办〔2026〕第 3 号');
    expect(words.addressee).toBe('市场监督管理局：');
    expect(words.signature).toEqual({ office: '市行政效能电子监察中心', date: '2026年4月9日' });
    expect(words.imprint).toEqual({
      office: '市行政效能电子监察中心',
      issued: '2026年4月9日印发',
      verifyHint: 'N-1',
    });
    expect(words.body.filter((paragraph) => paragraph.heading).map((paragraph) => paragraph.text)).toEqual([
      '一、基本情况',
      '二、认定依据',
      '三、督办要求',
    ]);
  });

  it('gives each line of the facts a paragraph, the first one labelled', () => {
    expect(texts(DOC)).toEqual(expect.arrayContaining(['事实描述：第一段事实', '第二段事实']));
  });

  it('cites the legal basis, or the regulations in general when there is none', () => {
    expect(texts(DOC)).toContain(
      '上述情形属于电子监察规则认定的“擅自收费”，不符合《中华人民共和国行政许可法》第五十八条的规定。',
    );
    expect(texts({ ...DOC, legalBasis: [' '] })).toContain(
      '上述情形属于电子监察规则认定的“擅自收费”，不符合行政审批和公共服务的有关规定。',
    );
  });

  it('asks a 监察建议书 for the result of the correction by the deadline', () => {
    const words = noticeWording({ ...DOC, kind: 'recommendation' });
    expect(words.title).toBe('监察建议书');
    expect(words.documentNumber).toBe('监建〔2026〕第 3 号');
    expect(texts({ ...DOC, kind: 'recommendation' })).toContain(
      '请于 2026-05-08 前通过电子监察平台签收并报送整改结果。',
    );
    expect(texts({ ...DOC, kind: 'recommendation', responseDueAt: null })).toContain(
      '请及时通过电子监察平台签收并报送整改结果。',
    );
  });
});
