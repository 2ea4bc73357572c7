import { h } from './dom.js';
import { formatTime, linkify } from './format.js';
import { renderFlex } from './render-flex.js';
import { renderTemplate } from './render-template.js';

/**
 * One chat item as a row of the talk: the bot's messages on the left with its avatar and name,
 * the viewer's own on the right in green, other people's on the left with their name.
 * @param {object} item see src/demo/chat-item.ts
 * @param {{ botName: string, isMine: (item: object) => boolean, showSender: boolean, onAction: (action: object) => void }} view
 */
export function renderItem(item, view) {
  const mine = view.isMine(item);
  const time = h('time', { class: 'msg__time', datetime: new Date(item.at).toISOString(), text: formatTime(item.at) });
  const content = renderContent(item.message, view.onAction, mine);
  if (mine) {
    return h(
      'li',
      { class: 'msg msg--mine', dataset: { id: item.id } },
      h('div', { class: 'msg__meta' }, time),
      content,
    );
  }
  const name = item.from === 'bot' ? view.botName : (item.senderName ?? '');
  return h(
    'li',
    { class: `msg msg--theirs ${item.from === 'bot' ? 'msg--bot' : 'msg--member'}`, dataset: { id: item.id } },
    h('div', { class: 'msg__avatar', 'aria-hidden': 'true', text: item.from === 'bot' ? 'HW' : name.slice(-2) }),
    h(
      'div',
      { class: 'msg__main' },
      view.showSender || item.from === 'bot' ? h('p', { class: 'msg__name', text: name }) : null,
      h('div', { class: 'msg__row' }, content, h('div', { class: 'msg__meta' }, time)),
    ),
  );
}

function renderContent(message, onAction, mine) {
  switch (message.type) {
    case 'text':
      return h('div', { class: `bubble ${mine ? 'bubble--mine' : 'bubble--theirs'}` }, ...linkify(message.text ?? ''));
    case 'flex':
      return h(
        'div',
        { class: 'flex-message', role: 'group', 'aria-label': message.altText ?? 'カード' },
        renderFlex(message.contents, onAction),
      );
    case 'template':
      return h(
        'div',
        { class: 'flex-message', role: 'group', 'aria-label': message.altText ?? 'テンプレート' },
        renderTemplate(message.template, onAction),
      );
    case 'sticker':
      return h('div', { class: 'bubble bubble--theirs', text: '（スタンプ）' });
    case 'image':
      return h('img', {
        class: 'image-message',
        src: message.previewImageUrl ?? message.originalContentUrl,
        alt: '画像',
      });
    default:
      return h('div', { class: 'bubble bubble--theirs', text: message.altText ?? `[${message.type}]` });
  }
}
