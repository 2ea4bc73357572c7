import { performAction } from './actions.js';
import { api, listen } from './api.js';
import { createChatStore } from './chat-store.js';
import { createChatView } from './chat-view.js';
import { createClockControl } from './clock.js';
import { h } from './dom.js';
import { pickDateTime } from './picker.js';
import { renderItem } from './render-message.js';

/**
 * The simulator page: two phones (a job seeker's chat and the staff group), the clock bar, and
 * the event stream that keeps them current. All state lives in this call.
 */
function startSimulator() {
  /** The page's state: who is who, and what each chat holds (filled from history and the event stream). */
  const state = {
    bot: { name: '' },
    users: [],
    staff: [],
    staffGroup: { id: '', name: '' },
    richMenu: null,
    currentUser: '',
    staffAs: '',
    /** chat id -> number of messages not seen yet */
    unread: new Map(),
  };

  const chats = createChatStore(api.history);
  const $ = (id) => document.getElementById(id);
  const dialog = $('picker-dialog');

  let toastTimer;
  function notice(text) {
    const toast = $('toast');
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toast.hidden = true;
    }, 5000);
  }

  function send(body) {
    return api.send(body).catch((e) => notice(`送信できませんでした：${e.message}`));
  }

  /** What tapping and typing do in one chat; staff speak in the group as the chosen member. */
  function ioFor(chatId) {
    const as = chatId === state.staffGroup.id ? state.staffAs : undefined;
    return {
      sendText: (text) => send({ chat: chatId, kind: 'text', text, as }),
      sendPostback: (data, displayText, params) =>
        send({ chat: chatId, kind: 'postback', data, displayText, params, as }),
      pick: (action) => pickDateTime(dialog, action),
      notice,
    };
  }

  const userView = createChatView($('user-phone'), {
    key: 'user',
    inputLabel: 'メッセージ（利用者として送信）',
    renderRow: (item) =>
      renderItem(item, {
        botName: state.bot.name,
        isMine: (i) => i.from === 'person',
        showSender: false,
        onAction: (a) => performAction(a, ioFor(state.currentUser)),
      }),
    onSendText: (text) => ioFor(state.currentUser).sendText(text),
    onAction: (action) => performAction(action, ioFor(state.currentUser)),
  });

  const staffView = createChatView($('staff-phone'), {
    key: 'staff',
    inputLabel: 'メッセージ（職員として職員グループに送信）',
    renderRow: (item) =>
      renderItem(item, {
        botName: state.bot.name,
        isMine: (i) => i.from === 'person' && i.senderId === state.staffAs,
        showSender: true,
        onAction: (a) => performAction(a, ioFor(state.staffGroup.id)),
      }),
    onSendText: (text) => ioFor(state.staffGroup.id).sendText(text),
    onAction: (action) => performAction(action, ioFor(state.staffGroup.id)),
  });

  function currentUser() {
    return state.users.find((u) => u.id === state.currentUser);
  }

  function renderFollowPrompt() {
    const user = currentUser();
    if (!user || user.followed) {
      userView.setFollowPrompt(null);
      return;
    }
    userView.setFollowPrompt(
      h(
        'div',
        { class: 'follow-card' },
        h('p', { text: `${user.name} さんは、まだ「${state.bot.name}」を友だち追加していません。` }),
        h(
          'button',
          { type: 'button', class: 'button button--primary', onclick: () => send({ chat: user.id, kind: 'follow' }) },
          '友だち追加',
        ),
      ),
    );
  }

  function renderUserSwitcher() {
    const list = $('user-switcher');
    list.replaceChildren(
      ...state.users.map((u) => {
        const unread = state.unread.get(u.id) ?? 0;
        return h(
          'button',
          {
            type: 'button',
            class: 'switcher__user',
            'aria-pressed': String(u.id === state.currentUser),
            onclick: () => void showUser(u.id),
          },
          u.name,
          unread > 0 ? h('span', { class: 'badge', 'aria-label': `未読 ${unread} 件`, text: String(unread) }) : null,
        );
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'switcher__add',
          'aria-label': '利用者を追加',
          title: '利用者を追加',
          onclick: () => void addUser(),
        },
        '＋ 追加',
      ),
    );
  }

  async function showUser(id) {
    state.currentUser = id;
    state.unread.delete(id);
    renderUserSwitcher();
    const user = currentUser();
    userView.setTitle(state.bot.name, user ? `${user.name} さんのトーク` : '');
    renderFollowPrompt();
    // Never show one person's chat under another's name while the history loads.
    userView.setItems([]);
    const items = await chats.load(id);
    if (state.currentUser === id) userView.setItems(items);
  }

  async function addUser() {
    try {
      const user = await api.addUser();
      await refreshPeople();
      await showUser(user.id);
    } catch (e) {
      notice(`利用者を追加できませんでした：${e.message}`);
    }
  }

  async function refreshPeople() {
    const s = await api.state();
    state.users = s.users;
    renderUserSwitcher();
    renderFollowPrompt();
  }

  function renderStaffPicker() {
    const select = $('staff-as');
    select.replaceChildren(...state.staff.map((s) => h('option', { value: s.id, text: s.name })));
    select.value = state.staffAs;
    select.addEventListener('change', async () => {
      state.staffAs = select.value;
      staffView.setItems(chats.items(state.staffGroup.id));
    });
  }

  function onItem(item) {
    if (!chats.remember(item)) return;
    if (item.chat === state.currentUser) userView.append(item);
    else if (item.chat === state.staffGroup.id) staffView.append(item);
    else {
      state.unread.set(item.chat, (state.unread.get(item.chat) ?? 0) + 1);
      renderUserSwitcher();
    }
  }

  async function reloadShown() {
    userView.setItems(await chats.load(state.currentUser));
    staffView.setItems(await chats.load(state.staffGroup.id));
  }

  function setUpPaneSwitch() {
    const buttons = document.querySelectorAll('[data-pane]');
    for (const button of buttons) {
      button.addEventListener('click', () => {
        document.body.dataset.pane = button.dataset.pane;
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
      });
    }
  }

  async function boot() {
    const s = await api.state();
    Object.assign(state, {
      bot: s.bot,
      users: s.users,
      staff: s.staff,
      staffGroup: s.staffGroup,
      richMenu: s.richMenu,
      staffAs: s.staff[0]?.id ?? '',
    });
    // A terms link that is only the default address is said to be a placeholder.
    $('terms-placeholder').hidden = !s.terms.placeholder;
    $('terms-url').textContent = s.terms.url;
    const clock = createClockControl(
      {
        output: $('clock-now'),
        buttons: [...document.querySelectorAll('[data-advance]')],
        form: $('clock-form'),
        input: $('clock-set'),
      },
      { advance: api.advanceClock, set: api.setClock, notice },
    );
    clock.sync(s.clock.now);
    // Listen before loading histories, so nothing sent in between is missed (duplicates are dropped).
    listen({
      onItem,
      onClock: (now) => clock.sync(now),
      onPeople: () => void refreshPeople(),
      onReconnect: () => void reloadShown(),
    });
    staffView.setTitle(state.staffGroup.name, `${state.bot.name} と職員 ${state.staff.length} 人`);
    userView.setRichMenu(state.richMenu, (text) => ioFor(state.currentUser).sendText(text));
    staffView.setRichMenu(null);
    renderStaffPicker();
    setUpPaneSwitch();
    await showUser(state.users[0].id);
    staffView.setItems(await chats.load(state.staffGroup.id));
    document.body.dataset.ready = 'true';
  }

  return boot().catch((e) => notice(`シミュレーターを開始できませんでした：${e.message}`));
}

void startSimulator();
