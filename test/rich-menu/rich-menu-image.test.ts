import { beforeAll, describe, expect, it } from 'vitest';
import { richMenuDefinition } from '../../src/line/rich-menu/rich-menu-definition.js';
import { RICH_MENU_PALETTE, renderRichMenuImage } from '../../src/line/rich-menu/rich-menu-image.js';
import { findJapaneseFont } from '../../src/line/rich-menu/japanese-font.js';
import { readPngInfo } from './png-info.js';

/** WCAG 2 relative luminance and contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the rich menu image', () => {
  let png: Buffer;
  beforeAll(async () => {
    png = await renderRichMenuImage(richMenuDefinition());
  });

  it('is drawn with a Japanese font installed on this machine (fonts-noto-cjk in CI)', () => {
    expect(findJapaneseFont()).toMatch(/\S/);
  });

  it('is a PNG of exactly 2500x1686 (read from IHDR), under LINE’s 1 MB limit', () => {
    expect(readPngInfo(png)).toEqual({ width: 2500, height: 1686 });
    expect(png.length).toBeLessThan(1024 * 1024);
  });

  it('uses text colours with at least 4.5:1 contrast on their backgrounds', () => {
    const p = RICH_MENU_PALETTE;
    for (const [fg, bg] of [
      [p.label, p.background],
      [p.caption, p.background],
      [p.primaryLabel, p.primaryBackground],
      [p.primaryCaption, p.primaryBackground],
      [p.icon, p.background],
    ] as const) {
      expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
