import {
  aside,
  departmentLabel,
  departmentName,
  labelled,
  language,
  learnDepartments,
  setLanguage,
} from './i18n';

// the unit tests run in node: the little of the browser that `setLanguage` touches
const browser = globalThis as unknown as Record<'localStorage' | 'document', unknown>;
const saved = { localStorage: browser.localStorage, document: browser.document };

beforeAll(() => {
  const stored = new Map<string, string>();
  browser.localStorage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
  };
  browser.document = { documentElement: { lang: '' }, title: '' };
});

afterEach(() => setLanguage('zh'));

afterAll(() => {
  browser.localStorage = saved.localStorage;
  browser.document = saved.document;
});

const market = {
  id: 'scjgj',
  name: '市市场监督管理局',
  nameEn: 'Municipal Administration for Market Regulation',
};

describe(departmentLabel.name, () => {
  it('gives the Chinese name in Chinese, the default', () => {
    expect(language()).toBe('zh');
    expect(departmentLabel(market)).toBe('市市场监督管理局');
  });

  it('gives the English name in English', () => {
    setLanguage('en');

    expect(departmentLabel(market)).toBe('Municipal Administration for Market Regulation');
  });

  it.each([
    ['null', null],
    ['absent', undefined],
    ['empty', ''],
  ])('falls back to the Chinese name in English when the English one is %s', (_kind, nameEn) => {
    setLanguage('en');

    expect(departmentLabel({ name: '市教育局', nameEn })).toBe('市教育局');
  });
});

describe(departmentName.name, () => {
  it('gives the fallback, else the id, for a department not learned', () => {
    setLanguage('en');

    expect(departmentName('nowhere', '某局')).toBe('某局');
    expect(departmentName('nowhere')).toBe('nowhere');
  });

  it('names a learned department in the current language, following a change of language', () => {
    learnDepartments([market, { id: 'jyj', name: '市教育局', nameEn: null }]);

    expect(departmentName('scjgj', 'stale')).toBe('市市场监督管理局');
    setLanguage('en');
    expect(departmentName('scjgj', 'stale')).toBe('Municipal Administration for Market Regulation');
    expect(departmentName('jyj')).toBe('市教育局');
    setLanguage('zh');
    expect(departmentName('scjgj')).toBe('市市场监督管理局');
  });
});

describe('punctuation of the current language', () => {
  it('writes asides and labels with full-width marks in Chinese', () => {
    expect(aside('scjgj')).toBe('（scjgj）');
    expect(labelled('认定意见', '属实')).toBe('认定意见：属实');
  });

  it('writes them with ASCII marks and a space in English', () => {
    setLanguage('en');
    expect(aside('scjgj')).toBe(' (scjgj)');
    expect(labelled('Finding', 'confirmed')).toBe('Finding: confirmed');
  });
});
