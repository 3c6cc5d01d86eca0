// Lays a notice out as an A4 PDF in the manner of GB/T 9704 (党政机关公文格式): the office's name as the
// red header, the document number over a red rule, the title, the addressee, the body in 三号 type
// at 22 lines a page, the signature and date at the right, the imprint (版记) with the verify hint at
// the foot of the last page, and the page numbers. The words come from ./notice-wording.
import PDFDocument from 'pdfkit';
import { type NoticeDocument } from './notice-document';
import { type NoticeFontFace, type NoticeFonts } from './notice-fonts';
import { noticeWording, type NoticeParagraph, type NoticeWording } from './notice-wording';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
/** GB/T 9704 margins: 天头 37 mm, 订口 28 mm, the type area (版心) 156 × 225 mm. */
const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const A4 = { width: 595.28, height: 841.89 };
const LEFT = MARGINS.left;
const WIDTH = A4.width - MARGINS.left - MARGINS.right;
const RIGHT = LEFT + WIDTH;
const BOTTOM = A4.height - MARGINS.bottom;

/** 三号 body type, 22 lines to the 225 mm type area. */
const BODY_SIZE = 15.75;
const PITCH = (225 * MM) / 22;
/** 二号 title. */
const TITLE_SIZE = 22;
const HEADER_MAX_SIZE = 40;
const HEADER_MIN_SIZE = 26;
/** 四号: the imprint and the page numbers. */
const SMALL_SIZE = 14;
const HINT_SIZE = 10.5;
const RED = '#d7000f';
const BLACK = '#000000';
const GREY = '#555555';

const REGULAR = 'notice-regular';
const BOLD = 'notice-bold';

