import { h } from './dom.js';
import { actionLabel } from './actions.js';

/**
 * Flex Message rendering: the subset this product sends (bubble and carousel; box, text,
 * button, separator), with LINE's keyword sizes and defaults, so cards look as they do in LINE.
 */

const SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const TEXT_SIZE = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
const BUBBLE_WIDTH = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 386 };
const BUTTON_COLORS = { primary: '#17c950', secondary: '#dcdfe5', link: '#42659a' };

/** A keyword (`md`) or a pixel value (`12px`) as pixels. */
function px(value, scale, fallback = 0) {
  if (value === undefined) return fallback;
  if (value in scale) return scale[value];
  const n = Number.parseFloat(String(value));
  return Number.isFinite(n) ? n : fallback;
}

/**
 * @param {object} contents a bubble or a carousel
 * @param {(action: object) => void} onAction
 */
export function renderFlex(contents, onAction) {
  if (contents.type === 'carousel') {
    return h(
      'div',
      { class: 'flex-carousel', role: 'group', 'aria-label': 'カルーセル', tabindex: '0' },
      ...contents.contents.map((b) => renderBubble(b, onAction)),
    );
  }
  return renderBubble(contents, onAction);
}

function renderBubble(bubble, onAction) {
  const width = BUBBLE_WIDTH[bubble.size ?? 'mega'] ?? BUBBLE_WIDTH.mega;
  const el = h('div', { class: 'flex-bubble', style: { width: `${width}px` } });
  for (const part of ['header', 'body', 'footer']) {
    const box = bubble[part];
    if (!box) continue;
    const block = renderComponent(box, 'vertical', onAction);
    block.classList.add(`flex-${part}`);
    const pad = box.paddingAll ?? (part === 'footer' ? '10px' : '20px');
    block.style.padding = `${px(pad, SPACING, 20)}px`;
    // LINE joins a header to its body: the body keeps its own top padding small then.
    if (part === 'body' && bubble.header && box.paddingAll === undefined) block.style.paddingTop = '0px';
    el.append(block);
  }
  return el;
}

/** @param {'vertical'|'horizontal'|'baseline'} parentLayout how the parent lays children out */
function renderComponent(c, parentLayout, onAction) {
  const el = componentElement(c, onAction);
  applyFlex(el, c, parentLayout);
  if (c.margin !== undefined)
    el.style[parentLayout === 'vertical' ? 'marginTop' : 'marginLeft'] = `${px(c.margin, SPACING)}px`;
  return el;
}

function componentElement(c, onAction) {
  switch (c.type) {
    case 'box':
      return renderBox(c, onAction);
    case 'text':
      return renderText(c);
    case 'button':
      return renderButton(c, onAction);
    case 'separator':
      return h('hr', { class: 'flex-separator', style: c.color ? { borderColor: c.color } : {} });
    case 'filler':
    case 'spacer':
      return h('div', { class: 'flex-filler' });
    default:
      return h('div', { class: 'flex-unknown', text: `[${c.type}]` });
  }
}

/** LINE: children of horizontal and baseline boxes default to flex 1, of vertical boxes to flex 0. */
function applyFlex(el, c, parentLayout) {
  const horizontal = parentLayout !== 'vertical';
  const grow = c.flex ?? (horizontal && c.type !== 'separator' ? 1 : 0);
  el.style.flex = horizontal ? `${grow} ${grow === 0 ? 0 : 1} ${grow === 0 ? 'auto' : '0'}` : `${grow} 0 auto`;
  if (horizontal) el.style.minWidth = '0';
}

function renderBox(box, onAction) {
  const layout = box.layout ?? 'vertical';
  const el = h('div', { class: `flex-box flex-box--${layout}` });
  if (box.backgroundColor) el.style.backgroundColor = box.backgroundColor;
  if (box.paddingAll !== undefined) el.style.padding = `${px(box.paddingAll, SPACING)}px`;
  if (box.cornerRadius !== undefined) el.style.borderRadius = `${px(box.cornerRadius, SPACING)}px`;
  const gap = px(box.spacing, SPACING);
  (box.contents ?? []).forEach((child, i) => {
    const childEl = renderComponent(child, layout, onAction);
    // Spacing goes between children; a child's own margin replaces it, as in LINE.
    if (i > 0 && gap > 0 && child.margin === undefined)
      childEl.style[layout === 'vertical' ? 'marginTop' : 'marginLeft'] = `${gap}px`;
    el.append(childEl);
  });
  return el;
}

function renderText(t) {
  const el = h('p', { class: 'flex-text', text: t.text ?? '' });
  el.style.fontSize = `${px(t.size, TEXT_SIZE, TEXT_SIZE.md)}px`;
  if (t.weight === 'bold') el.style.fontWeight = '700';
  if (t.color) el.style.color = t.color;
  if (t.align) el.style.textAlign = t.align === 'start' ? 'left' : t.align === 'end' ? 'right' : 'center';
  el.classList.add(t.wrap ? 'flex-text--wrap' : 'flex-text--nowrap');
  return el;
}

function renderButton(b, onAction) {
  const style = b.style ?? 'link';
  const el = h(
    'button',
    {
      type: 'button',
      class: `flex-button flex-button--${style} flex-button--${b.height ?? 'md'}`,
      onclick: () => onAction(b.action),
    },
    actionLabel(b.action),
  );
  if (b.color) el.style[style === 'link' ? 'color' : 'backgroundColor'] = b.color;
  else if (style !== 'link') el.style.backgroundColor = BUTTON_COLORS[style];
  return el;
}
