/**
 * What the page knows of each chat: the history loaded from the server plus what arrived since
 * through the event stream, each item once.
 * @param {(chat: string) => Promise<object[]>} fetchHistory
 */
export function createChatStore(fetchHistory) {
  /** chat id -> { items, ids } */
  const chats = new Map();
  const chatOf = (id) => {
    if (!chats.has(id)) chats.set(id, { items: [], ids: new Set() });
    return chats.get(id);
  };
  return {
    items: (id) => chatOf(id).items,
    /** Adds an item unless it is known (the stream and a history load may both bring it); true when new. */
    remember(item) {
      const chat = chatOf(item.chat);
      if (chat.ids.has(item.id)) return false;
      chat.ids.add(item.id);
      chat.items.push(item);
      return true;
    },
    /** Reloads one chat from the server; resolves to its items. */
    async load(id) {
      const fetched = await fetchHistory(id);
      const chat = chatOf(id);
      const known = new Set(fetched.map((i) => i.id));
      // Items that came through the stream while the history was loading are newer: keep them last.
      chat.items = [...fetched, ...chat.items.filter((i) => !known.has(i.id))];
      chat.ids = new Set(chat.items.map((i) => i.id));
      return chat.items;
    },
  };
}
