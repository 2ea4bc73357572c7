import { h } from './dom.js';

/**
 * The rich menu under the chat: the same image and tap areas the bot sets up on LINE. Each
 * area is a real <button> laid over the image, so it can be reached with the keyboard and
 * read by a screen reader. Without an image (no Japanese font on the server) the labels are
 * drawn as text instead.
 * @param {{ definition: object, captions: string[], imageUrl: string|null }} menu
 * @param {(text: string) => void} onText
 */
export function renderRichMenu(menu, onText) {
  const { width, height } = menu.definition.size;
  const pct = (n, total) => `${(n / total) * 100}%`;
  const areas = menu.definition.areas.map((area, i) => {
    const b = area.bounds;
    const label = area.action.label ?? area.action.text;
    return h(
      'button',
      {
        type: 'button',
        class: 'rich-menu__area',
        'aria-label': label,
        style: {
          left: pct(b.x, width),
          top: pct(b.y, height),
          width: pct(b.width, width),
          height: pct(b.height, height),
        },
        onclick: () => onText(area.action.text),
      },
      menu.imageUrl
        ? null
        : h(
            'span',
            { class: 'rich-menu__label' },
            h('strong', { text: label }),
            h('small', { text: menu.captions[i] ?? '' }),
          ),
    );
  });
  return h(
    'div',
    {
      class: `rich-menu__board${menu.imageUrl ? '' : ' rich-menu__board--text'}`,
      style: { aspectRatio: `${width} / ${height}` },
    },
    menu.imageUrl ? h('img', { class: 'rich-menu__image', src: menu.imageUrl, alt: '' }) : null,
    ...areas,
  );
}
