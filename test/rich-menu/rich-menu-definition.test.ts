import { describe, expect, it } from 'vitest';
import {
  gridBounds,
  RICH_MENU_ITEMS,
  richMenuDefinition,
  type RichMenuBounds,
} from '../../src/line/rich-menu/rich-menu-definition.js';

const EXPECTED_TEXTS = ['予約する', '予約確認', '予約変更・キャンセル', '今すぐ相談', '担当者と話す', 'ヘルプ'];
/** LINE's limits: rich menu action labels 20 characters, chatBarText 14, name 300, 20 areas. */
const graphemes = (s: string) => [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(s)].length;

const overlap = (a: RichMenuBounds, b: RichMenuBounds) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

describe('the rich menu definition', () => {
  const menu = richMenuDefinition();

  it('is a 2500x1686 menu named for re-runs, closed by default (the chat stays readable), with メニュー on the chat bar', () => {
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.selected).toBe(false);
    expect(menu.chatBarText).toBe('メニュー');
    expect(graphemes(menu.chatBarText)).toBeLessThanOrEqual(14);
    expect(menu.name.length).toBeGreaterThan(0);
    expect(menu.name.length).toBeLessThanOrEqual(300);
  });

  it('has six message actions sending exactly the texts the conversation understands', () => {
    expect(menu.areas).toHaveLength(6);
    expect(menu.areas.map((a) => a.action.type)).toEqual(Array(6).fill('message'));
    expect(menu.areas.map((a) => a.action.text)).toEqual(EXPECTED_TEXTS);
    for (const area of menu.areas) {
      expect(graphemes(area.action.label)).toBeLessThanOrEqual(20);
      expect(area.action.text.length).toBeLessThanOrEqual(300);
    }
  });

  it('lays the areas out as a 3x2 grid that covers the image exactly, without overlap', () => {
    const area = (b: RichMenuBounds) => b.width * b.height;
    const bounds = menu.areas.map((a) => a.bounds);
    for (const b of bounds) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(2500);
      expect(b.y + b.height).toBeLessThanOrEqual(1686);
      // Large tap areas: every tile is at least a third of the width and half the height (minus rounding).
      expect(b.width).toBeGreaterThanOrEqual(833);
      expect(b.height).toBeGreaterThanOrEqual(843);
    }
    for (let i = 0; i < bounds.length; i += 1)
      for (let j = i + 1; j < bounds.length; j += 1) expect(overlap(bounds[i]!, bounds[j]!)).toBe(0);
    expect(bounds.reduce((sum, b) => sum + area(b), 0)).toBe(2500 * 1686);
    expect(new Set(bounds.map((b) => b.y)).size).toBe(2);
    expect(new Set(bounds.map((b) => b.x)).size).toBe(3);
  });

  it('tiles any size exactly, whatever the rounding', () => {
    for (const [w, hgt, cols, rows] of [
      [2500, 843, 3, 1],
      [1200, 810, 2, 2],
      [2501, 1687, 3, 2],
      [800, 270, 4, 1],
    ] as const) {
      const cells = gridBounds(w, hgt, cols, rows);
      expect(cells.reduce((s, c) => s + c.width * c.height, 0)).toBe(w * hgt);
      expect(Math.max(...cells.map((c) => c.x + c.width))).toBe(w);
      expect(Math.max(...cells.map((c) => c.y + c.height))).toBe(hgt);
    }
  });

  it('refuses a list of items that does not fill the grid', () => {
    expect(() => richMenuDefinition(RICH_MENU_ITEMS.slice(0, 5))).toThrow(RangeError);
  });
});
