import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG_FILE_NAMES, CatalogError, CatalogProblem, parseCatalog } from '@app/catalog';
import { baseName, catalogErrorBody, decodeCatalogUpload, UploadedCatalogFile } from './catalog-upload';

const DEMO = path.join(__dirname, '../../../../deploy/catalog/demo');

const demoUpload = (): UploadedCatalogFile[] =>
  CATALOG_FILE_NAMES.map((name) => ({ name, bytes: readFileSync(path.join(DEMO, name)) }));
const text = (name: string, content: string): UploadedCatalogFile => ({
  name,
  bytes: new TextEncoder().encode(content),
});

function problemsOf(action: () => unknown): CatalogProblem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  throw new Error('no CatalogError');
}

describe(decodeCatalogUpload.name, () => {
  it('decodes the demo directory’s files into a catalogue parseCatalog accepts', () => {
    const { files, ignored } = decodeCatalogUpload([...demoUpload(), text('README.md', '# notes')]);
    expect(ignored).toEqual(['README.md']);
    expect(parseCatalog(files).items.length).toBeGreaterThan(10);
  });

  it('takes file names without their folder and tolerates a byte-order mark', () => {
    const upload = demoUpload().map((file) => ({ ...file, name: `demo/${file.name}` }));
    upload[0] = text('demo\\departments.json', '\uFEFF[{"id":"a","name":"甲"}]');
    expect(decodeCatalogUpload(upload).files['departments.json']).toEqual([{ id: 'a', name: '甲' }]);
    expect(baseName('C:\\catalog\\items.json')).toBe('items.json');
  });

  it('names each missing, doubled, non-UTF-8, non-JSON and unstorable file', () => {
    const upload = demoUpload().filter((file) => file.name !== 'calendar.json' && file.name !== 'fees.json');
    upload.push(text('items.json', '[]'));
    upload.push({ name: 'fees.json', bytes: new Uint8Array([0xff, 0xfe, 0x00]) });
    upload.push(text('discretion.json', '[{"violationCode": "X\\u0000"}]'));
    const problems = problemsOf(() =>
      decodeCatalogUpload(upload.filter((f, i) => f.name !== 'discretion.json' || i > 5)),
    );
    expect(problems).toEqual([
      {
        file: 'items.json',
        problem: 'uploaded twice: send each file once',
        problemZh: '上传了两次：每个文件只需上传一次',
      },
      { file: 'fees.json', problem: 'not UTF-8 text', problemZh: '不是 UTF-8 文本' },
      {
        file: 'discretion.json',
        problem: expect.stringMatching(/^\[0\]\.violationCode: /) as unknown,
        problemZh: expect.stringMatching(/^含有数据库无法保存的文本：\[0\]\.violationCode: /) as unknown,
      },
      { file: 'calendar.json', problem: 'file is missing in the upload', problemZh: '上传中缺少该文件' },
    ]);
    const broken = demoUpload().map((file) =>
      file.name === 'settings.json' ? text(file.name, '{"a":') : file,
    );
    expect(problemsOf(() => decodeCatalogUpload(broken))).toEqual([
      {
        file: 'settings.json',
        problem: expect.stringMatching(/^not valid JSON: /) as unknown,
        problemZh: expect.stringMatching(/^不是有效的 JSON：/) as unknown,
      },
    ]);
  });
});

describe(catalogErrorBody.name, () => {
  it('answers each problem as a line naming file, entry and field, and as data', () => {
    const { files } = decodeCatalogUpload(demoUpload());
    const items = structuredClone(files['items.json']) as Record<string, unknown>[];
    (items[1] as Record<string, unknown>).promisedDays = 'ten';
    const error = (() => {
      try {
        parseCatalog({ ...files, 'items.json': items });
      } catch (caught) {
        return caught as CatalogError;
      }
      throw new Error('accepted');
    })();
    const body = catalogErrorBody(error);
    expect(body.statusCode).toBe(400);
    expect(body.message[0]).toMatch(/^items\.json: entry 1 \(code "[^"]+"\): promisedDays: /);
    expect(body.problems[0]).toMatchObject({ file: 'items.json', entryIndex: 1, field: 'promisedDays' });
  });
});
