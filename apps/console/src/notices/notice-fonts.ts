// The CJK fonts a printed notice is set in: NOTICE_FONT_PATH (+ NOTICE_FONT_FAMILY) when set, else
// Debian's fonts-noto-cjk, the serif (Song-style, as official documents are) before the sans.
import { existsSync } from 'node:fs';

export interface NoticeFontFace {
  /** A .ttf / .otf file, or a collection (.ttc / .otc), which then needs `family`. */
  path: string;
  /** The PostScript name of the face in a collection: NotoSerifCJKsc-Regular. */
  family?: string;
}

export interface NoticeFonts {
  regular: NoticeFontFace;
  /** The header, title and headings; the regular face when absent. */
  bold?: NoticeFontFace;
}

const NOTO = '/usr/share/fonts/opentype/noto';

/** Debian's fonts-noto-cjk faces, in order of preference: the Simplified Chinese (SC) faces. */
export const DEBIAN_NOTICE_FONTS: readonly NoticeFonts[] = [
  {
    regular: { path: `${NOTO}/NotoSerifCJK-Regular.ttc`, family: 'NotoSerifCJKsc-Regular' },
    bold: { path: `${NOTO}/NotoSerifCJK-Bold.ttc`, family: 'NotoSerifCJKsc-Bold' },
  },
  {
    regular: { path: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' },
    bold: { path: `${NOTO}/NotoSansCJK-Bold.ttc`, family: 'NotoSansCJKsc-Bold' },
  },
];

/**
 * The fonts to print notices with. Throws an Error naming what it looked for, and the package to
 * install, when there is none. `env` defaults to the process's environment: a caller holding the
 * typed config of @app/platform passes what it read there instead.
 */
export function findNoticeFonts(
  env: Readonly<Record<string, string | undefined>>,
  exists: (file: string) => boolean = existsSync,
): NoticeFonts {
  const configured = env.NOTICE_FONT_PATH;
  if (configured) {
    if (!exists(configured)) {
      throw new Error(`NOTICE_FONT_PATH names ${configured}, which does not exist`);
    }
    const family = env.NOTICE_FONT_FAMILY;
    return { regular: family ? { path: configured, family } : { path: configured } };
  }
  for (const candidate of DEBIAN_NOTICE_FONTS) {
    if (!exists(candidate.regular.path)) continue;
    return candidate.bold && exists(candidate.bold.path) ? candidate : { regular: candidate.regular };
  }
  const looked = DEBIAN_NOTICE_FONTS.map((candidate) => candidate.regular.path).join(', ');
  throw new Error(
    `no CJK font to print notices with: NOTICE_FONT_PATH is not set and none of ${looked} exists; ` +
      'install the Debian package fonts-noto-cjk (node scripts/ensure-deps.mjs --browser does) ' +
      'or set NOTICE_FONT_PATH (and NOTICE_FONT_FAMILY for a .ttc collection)',
  );
}