/** The notice `doc` as a PDF, set in `fonts`. */
export async function renderNoticePdf(doc: NoticeDocument, fonts: NoticeFonts): Promise<Buffer> {
  const words = noticeWording(doc);
  const issued = new Date(`${doc.issuedAt}T00:00:00+08:00`);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { ...MARGINS },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${words.title} ${doc.numberText}`,
      Author: doc.officeName,
      Subject: `${doc.departmentName} ${doc.caseId}`,
      Creator: '电子监察平台',
      Producer: 'PDFKit',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const bytes = collect(pdf);
  loadFont(pdf, REGULAR, fonts.regular);
  loadFont(pdf, BOLD, fonts.bold ?? fonts.regular);

  header(pdf, words);
  title(pdf, words);
  body(pdf, words.body);
  signature(pdf, words);
  imprint(pdf, words);
  pageNumbers(pdf);
  pdf.end();
  return bytes;
}

function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function loadFont(pdf: Pdf, name: string, face: NoticeFontFace): void {
  if (!face.family && /\.(ttc|otc)$/i.test(face.path)) {
    throw new Error(
      `the notice font ${face.path} is a collection: name its face (family), e.g. NotoSerifCJKsc-Regular`,
    );
  }
  try {
    pdf.registerFont(name, face.path, face.family);
    pdf.font(name);
  } catch (error) {
    const which = face.family ? `${face.path} (${face.family})` : face.path;
    throw new Error(`cannot load the notice font ${which}: ${(error as Error).message}`, { cause: error });
  }
}

/** One line of text at (x, y), never wrapped nor carried onto a new page. */
function line(pdf: Pdf, text: string, x: number, y: number): void {
  pdf.text(text, x, y, { lineBreak: false });
}

function centred(pdf: Pdf, text: string, y: number): void {
  line(pdf, text, LEFT + (WIDTH - pdf.widthOfString(text)) / 2, y);
}

function lineGap(pdf: Pdf): number {
  return Math.max(0, PITCH - pdf.currentLineHeight());
}

/** The red header (红头) and, two lines under it, the document number over the red rule. */
function header(pdf: Pdf, words: NoticeWording): void {
  pdf.font(BOLD).fontSize(HEADER_MAX_SIZE);
  const fitted = (HEADER_MAX_SIZE * WIDTH) / pdf.widthOfString(words.signature.office);
  pdf.fontSize(Math.max(HEADER_MIN_SIZE, Math.min(HEADER_MAX_SIZE, Math.floor(fitted * 4) / 4)));
  pdf.fillColor(RED).text(words.signature.office, LEFT, MARGINS.top, { width: WIDTH, align: 'center' });

  const numberTop = pdf.y + PITCH;
  pdf.font(REGULAR).fontSize(BODY_SIZE).fillColor(BLACK);
  centred(pdf, words.documentNumber, numberTop);
  const ruleY = numberTop + BODY_SIZE * 1.15 + 4 * MM;
  pdf.moveTo(LEFT, ruleY).lineTo(RIGHT, ruleY).lineWidth(1.5).strokeColor(RED).stroke();
  pdf.y = ruleY + PITCH;
}

/** The title, a blank line, then the addressee. */
function title(pdf: Pdf, words: NoticeWording): void {
  pdf.font(BOLD).fontSize(TITLE_SIZE).fillColor(BLACK);
  pdf.text(words.title, LEFT, pdf.y, { width: WIDTH, align: 'center', lineGap: lineGap(pdf) });
  pdf.y += PITCH;
  pdf.font(REGULAR).fontSize(BODY_SIZE);
  pdf.text(words.addressee, LEFT, pdf.y, { width: WIDTH, lineGap: lineGap(pdf) });
}

/** The body paragraphs, indented two characters, flowing onto as many pages as they need. */
function body(pdf: Pdf, paragraphs: readonly NoticeParagraph[]): void {
  for (const paragraph of paragraphs) {
    // a heading never ends a page
    if (paragraph.heading && pdf.y + 2 * PITCH > BOTTOM) pdf.addPage();
    pdf
      .font(paragraph.heading ? BOLD : REGULAR)
      .fontSize(BODY_SIZE)
      .fillColor(BLACK);
    pdf.text(paragraph.text, LEFT, pdf.y, { width: WIDTH, indent: 2 * BODY_SIZE, lineGap: lineGap(pdf) });
  }
}

/**
 * A blank line under the body, the office two characters in from the right and the date under
 * it, starting two characters further right (GB/T 9704, a document without a seal).
 */
function signature(pdf: Pdf, words: NoticeWording): void {
  if (pdf.y + 3 * PITCH > BOTTOM) pdf.addPage();
  pdf.font(REGULAR).fontSize(BODY_SIZE).fillColor(BLACK);
  const officeWidth = pdf.widthOfString(words.signature.office);
  const dateWidth = pdf.widthOfString(words.signature.date);
  let officeX = RIGHT - 2 * BODY_SIZE - officeWidth;
  let dateX = officeX + 2 * BODY_SIZE;
  if (dateX + dateWidth > RIGHT - 2 * BODY_SIZE) {
    dateX = RIGHT - 2 * BODY_SIZE - dateWidth;
    officeX = dateX - 2 * BODY_SIZE;
  }
  const top = pdf.y + PITCH;
  line(pdf, words.signature.office, Math.max(LEFT, officeX), top);
  line(pdf, words.signature.date, Math.max(LEFT, dateX), top + PITCH);
  pdf.x = LEFT;
  pdf.y = top + 2 * PITCH;
}

/**
 * The imprint at the foot of the last page's type area, between rules: the office and the date
 * it issued the notice, then the verify hint.
 */
function imprint(pdf: Pdf, words: NoticeWording): void {
  const row = SMALL_SIZE * 2;
  const hintRow = HINT_SIZE * 2.2;
  const top = BOTTOM - row - hintRow;
  if (pdf.y + PITCH / 2 > top) pdf.addPage();
  const rule = (y: number, width: number) =>
    pdf.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(width).strokeColor(BLACK).stroke();
  rule(top, 1);
  pdf.font(REGULAR).fontSize(SMALL_SIZE).fillColor(BLACK);
  const textTop = (rowTop: number, height: number) => rowTop + (height - pdf.currentLineHeight()) / 2;
  line(pdf, words.imprint.office, LEFT + SMALL_SIZE, textTop(top, row));
  const issuedWidth = pdf.widthOfString(words.imprint.issued);
  line(pdf, words.imprint.issued, RIGHT - SMALL_SIZE - issuedWidth, textTop(top, row));
  rule(top + row, 0.7);

  pdf.fontSize(HINT_SIZE);
  const hint = `核验：${words.imprint.verifyHint}`;
  const available = WIDTH - 2 * SMALL_SIZE;
  pdf.fontSize(Math.max(7, Math.min(HINT_SIZE, (HINT_SIZE * available) / pdf.widthOfString(hint))));
  pdf.fillColor(GREY);
  line(pdf, hint, LEFT + SMALL_SIZE, textTop(top + row, hintRow));
  rule(BOTTOM, 1);
  pdf.fillColor(BLACK);
}

/** — 1 — seven millimetres under the type area: odd pages at the right, even pages at the left. */
function pageNumbers(pdf: Pdf): void {
  const { start, count } = pdf.bufferedPageRange();
  pdf.font(REGULAR).fontSize(SMALL_SIZE).fillColor(BLACK);
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    const text = `— ${index + 1} —`;
    const x = (index + 1) % 2 === 1 ? RIGHT - SMALL_SIZE - pdf.widthOfString(text) : LEFT + SMALL_SIZE;
    line(pdf, text, x, BOTTOM + 7 * MM);
  }
}
