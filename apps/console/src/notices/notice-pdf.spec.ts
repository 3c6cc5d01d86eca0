// Renders notices and reads them back with poppler-utils (pdftotext, pdfinfo, pdftoppm); the first
// page of the sample is left at $TMPDIR/notice-sample.png to look at.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type NoticeDocument } from './notice-document';
import { findNoticeFonts, type NoticeFonts } from './notice-fonts';
import { noticeNumberText } from './notice-number';
import { renderNoticePdf } from './notice-pdf';

jest.setTimeout(60_000);

const SAMPLE: NoticeDocument = {
  kind: 'supervision',
  officeName: '市行政效能电子监察中心',
  numberText: noticeNumberText(2026, 12),
  departmentName: '市场监督管理局',
  caseId: 'CASE-2026-000123',
  itemCode: '330100-XK-0042',
  itemName: '食品经营许可（新办）',
  ruleTitle: '擅自收费',
  levelName: '黄牌',
  facts:
    '申请人于 2026-04-27 提交食品经营许可申请，窗口在受理环节收取“材料审查费”200 元，' +
    '该收费项目不在行政事业性收费目录清单内。',
  raisedAt: '2026-04-28 09:15',
  legalBasis: ['《中华人民共和国行政许可法》第五十八条', '《行政事业性收费标准管理办法》第十九条'],
  responseDueAt: '2026-05-08',
  issuedAt: '2026-04-29',
  verifyHint: 'https://jiancha.example.gov.cn/cases/CASE-2026-000123  通知书编号 DB-2026-0012',
};

const INSTALL = 'run `node scripts/ensure-deps.mjs --browser`';

/** Runs a poppler-utils tool; a missing tool fails the test, naming the command that installs it. */
function poppler(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`${tool} (Debian package poppler-utils) is not on PATH: ${INSTALL}`);
  }
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function fonts(): NoticeFonts {
  try {
    return findNoticeFonts({});
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${INSTALL}`, { cause: error });
  }
}

/** Whitespace taken out: pdftotext -layout breaks and pads lines where the PDF does. */
const compact = (text: string) => text.replace(/\s+/g, '');

describe('renderNoticePdf', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'notice-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function render(name: string, doc: NoticeDocument): Promise<{ file: string; pdf: Buffer }> {
    const pdf = await renderNoticePdf(doc, fonts());
    const file = path.join(directory, `${name}.pdf`);
    writeFileSync(file, pdf);
    return { file, pdf };
  }

  /** The text of `file` (of some pages with -f / -l), without the page numbers (— 1 —). */
  const text = (file: string, ...pages: string[]) =>
    poppler('pdftotext', ['-layout', ...pages, file, '-']).replace(/^\s*—\s*\d+\s*—\s*$/gm, '');
  const info = (file: string) => poppler('pdfinfo', [file]);

  it('prints a 督办通知书 on A4: number, addressee, title, case, legal basis and deadline', async () => {
    const { file, pdf } = await render('supervision', SAMPLE);
    // the first page as a picture, to look at (made first: it helps most when a check below fails)
    const sample = path.join(os.tmpdir(), 'notice-sample');
    poppler('pdftoppm', ['-png', '-r', '80', '-singlefile', file, sample]);
    expect(statSync(`${sample}.png`).size).toBeGreaterThan(10_000);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const printed = text(file);
    expect(printed).toContain('市行政效能电子监察中心');
    expect(printed).toContain('督办〔2026〕第 12 号');
    expect(printed).toContain('督办通知书');
    expect(printed).toContain('市场监督管理局：');
    expect(printed).toContain('案件编号：CASE-2026-000123');
    expect(printed).toContain('事项编码：330100-XK-0042');
    expect(printed).toContain('发现时间：2026-04-28 09:15');
    for (const basis of SAMPLE.legalBasis) expect(compact(printed)).toContain(basis);
    expect(compact(printed)).toContain('请于2026-05-08前通过电子监察平台签收并书面说明情况');
    expect(printed).toContain('2026年4月29日');
    expect(compact(printed)).toContain(compact(SAMPLE.verifyHint));

    const described = info(file);
    expect(described).toContain('Page size:       595.28 x 841.89 pts (A4)');
    expect(described).toMatch(/^Title: +督办通知书 〔2026〕第 12 号$/m);
  });

  it('prints a 监察建议书 for a red card, numbered 监建', async () => {
    const { file } = await render('recommendation', {
      ...SAMPLE,
      kind: 'recommendation',
      levelName: '红牌',
      responseDueAt: '2026-05-13',
    });
    const printed = text(file);
    expect(printed).toContain('监建〔2026〕第 12 号');
    expect(printed).toContain('监察建议书');
    expect(printed).not.toContain('督办通知书');
    expect(compact(printed)).toContain('请于2026-05-13前通过电子监察平台签收并报送整改结果');
    expect(info(file)).toMatch(/^Title: +监察建议书 〔2026〕第 12 号$/m);
  });

  it('asks for an answer without a date when there is no deadline', async () => {
    const { file } = await render('no-deadline', { ...SAMPLE, responseDueAt: null });
    expect(compact(text(file))).toContain('请及时通过电子监察平台签收并书面说明情况');
  });

  it('flows long facts onto a second page rather than cutting them', async () => {
    const sentence = '经核查，该窗口在受理环节另行收取材料审查费，且未出具财政票据，群众多次投诉。';
    const facts = `${Array.from({ length: 30 }, (_, index) => `${index + 1}. ${sentence}`).join('')}（事实描述完）`;
    const { file } = await render('long', { ...SAMPLE, facts });

    const pages = (file: string) => Number(/^Pages: +(\d+)$/m.exec(info(file))?.[1]);
    expect(pages(file)).toBeGreaterThan(pages((await render('short', SAMPLE)).file));
    expect(compact(text(file))).toContain(compact(facts));
    expect(compact(text(file, '-f', '1', '-l', '1'))).toContain('1.经核查');
    expect(compact(text(file, '-f', '2'))).toContain('（事实描述完）');
    expect(compact(text(file, '-f', '2'))).toContain('请于2026-05-08前通过电子监察平台签收');
  });

  it('renders the same bytes twice (the dates come from issuedAt)', async () => {
    const [first, second] = await Promise.all([
      renderNoticePdf(SAMPLE, fonts()),
      renderNoticePdf(SAMPLE, fonts()),
    ]);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses a font collection without the name of its face', async () => {
    const collection = { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc' };
    await expect(renderNoticePdf(SAMPLE, { regular: collection })).rejects.toThrow('name its face (family)');
  });

  it('names the font it could not load', async () => {
    const missing = { path: path.join(os.tmpdir(), 'no-such-font.ttf') };
    await expect(renderNoticePdf(SAMPLE, { regular: missing })).rejects.toThrow(
      `cannot load the notice font ${missing.path}`,
    );
  });
});
