import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { findJapaneseFont } from './japanese-font.js';
import {
  RICH_MENU_ITEMS,
  type RichMenuBounds,
  type RichMenuDefinition,
  type RichMenuItem,
} from './rich-menu-definition.js';
import { drawIcon } from './rich-menu-icons.js';

/**
 * Colours of the image. Text pairs keep a contrast ratio of at least 4.5:1 (WCAG AA), which a
 * test checks, so the labels stay readable in sunlight and for people with weak sight.
 */
export const RICH_MENU_PALETTE = {
  background: '#FFFFFF',
  label: '#1A1A1A',
  caption: '#4A4A4A',
  icon: '#00703C',
  primaryBackground: '#00703C',
  primaryLabel: '#FFFFFF',
  primaryCaption: '#FFFFFF',
  grid: '#B8B8B8',
} as const;

const LABEL_MAX_PX = 118;
const CAPTION_MAX_PX = 60;
/** Share of a cell's width text may use, leaving a margin on each side. */
const TEXT_WIDTH_SHARE = 0.86;

/**
 * Draws the rich menu image for `definition` (one tile per area, in the order of `items`) and
 * encodes it as PNG. Guarantees: the PNG has exactly the definition's size; flat colours keep it
 * far below LINE's 1 MB limit. Throws MissingJapaneseFontError when no Japanese font is installed.
 */
export async function renderRichMenuImage(
  definition: RichMenuDefinition,
  items: readonly RichMenuItem[] = RICH_MENU_ITEMS,
): Promise<Buffer> {
  if (items.length !== definition.areas.length)
    throw new RangeError(`need one item per area: ${definition.areas.length} areas, ${items.length} items`);
  const font = findJapaneseFont();
  const canvas = createCanvas(definition.size.width, definition.size.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = RICH_MENU_PALETTE.background;
  ctx.fillRect(0, 0, definition.size.width, definition.size.height);
  definition.areas.forEach((area, i) => drawTile(ctx, area.bounds, items[i]!, font));
  drawGrid(ctx, definition);
  return canvas.encode('png');
}

function drawTile(ctx: SKRSContext2D, b: RichMenuBounds, item: RichMenuItem, font: string): void {
  const p = RICH_MENU_PALETTE;
  if (item.primary) {
    ctx.fillStyle = p.primaryBackground;
    ctx.fillRect(b.x, b.y, b.width, b.height);
  }
  const cx = b.x + b.width / 2;
  const iconSize = Math.min(b.width, b.height) * 0.3;
  drawIcon(ctx, item.icon, {
    cx,
    cy: b.y + b.height * 0.27,
    size: iconSize,
    color: item.primary ? p.primaryLabel : p.icon,
    fontFamily: font,
  });

  const maxWidth = b.width * TEXT_WIDTH_SHARE;
  const lines = item.lines ?? [item.text];
  const labelPx = fitFontSize(ctx, lines, `bold %px "${font}"`, maxWidth, LABEL_MAX_PX);
  ctx.fillStyle = item.primary ? p.primaryLabel : p.label;
  ctx.font = `bold ${labelPx}px "${font}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lineHeight = labelPx * 1.18;
  const labelCentre = b.y + b.height * 0.62;
  lines.forEach((text, i) => ctx.fillText(text, cx, labelCentre + (i - (lines.length - 1) / 2) * lineHeight));

  const captionPx = fitFontSize(ctx, [item.caption], `%px "${font}"`, maxWidth, CAPTION_MAX_PX);
  ctx.fillStyle = item.primary ? p.primaryCaption : p.caption;
  ctx.font = `${captionPx}px "${font}"`;
  ctx.fillText(item.caption, cx, b.y + b.height * 0.87);
}

/** Lines between tiles, so each tap area is visibly its own button. */
function drawGrid(ctx: SKRSContext2D, definition: RichMenuDefinition): void {
  ctx.strokeStyle = RICH_MENU_PALETTE.grid;
  ctx.lineWidth = 6;
  for (const { bounds: b } of definition.areas) {
    ctx.beginPath();
    if (b.x > 0) {
      ctx.moveTo(b.x, b.y);
      ctx.lineTo(b.x, b.y + b.height);
    }
    if (b.y > 0) {
      ctx.moveTo(b.x, b.y);
      ctx.lineTo(b.x + b.width, b.y);
    }
    ctx.stroke();
  }
}

/** The largest size up to `maxPx` at which every line fits `maxWidth`; `%` in `fontPattern` is the size. */
function fitFontSize(
  ctx: SKRSContext2D,
  lines: readonly string[],
  fontPattern: string,
  maxWidth: number,
  maxPx: number,
): number {
  const probe = 100;
  ctx.font = fontPattern.replace('%', String(probe));
  const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
  return Math.floor(Math.min(maxPx, (maxWidth / widest) * probe));
}
