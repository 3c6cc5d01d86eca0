import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogData } from '@app/contracts';
import {
  CATALOG_FILE_NAMES,
  CatalogError,
  CatalogFileName,
  notJsonProblem,
  type CatalogProblem,
} from './catalog-error';
import { CatalogFiles, catalogWarnings, CatalogWarningOptions, parseCatalog } from './parse-catalog';

/** Only `settings.json` may be absent (all its fields have defaults). */
const OPTIONAL_FILES: ReadonlySet<CatalogFileName> = new Set(['settings.json']);

export interface LoadedCatalog {
  data: CatalogData;
  /** Formatted lines, see `catalogWarnings`. */
  warnings: string[];
}

type FileText = { file: CatalogFileName; text: string | undefined };

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function unreadable(file: CatalogFileName, error: unknown): CatalogProblem {
  const reason = (error as Error).message;
  return { file, problem: `cannot be read: ${reason}`, problemZh: `无法读取：${reason}` };
}

function decode(texts: FileText[], dir: string): CatalogFiles {
  const files: CatalogFiles = {};
  const problems: CatalogProblem[] = [];
  for (const { file, text } of texts) {
    if (text === undefined) {
      if (!OPTIONAL_FILES.has(file))
        problems.push({ file, problem: `file is missing in ${dir}`, problemZh: `${dir} 中缺少该文件` });
      continue;
    }
    try {
      // a byte-order mark from a Windows editor is not an error
      files[file] = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      problems.push(notJsonProblem(file, error));
    }
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return files;
}

/**
 * Reads and validates a catalogue directory (`docs/catalogue.md`). Throws `CatalogError` naming
 * the file, entry and field of every problem; a missing directory reports every required file.
 */
export async function loadCatalogDirectory(dir: string): Promise<CatalogData> {
  const texts = await Promise.all(
    CATALOG_FILE_NAMES.map(async (file): Promise<FileText> => {
      try {
        return { file, text: await readFile(path.join(dir, file), 'utf8') };
      } catch (error) {
        if (isMissing(error)) return { file, text: undefined };
        throw new CatalogError([unreadable(file, error)]);
      }
    }),
  );
  return parseCatalog(decode(texts, dir));
}

/** The same as `loadCatalogDirectory`, synchronously (for command-line tools). */
export function loadCatalogDirectorySync(dir: string): CatalogData {
  const texts = CATALOG_FILE_NAMES.map((file): FileText => {
    try {
      return { file, text: readFileSync(path.join(dir, file), 'utf8') };
    } catch (error) {
      if (isMissing(error)) return { file, text: undefined };
      throw new CatalogError([unreadable(file, error)]);
    }
  });
  return parseCatalog(decode(texts, dir));
}

/** Loads a directory and lists its warnings, e.g. `{ years: [2026, 2027] }` at startup. */
export async function loadCatalogDirectoryWithWarnings(
  dir: string,
  options: CatalogWarningOptions = {},
): Promise<LoadedCatalog> {
  const data = await loadCatalogDirectory(dir);
  return { data, warnings: catalogWarnings(data, options) };
}
