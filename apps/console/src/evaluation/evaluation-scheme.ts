import { readFile } from 'node:fs/promises';
import { MUNICIPAL_SCHEME, parseScheme, SchemeError, type EvaluationScheme } from '@app/evaluation';

/**
 * The scoring scheme of this console: `EVALUATION_SCHEME_FILE` when set (validated at startup:
 * a wrong file stops the console, naming the file and each wrong field), the municipal default
 * otherwise.
 */
export async function loadEvaluationScheme(file: string | undefined): Promise<EvaluationScheme> {
  if (!file) return MUNICIPAL_SCHEME;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SchemeError(
      `EVALUATION_SCHEME_FILE ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new SchemeError(
      `EVALUATION_SCHEME_FILE ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseScheme(document, `EVALUATION_SCHEME_FILE ${file}`);
}
