import { DEBIAN_NOTICE_FONTS, findNoticeFonts } from './notice-fonts';

const NOTO = '/usr/share/fonts/opentype/noto';
const only =
  (...files: string[]) =>
  (file: string): boolean =>
    files.includes(file);

describe('findNoticeFonts', () => {
  it('takes NOTICE_FONT_PATH and NOTICE_FONT_FAMILY first', () => {
    const env = { NOTICE_FONT_PATH: '/fonts/simsun.ttc', NOTICE_FONT_FAMILY: 'SimSun' };
    expect(findNoticeFonts(env, only('/fonts/simsun.ttc', `${NOTO}/NotoSerifCJK-Regular.ttc`))).toEqual({
      regular: { path: '/fonts/simsun.ttc', family: 'SimSun' },
    });
    expect(findNoticeFonts({ NOTICE_FONT_PATH: '/fonts/fz.ttf' }, only('/fonts/fz.ttf'))).toEqual({
      regular: { path: '/fonts/fz.ttf' },
    });
  });

  it('refuses a NOTICE_FONT_PATH that does not exist', () => {
    expect(() => findNoticeFonts({ NOTICE_FONT_PATH: '/fonts/none.ttf' }, only())).toThrow(
      'NOTICE_FONT_PATH names /fonts/none.ttf, which does not exist',
    );
  });

  it("prefers Debian's Noto Serif CJK SC, with its bold face", () => {
    const all = only(...DEBIAN_NOTICE_FONTS.flatMap((fonts) => [fonts.regular.path, fonts.bold?.path ?? '']));
    expect(findNoticeFonts({}, all)).toEqual({
      regular: { path: `${NOTO}/NotoSerifCJK-Regular.ttc`, family: 'NotoSerifCJKsc-Regular' },
      bold: { path: `${NOTO}/NotoSerifCJK-Bold.ttc`, family: 'NotoSerifCJKsc-Bold' },
    });
  });

  it('falls back to Noto Sans CJK SC, and to the regular face alone when the bold one is missing', () => {
    expect(findNoticeFonts({}, only(`${NOTO}/NotoSansCJK-Regular.ttc`))).toEqual({
      regular: { path: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' },
    });
  });

  it('names the paths it looked at and the package to install when there is no font', () => {
    const find = () => findNoticeFonts({ NOTICE_FONT_PATH: '' }, only());
    expect(find).toThrow(`${NOTO}/NotoSerifCJK-Regular.ttc, ${NOTO}/NotoSansCJK-Regular.ttc`);
    expect(find).toThrow('fonts-noto-cjk');
  });
});
