import type { SKRSContext2D } from '@napi-rs/canvas';
import type { RichMenuIcon } from './rich-menu-definition.js';

/** Where and how to draw an icon: centred at (cx, cy) in a square of side `size`. */
export interface IconBox {
  cx: number;
  cy: number;
  size: number;
  color: string;
  /** Used for the "?" of the help icon. */
  fontFamily: string;
}

type Draw = (ctx: SKRSContext2D, box: IconBox) => void;

/**
 * Simple line pictograms drawn with paths, so the image needs no icon font or image file of
 * unknown origin. Each stays inside its box; strokes are thick enough to read on a small phone.
 */
const ICONS: Record<RichMenuIcon, Draw> = {
  calendar(ctx, { cx, cy, size }) {
    const w = size * 0.8;
    const h = size * 0.72;
    const left = cx - w / 2;
    const top = cy - h / 2 + size * 0.06;
    roundRect(ctx, left, top, w, h, size * 0.08);
    ctx.stroke();
    line(ctx, left, top + h * 0.28, left + w, top + h * 0.28);
    for (const fx of [0.3, 0.7]) line(ctx, left + w * fx, top - size * 0.1, left + w * fx, top + size * 0.08);
    // A check mark: "a booking".
    ctx.beginPath();
    ctx.moveTo(left + w * 0.3, top + h * 0.62);
    ctx.lineTo(left + w * 0.45, top + h * 0.78);
    ctx.lineTo(left + w * 0.72, top + h * 0.45);
    ctx.stroke();
  },
  search(ctx, { cx, cy, size }) {
    const r = size * 0.27;
    const ox = cx - size * 0.08;
    const oy = cy - size * 0.08;
    ctx.beginPath();
    ctx.arc(ox, oy, r, 0, Math.PI * 2);
    ctx.stroke();
    line(ctx, ox + r * 0.72, oy + r * 0.72, cx + size * 0.36, cy + size * 0.36);
  },
  swap(ctx, { cx, cy, size }) {
    const half = size * 0.36;
    const y1 = cy - size * 0.15;
    const y2 = cy + size * 0.15;
    const head = size * 0.14;
    line(ctx, cx - half, y1, cx + half, y1);
    polyline(ctx, [
      [cx + half - head, y1 - head],
      [cx + half, y1],
      [cx + half - head, y1 + head],
    ]);
    line(ctx, cx - half, y2, cx + half, y2);
    polyline(ctx, [
      [cx - half + head, y2 - head],
      [cx - half, y2],
      [cx - half + head, y2 + head],
    ]);
  },
  clock(ctx, { cx, cy, size }) {
    ctx.beginPath();
    ctx.arc(cx, cy, size * 0.38, 0, Math.PI * 2);
    ctx.stroke();
    polyline(ctx, [
      [cx, cy - size * 0.22],
      [cx, cy],
      [cx + size * 0.17, cy + size * 0.1],
    ]);
  },
  chat(ctx, { cx, cy, size }) {
    const w = size * 0.8;
    const h = size * 0.56;
    const left = cx - w / 2;
    const top = cy - h / 2 - size * 0.06;
    roundRect(ctx, left, top, w, h, size * 0.14);
    ctx.stroke();
    polyline(ctx, [
      [left + w * 0.25, top + h],
      [left + w * 0.18, top + h + size * 0.18],
      [left + w * 0.45, top + h],
    ]);
    for (const fx of [0.3, 0.5, 0.7]) {
      ctx.beginPath();
      ctx.arc(left + w * fx, top + h / 2, size * 0.035, 0, Math.PI * 2);
      ctx.fill();
    }
  },
  help(ctx, { cx, cy, size, fontFamily }) {
    ctx.beginPath();
    ctx.arc(cx, cy, size * 0.38, 0, Math.PI * 2);
    ctx.stroke();
    ctx.font = `bold ${Math.round(size * 0.5)}px "${fontFamily}"`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('?', cx, cy + size * 0.02);
  },
};

/** Draws `icon` in `box`, leaving the context's state as it found it. */
export function drawIcon(ctx: SKRSContext2D, icon: RichMenuIcon, box: IconBox): void {
  ctx.save();
  ctx.strokeStyle = box.color;
  ctx.fillStyle = box.color;
  ctx.lineWidth = Math.max(4, box.size * 0.07);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ICONS[icon](ctx, box);
  ctx.restore();
}

function line(ctx: SKRSContext2D, x1: number, y1: number, x2: number, y2: number): void {
  polyline(ctx, [
    [x1, y1],
    [x2, y2],
  ]);
}

function polyline(ctx: SKRSContext2D, points: readonly (readonly [number, number])[]): void {
  ctx.beginPath();
  points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.stroke();
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}
