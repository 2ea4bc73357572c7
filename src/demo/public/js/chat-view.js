import { actionLabel } from './actions.js';
import { clear, h } from './dom.js';
import { formatDay } from './format.js';
import { renderRichMenu } from './rich-menu.js';

/**
 * One phone screen: the talk, the quick replies of the latest message, the text box and (for
 * one-to-one chats) the rich menu.
 * @param {HTMLElement} root
 * @param {{ key: string, inputLabel: string, renderRow: (item: object) => HTMLElement, onSendText: (text: string) => void, onAction: (action: object) => void }} options
 */
export function createChatView(root, options) {
  const { key } = options;
  const title = h('h2', { class: 'chat__title', id: `${key}-title` });
  const subtitle = h('p', { class: 'chat__subtitle' });
  const list = h('ol', { class: 'chat__list' });
  const log = h(
    'div',
    { class: 'chat__log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': `${key}-title`, tabindex: '0' },
    list,
  );
  const follow = h('div', { class: 'chat__follow', hidden: true });
  const quick = h('div', { class: 'quick-replies', role: 'group', 'aria-label': 'クイックリプライ', hidden: true });
  const input = h('input', {
    id: `${key}-input`,
    class: 'composer__input',
    type: 'text',
    autocomplete: 'off',
    enterkeyhint: 'send',
    placeholder: 'メッセージを入力',
  });
  const menuPanel = h('div', { class: 'rich-menu', id: `${key}-rich-menu`, hidden: true });
  const menuToggle = h('button', {
    type: 'button',
    class: 'chat-bar',
    'aria-controls': `${key}-rich-menu`,
    'aria-expanded': 'false',
    hidden: true,
  });
  const form = h(
    'form',
    { class: 'composer' },
    h('label', { for: `${key}-input`, class: 'visually-hidden', text: options.inputLabel }),
    input,
    h('button', { type: 'submit', class: 'composer__send', 'aria-label': '送信' }, '送信'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    input.value = '';
    hideQuickReplies();
    options.onSendText(text);
  });
  menuToggle.addEventListener('click', () => setMenuOpen(menuPanel.hidden));

  root.replaceChildren(
    h(
      'div',
      { class: 'chat' },
      h('header', { class: 'chat__header' }, title, subtitle),
      log,
      follow,
      quick,
      form,
      menuToggle,
      menuPanel,
    ),
  );

  let items = [];

  function setMenuOpen(open) {
    menuPanel.hidden = !open;
    menuToggle.setAttribute('aria-expanded', String(open));
    menuToggle.querySelector('.chat-bar__arrow')?.replaceChildren(open ? '▼' : '▲');
  }

  function hideQuickReplies() {
    quick.hidden = true;
    clear(quick);
  }

  /** LINE shows the quick reply of the latest message only, until the person answers. */
  function showQuickRepliesOf(item) {
    hideQuickReplies();
    const entries = item?.from === 'bot' ? (item.message.quickReply?.items ?? []) : [];
    if (entries.length === 0) return;
    for (const entry of entries) {
      quick.append(
        h(
          'button',
          {
            type: 'button',
            class: 'quick-reply',
            onclick: () => {
              hideQuickReplies();
              options.onAction(entry.action);
            },
          },
          actionLabel(entry.action),
        ),
      );
    }
    quick.hidden = false;
  }

  function rowFor(item, previous) {
    const rows = [];
    if (!previous || formatDay(previous.at) !== formatDay(item.at))
      rows.push(h('li', { class: 'chat__day' }, h('span', { text: formatDay(item.at) })));
    const row = options.renderRow(item);
    // Consecutive messages from the same sender share one avatar and name, as in LINE.
    if (previous && previous.from === item.from && previous.senderId === item.senderId && rows.length === 0)
      row.classList.add('msg--continued');
    rows.push(row);
    return rows;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  return {
    setTitle(text, sub = '') {
      title.textContent = text;
      subtitle.textContent = sub;
    },
    /** Replaces the whole talk (switching users, or after a reconnect). */
    setItems(next) {
      items = [...next];
      clear(list);
      items.forEach((item, i) => list.append(...rowFor(item, items[i - 1])));
      showQuickRepliesOf(items.at(-1));
      scrollToEnd();
    },
    append(item) {
      const previous = items.at(-1);
      items.push(item);
      list.append(...rowFor(item, previous));
      showQuickRepliesOf(item);
      scrollToEnd();
    },
    hideQuickReplies,
    /** The "add friend" prompt of an account the person has not followed yet. */
    setFollowPrompt(prompt) {
      follow.hidden = !prompt;
      if (prompt) follow.replaceChildren(prompt);
      else clear(follow);
    },
    /** @param {object|null} menu the rich menu (see rich-menu.js), null for group chats */
    setRichMenu(menu, onText) {
      menuToggle.hidden = !menu;
      if (!menu) {
        menuPanel.hidden = true;
        return;
      }
      menuToggle.replaceChildren(
        h('span', { text: menu.definition.chatBarText }),
        h('span', { class: 'chat-bar__arrow', 'aria-hidden': 'true' }),
      );
      menuPanel.replaceChildren(renderRichMenu(menu, onText));
      setMenuOpen(menu.definition.selected !== false);
    },
    focusInput() {
      input.focus();
    },
  };
}
