import { actionLabel } from './actions.js';
import { h } from './dom.js';

/** Template messages: buttons, confirm and carousel, drawn as LINE draws them. */
export function renderTemplate(template, onAction) {
  switch (template.type) {
    case 'buttons':
      return buttonsCard(template, onAction);
    case 'confirm':
      return h(
        'div',
        { class: 'template template--confirm' },
        h('p', { class: 'template__text', text: template.text ?? '' }),
        h(
          'div',
          { class: 'template__confirm-actions' },
          ...(template.actions ?? []).map((a) => actionButton(a, onAction)),
        ),
      );
    case 'carousel':
      return h(
        'div',
        { class: 'flex-carousel', role: 'group', 'aria-label': 'カルーセル', tabindex: '0' },
        ...(template.columns ?? []).map((c) => buttonsCard(c, onAction)),
      );
    default:
      return h('div', { class: 'template', text: `[${template.type}]` });
  }
}

function buttonsCard(t, onAction) {
  return h(
    'div',
    { class: 'template template--buttons' },
    t.thumbnailImageUrl ? h('img', { class: 'template__image', src: t.thumbnailImageUrl, alt: '' }) : null,
    h(
      'div',
      { class: 'template__body' },
      t.title ? h('p', { class: 'template__title', text: t.title }) : null,
      h('p', { class: 'template__text', text: t.text ?? '' }),
    ),
    h('div', { class: 'template__actions' }, ...(t.actions ?? []).map((a) => actionButton(a, onAction))),
  );
}

function actionButton(action, onAction) {
  return h(
    'button',
    { type: 'button', class: 'template__action', onclick: () => onAction(action) },
    actionLabel(action),
  );
}
