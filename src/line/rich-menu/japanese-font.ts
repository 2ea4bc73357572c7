import { GlobalFonts } from '@napi-rs/canvas';

/**
 * Japanese fonts the rich-menu image can be drawn with, best first. The image is drawn with the
 * system's own font rather than one shipped in npm: Debian's fonts-noto-cjk (installed by
 * .ci/run), macOS's Hiragino and Windows's Yu Gothic or Meiryo are all Japanese-shaped, whereas
 * a font found by fallback might draw Chinese glyph shapes or empty boxes.
 */
export const JAPANESE_FONT_FAMILIES: readonly string[] = [
  'Noto Sans CJK JP',
  'Noto Sans JP',
  'Source Han Sans JP',
  'Hiragino Sans',
  'Hiragino Kaku Gothic ProN',
  'Yu Gothic',
  'YuGothic',
  'Meiryo',
  'IPAexGothic',
  'IPAGothic',
  'TakaoGothic',
  'VL Gothic',
];

export class MissingJapaneseFontError extends Error {
  override readonly name = 'MissingJapaneseFontError';
  constructor() {
    super(
      `no Japanese font found to draw the rich menu image (looked for: ${JAPANESE_FONT_FAMILIES.join(', ')}). ` +
        'On Debian or Ubuntu: apt-get install fonts-noto-cjk. macOS and Windows have one already.',
    );
  }
}

/** The first installed family of `JAPANESE_FONT_FAMILIES`; throws MissingJapaneseFontError when none is. */
export function findJapaneseFont(): string {
  const family = JAPANESE_FONT_FAMILIES.find((name) => GlobalFonts.has(name));
  if (family === undefined) throw new MissingJapaneseFontError();
  return family;
}
