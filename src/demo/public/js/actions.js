/** What a LINE action shows on its button. */
export function actionLabel(action) {
  return action?.label ?? action?.text ?? '';
}

/** Schemes a uri action may open here; anything else (javascript:, data:) is refused. */
const SAFE_URI = /^(https?:|tel:|mailto:)/i;

/**
 * Turns a tapped action into what LINE would do: a message action sends its text, a postback
 * sends its data (showing displayText as the person's bubble), a date-time picker opens the
 * picker first, a uri action opens the page.
 * @param {object} action a LINE action object
 * @param {{ sendText(text: string): Promise<void>, sendPostback(data: string, displayText?: string, params?: object): Promise<void>, pick(action: object): Promise<object|null>, notice(text: string): void }} io
 */
export async function performAction(action, io) {
  switch (action?.type) {
    case 'message':
      return io.sendText(action.text);
    case 'postback':
      return io.sendPostback(action.data, action.displayText ?? action.text);
    case 'datetimepicker': {
      const params = await io.pick(action);
      if (params) await io.sendPostback(action.data, undefined, params);
      return undefined;
    }
    case 'uri':
      if (SAFE_URI.test(action.uri ?? '')) window.open(action.uri, '_blank', 'noopener,noreferrer');
      else io.notice('このリンクは開けません。');
      return undefined;
    default:
      io.notice(`「${actionLabel(action)}」（${action?.type}）はこのシミュレーターでは使えません。`);
      return undefined;
  }
}
