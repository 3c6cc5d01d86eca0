import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MUNICIPAL_SCHEME, SchemeError } from '@app/evaluation';
import { loadEvaluationScheme } from './evaluation-scheme';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'jiancha-scheme-'));
function aFile(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe(loadEvaluationScheme.name, () => {
  it('reads the shipped deploy/evaluation/municipal-scheme.json as exactly the default scheme', async () => {
    const shipped = path.resolve(__dirname, '../../../../deploy/evaluation/municipal-scheme.json');

    await expect(loadEvaluationScheme(shipped)).resolves.toEqual(MUNICIPAL_SCHEME);
  });

  it('uses the default municipal scheme when no file is configured', async () => {
    await expect(loadEvaluationScheme(undefined)).resolves.toBe(MUNICIPAL_SCHEME);
  });

  it('applies the weights of a configured file', async () => {
    const file = aFile(
      'strict.json',
      JSON.stringify({
        ...MUNICIPAL_SCHEME,
        name: '严格方案',
        deductions: { ...MUNICIPAL_SCHEME.deductions, red: 20 },
      }),
    );

    const sut = await loadEvaluationScheme(file);

    expect(sut).toMatchObject({ name: '严格方案', deductions: { red: 20, yellow: 5 } });
  });

  it.each([
    {
      name: 'a missing file',
      file: () => path.join(scratch, 'absent.json'),
      message: /absent\.json cannot be read/,
    },
    {
      name: 'a file that is not JSON',
      file: () => aFile('broken.json', '{ base: 100'),
      message: /broken\.json is not JSON/,
    },
    {
      name: 'a file with a wrong field',
      file: () =>
        aFile('wrong.json', JSON.stringify({ ...MUNICIPAL_SCHEME, grades: { excellent: 90, good: 80 } })),
      message: /wrong\.json is not a valid evaluation scheme: grades\.pass: /,
    },
  ])('refuses $name, naming the file', async ({ file, message }) => {
    const attempt = loadEvaluationScheme(file());

    await expect(attempt).rejects.toThrow(SchemeError);
    await expect(loadEvaluationScheme(file())).rejects.toThrow(message);
  });
});
