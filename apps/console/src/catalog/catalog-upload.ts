import {
  CATALOG_FILE_NAMES,
  CatalogError,
  CatalogFileName,
  CatalogFiles,
  CatalogProblem,
  formatCatalogProblem,
  notJsonProblem,
} from '@app/catalog';
import { textProblem } from '@app/contracts';

/** One uploaded file: the name the browser gave it and its bytes. */
export interface UploadedCatalogFile {
  name: string;
  bytes: Uint8Array;
}

export interface DecodedUpload {
  files: CatalogFiles;
  /** Uploaded files that are not catalogue files (ignored, as in a directory). */
  ignored: string[];
}

/** Only `settings.json` may be left out (all its fields have defaults). */
const REQUIRED = CATALOG_FILE_NAMES.filter((file) => file !== 'settings.json');

const isCatalogFile = (name: string): name is CatalogFileName =>
  (CATALOG_FILE_NAMES as readonly string[]).includes(name);

/** The file name without a folder (a folder upload sends `demo/items.json`). */
export function baseName(name: string): string {
  return name.split(/[/\\]/).pop() ?? name;
}

/** The first string or field name PostgreSQL cannot store, with where it is. */
function unsafeText(value: unknown, path: string): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'string') {
      const problem = textProblem(next.value);
      if (problem) return `${next.path || 'a value'}: ${problem}`;
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => pending.push({ value: item, path: `${next.path}[${index}]` }));
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, item] of Object.entries(next.value)) {
        const problem = textProblem(key);
        if (problem) return `${next.path || 'a field name'}: a field name ${problem}`;
        pending.push({ value: item, path: next.path ? `${next.path}.${key}` : key });
      }
    }
  }
  return undefined;
}

/**
 * The catalogue's files from an upload, decoded as a directory is (UTF-8, a byte-order mark
 * tolerated, JSON). Throws `CatalogError` naming each file that is missing, uploaded twice, not
 * UTF-8, not JSON or holding text no database can store; `parseCatalog` then checks the contents.
 */
export function decodeCatalogUpload(uploads: readonly UploadedCatalogFile[]): DecodedUpload {
  const files: CatalogFiles = {};
  const ignored: string[] = [];
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const upload of uploads) {
    const name = baseName(upload.name);
    if (!isCatalogFile(name)) {
      ignored.push(name);
      continue;
    }
    if (seen.has(name)) {
      problems.push({
        file: name,
        problem: 'uploaded twice: send each file once',
        problemZh: '上传了两次：每个文件只需上传一次',
      });
      continue;
    }
    seen.add(name);
    let text: string;
    try {
      text = decoder.decode(upload.bytes);
    } catch {
      problems.push({ file: name, problem: 'not UTF-8 text', problemZh: '不是 UTF-8 文本' });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      problems.push(notJsonProblem(name, error));
      continue;
    }
    const unsafe = unsafeText(parsed, '');
    if (unsafe) {
      problems.push({ file: name, problem: unsafe, problemZh: `含有数据库无法保存的文本：${unsafe}` });
      continue;
    }
    files[name] = parsed;
  }
  for (const file of REQUIRED)
    if (!seen.has(file))
      problems.push({ file, problem: 'file is missing in the upload', problemZh: '上传中缺少该文件' });
  if (problems.length > 0) throw new CatalogError(problems);
  return { files, ignored };
}

/** The 400 answer of a catalogue that breaks its format: the lines, and each problem as data. */
export function catalogErrorBody(error: CatalogError): {
  statusCode: 400;
  error: string;
  message: string[];
  problems: CatalogProblem[];
} {
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: error.problems.map(formatCatalogProblem),
    problems: [...error.problems],
  };
}
