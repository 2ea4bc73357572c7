/** The simulator's server API (src/demo/demo-api-routes.ts). */

async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || `HTTP ${res.status}`);
  return data;
}

export const api = {
  state: () => call('GET', 'api/state'),
  history: (chat) => call('GET', `api/history?chat=${encodeURIComponent(chat)}`).then((d) => d.items),
  /** @param {{chat: string, kind: 'text'|'postback'|'follow', as?: string, text?: string, data?: string, displayText?: string, params?: object}} body */
  send: (body) => call('POST', 'api/send', body),
  addUser: (name) => call('POST', 'api/users', name ? { name } : {}).then((d) => d.user),
  clock: () => call('GET', 'api/clock'),
  advanceClock: (minutes) => call('POST', 'api/clock', { advanceMinutes: minutes }),
  setClock: (iso) => call('POST', 'api/clock', { set: iso }),
};

/**
 * Listens to what happens on the server. `onReconnect` runs when the stream comes back after
 * a break, so the page can reload what it may have missed.
 */
export function listen({ onItem, onClock, onPeople, onReconnect }) {
  const source = new EventSource('api/events');
  let broken = false;
  source.addEventListener('item', (e) => onItem(JSON.parse(e.data).item));
  source.addEventListener('clock', (e) => onClock(JSON.parse(e.data).now));
  source.addEventListener('people', () => onPeople());
  source.addEventListener('error', () => {
    broken = true;
  });
  source.addEventListener('open', () => {
    if (broken) onReconnect();
    broken = false;
  });
  return source;
}
