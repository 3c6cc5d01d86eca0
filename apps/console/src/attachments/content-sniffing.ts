// What an uploaded file really is, from its bytes: an allow-list of the formats a department's
// answer needs (PDF, PNG, JPEG, Word and Excel documents, UTF-8 text). The name the client gave
// and the type it claimed are never trusted; the name must agree with the content. Pure.

export const ATTACHMENT_KINDS = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'text'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface KindInfo {
  /** What the file is served as (always as a download, never inline). */
  contentType: string;
  /** The name endings a file of this kind may have (lower case). */
  extensions: readonly string[];
  label: string;
}

export const KINDS: Record<AttachmentKind, KindInfo> = {
  pdf: { contentType: 'application/pdf', extensions: ['.pdf'], label: 'PDF' },
  png: { contentType: 'image/png', extensions: ['.png'], label: 'PNG' },
  jpeg: { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    label: 'Word (DOCX)',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    label: 'Excel (XLSX)',
  },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['.txt', '.csv'], label: 'UTF-8 text' },
};

export const ALLOWED_LIST = 'PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or UTF-8 text';

export type Sniffed = { kind: AttachmentKind } | { problem: string };

const startsWith = (content: Uint8Array, signature: readonly number[]) =>
  content.length >= signature.length && signature.every((byte, index) => content[index] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/** PDF names that run something when the file is opened: refused rather than stored. */
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)(?![A-Za-z0-9])/;

/** The entry names of a zip archive, from its central directory; null when it is not a readable zip. */
export function zipEntryNames(content: Uint8Array): string[] | null {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // the end-of-central-directory record: 22 bytes and a comment of up to 65535 at the very end
  let end = -1;
  for (let at = content.length - 22; at >= Math.max(0, content.length - 22 - 0xffff); at -= 1) {
    if (u32(at) === 0x06054b50 && at + 22 + u16(at + 20) === content.length) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = u16(end + 10);
  let at = u32(end + 16);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > end || u32(at) !== 0x02014b50) return null;
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (next > end) return null;
    names.push(decoder.decode(content.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

function sniffZip(content: Uint8Array): Sniffed {
  const names = zipEntryNames(content);
  if (!names) return { problem: 'the content is a damaged zip archive, not a Word or Excel document' };
  const macros = names.find((name) => /(^|\/)vbaProject\.bin$/i.test(name));
  if (macros) return { problem: `the document contains macros (${macros}); save it without macros` };
  if (names.includes('[Content_Types].xml')) {
    if (names.includes('word/document.xml')) return { kind: 'docx' };
    if (names.includes('xl/workbook.xml')) return { kind: 'xlsx' };
  }
  return {
    problem: `the content is a zip archive but not a Word or Excel document; allowed: ${ALLOWED_LIST}`,
  };
}

function sniffText(content: Uint8Array): Sniffed | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
  // tab, line feed, form feed and carriage return are text; any other control character is not
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : { kind: 'text' };
}

/** The allow-listed kind the bytes are, or why they are refused. */
export function sniffContent(content: Uint8Array): Sniffed {
  if (content.length === 0) return { problem: 'the file is empty' };
  if (startsWith(content, PDF)) {
    const active = PDF_ACTIVE.exec(Buffer.from(content).toString('latin1'));
    return active
      ? { problem: `the PDF contains active content (/${active[1]}); print it to a plain PDF first` }
      : { kind: 'pdf' };
  }
  if (startsWith(content, PNG)) return { kind: 'png' };
  if (startsWith(content, JPEG)) return { kind: 'jpeg' };
  if (startsWith(content, ZIP)) return sniffZip(content);
  return (
    sniffText(content) ?? {
      problem: `the content is not an allowed type; allowed: ${ALLOWED_LIST}`,
    }
  );
}

/** The name ending of a file name, lower case with its dot ('' when none). */
export function extensionOf(filename: string): string {
  const match = /\.[^./\\]{1,10}$/.exec(filename);
  return match ? match[0].toLowerCase() : '';
}

/**
 * A file name fit to store and to send back: no folders, no control or bidirectional-override
 * characters, at most 200 characters (the ending kept).
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  if (clean.length <= 200) return clean;
  const ending = extensionOf(clean);
  return clean.slice(0, 200 - ending.length) + ending;
}

export type CheckedFile = { ok: true; kind: AttachmentKind; info: KindInfo } | { ok: false; reason: string };

/** Whether an upload may be stored: the content in the allow-list and the name agreeing with it. */
export function checkFile(filename: string, content: Uint8Array, maxBytes: number): CheckedFile {
  if (content.length > maxBytes)
    return { ok: false, reason: `the file is larger than the ${sizeText(maxBytes)} limit` };
  const sniffed = sniffContent(content);
  if ('problem' in sniffed) return { ok: false, reason: sniffed.problem };
  const info = KINDS[sniffed.kind];
  const ending = extensionOf(filename);
  if (!info.extensions.includes(ending))
    return {
      ok: false,
      reason: ending
        ? `the name ends in ${ending} but the content is ${info.label}; name it ${info.extensions.join(' or ')}`
        : `the content is ${info.label}; the name must end in ${info.extensions.join(' or ')}`,
    };
  return { ok: true, kind: sniffed.kind, info };
}

/** A size as people read it: 10 MB, 512 KB, 37 bytes. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/**
 * `Content-Disposition` of a download: always `attachment` (never shown inline), the name as
 * ASCII for old clients and in full as RFC 5987 UTF-8.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
