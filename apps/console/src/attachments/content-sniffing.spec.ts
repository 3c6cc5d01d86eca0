import {
  checkFile,
  cleanFilename,
  contentDisposition,
  extensionOf,
  sizeText,
  sniffContent,
  zipEntryNames,
} from './content-sniffing';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

const PDF = bytes('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');

/** A zip archive with these (empty, stored) entries and a real central directory. */
function zip(names: string[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

const DOCX = zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
const XLSX = zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);

describe('content sniffing of attachments', () => {
  it.each([
    ['a PDF', PDF, 'pdf'],
    ['a PNG', PNG, 'png'],
    ['a JPEG', JPEG, 'jpeg'],
    ['a Word document', DOCX, 'docx'],
    ['an Excel workbook', XLSX, 'xlsx'],
    ['UTF-8 text with Chinese, tabs and CRLF', Buffer.from('情况说明\t已整改\r\n第二行\n'), 'text'],
  ])('recognises %s by its bytes', (_what, content, kind) => {
    expect(sniffContent(content)).toEqual({ kind });
  });

  it('reads the entry names of a zip from its central directory, past a trailing comment', () => {
    expect(zipEntryNames(zip(['a.txt', '目录/b.xml'], 'comment PK\x05\x06 inside'))).toEqual([
      'a.txt',
      '目录/b.xml',
    ]);
    expect(zipEntryNames(bytes([0x50, 0x4b, 0x03, 0x04], 'truncated'))).toBeNull();
    // a directory pointing past its end is damaged, not trusted
    const broken = zip(['a.txt']);
    broken.writeUInt32LE(9_999, broken.length - 6);
    expect(zipEntryNames(broken)).toBeNull();
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'the file is empty'],
    ['a Windows program', bytes('MZ', [0x90, 0, 3, 0, 0, 0]), 'not an allowed type'],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1, 0]), 'not an allowed type'],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0, 0x80, 0]), 'not an allowed type'],
    [
      'text that is not UTF-8 (GBK)',
      Buffer.from([0xc7, 0xe9, 0xbf, 0xf6, 0xcb, 0xb5, 0xc3, 0xf7]),
      'not an allowed type',
    ],
    ['text with NUL bytes', Buffer.from('abc\u0000def'), 'not an allowed type'],
    ['a plain zip', zip(['a.exe']), 'not a Word or Excel document'],
    [
      'a zip without a directory',
      bytes([0x50, 0x4b, 0x03, 0x04], 'xxxxxxxxxxxxxxxxxxxxxxxxxx'),
      'damaged zip',
    ],
    [
      'a macro-enabled document renamed .docx',
      zip(['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin']),
      'contains macros (word/vbaProject.bin)',
    ],
    [
      'a PDF running JavaScript',
      bytes('%PDF-1.7\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'),
      'active content (/JavaScript)',
    ],
    [
      'a PDF launching a program',
      bytes('%PDF-1.7\n<< /S /Launch /F (cmd.exe) >>'),
      'active content (/Launch)',
    ],
  ])('refuses %s, saying why', (_what, content, problem) => {
    const sniffed = sniffContent(content);
    expect(sniffed).toHaveProperty('problem');
    expect((sniffed as { problem: string }).problem).toContain(problem);
  });

  it('does not take a PDF name that merely starts like an active one for it', () => {
    expect(sniffContent(bytes('%PDF-1.7\n<< /JSON (not script) /Launcher 1 >>'))).toEqual({ kind: 'pdf' });
  });

  it('takes a file whose name agrees with its content', () => {
    expect(checkFile('整改报告.PDF', PDF, 1_000)).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkFile('photo.jpeg', JPEG, 1_000)).toMatchObject({ ok: true, kind: 'jpeg' });
    expect(checkFile('table.csv', Buffer.from('a,b\n1,2\n'), 1_000)).toMatchObject({
      ok: true,
      kind: 'text',
    });
  });

  it.each([
    ['report.pdf', PNG, 1_000, 'the name ends in .pdf but the content is PNG; name it .png'],
    ['invoice.pdf.exe', PDF, 1_000, 'the name ends in .exe but the content is PDF; name it .pdf'],
    ['README', Buffer.from('hello'), 1_000, 'the content is UTF-8 text; the name must end in .txt or .csv'],
    ['big.pdf', PDF, 10, 'the file is larger than the 10 bytes limit'],
  ])('refuses %s, whatever the client claimed', (name, content, maxBytes, reason) => {
    expect(checkFile(name, content, maxBytes)).toEqual({ ok: false, reason });
  });

  it('cleans names of folders and control characters, keeping the ending of a long one', () => {
    expect(cleanFilename('C:\\Users\\me\\情况说明.pdf')).toBe('情况说明.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(cleanFilename('a"b\r\n.txt')).toBe('ab.txt');
    const long = cleanFilename(`${'长'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(extensionOf(long)).toBe('.docx');
  });

  it('always downloads as a file, with the name in ASCII and in full', () => {
    expect(contentDisposition('整改报告 (1).pdf')).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A%20%281%29.pdf`,
    );
    expect(contentDisposition('a;b".txt')).toMatch(/^attachment; filename="a_b_\.txt"/);
  });

  it('says sizes as people read them', () => {
    expect(sizeText(10 * 1024 * 1024)).toBe('10 MB');
    expect(sizeText(1536)).toBe('1.5 KB');
    expect(sizeText(37)).toBe('37 bytes');
  });
});
