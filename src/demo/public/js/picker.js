import { h } from './dom.js';

const INPUT_TYPE = { date: 'date', time: 'time', datetime: 'datetime-local' };
const FIELD_LABEL = { date: '日付', time: '時刻', datetime: '日時' };

/** LINE writes datetimes as 2026-12-03t14:00 or 2026-12-03T14:00; the input wants the capital T. */
const toInputValue = (v) => (typeof v === 'string' ? v.replace('t', 'T') : '');

/**
 * Opens a date/time picker like LINE's for a `datetimepicker` action, honouring its mode,
 * initial, min and max. Resolves to the postback `params` LINE would send
 * ({date}, {time} or {datetime}), or null when cancelled.
 * @param {HTMLDialogElement} dialog
 * @param {{ mode: 'date'|'time'|'datetime', label?: string, initial?: string, min?: string, max?: string }} action
 */
export function pickDateTime(dialog, action) {
  const mode = INPUT_TYPE[action.mode] ? action.mode : 'datetime';
  const input = h('input', {
    id: 'picker-input',
    type: INPUT_TYPE[mode],
    required: true,
    value: toInputValue(action.initial) || null,
    min: toInputValue(action.min) || null,
    max: toInputValue(action.max) || null,
  });
  const error = h('p', { class: 'picker__error', role: 'alert' });
  const form = h(
    'form',
    { method: 'dialog', class: 'picker' },
    h('h2', { class: 'picker__title', id: 'picker-title', text: action.label || `${FIELD_LABEL[mode]}を選択` }),
    h('label', { for: 'picker-input', class: 'picker__label', text: FIELD_LABEL[mode] }),
    input,
    error,
    h(
      'div',
      { class: 'picker__actions' },
      h(
        'button',
        { type: 'button', class: 'button button--secondary', value: 'cancel', onclick: () => dialog.close('cancel') },
        'キャンセル',
      ),
      h('button', { type: 'submit', class: 'button button--primary', value: 'ok' }, '決定'),
    ),
  );
  dialog.replaceChildren(form);
  dialog.setAttribute('aria-labelledby', 'picker-title');
  return new Promise((resolve) => {
    form.addEventListener('submit', (e) => {
      // The browser checks min and max; say why in Japanese instead of its own bubble.
      if (!input.checkValidity()) {
        e.preventDefault();
        error.textContent = `${FIELD_LABEL[mode]}を選べる範囲（${action.min ?? '指定なし'} 〜 ${action.max ?? '指定なし'}）で選んでください。`;
      }
    });
    dialog.addEventListener(
      'close',
      () => {
        const ok = dialog.returnValue === 'ok' && input.value !== '';
        resolve(ok ? { [mode]: input.value } : null);
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
