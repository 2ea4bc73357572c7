/**
 * The durable floor: the baseline plus the least a bot that must not lose a message has to do.
 * Each event is stored before it is acknowledged (an inbox row), and a per-chat state row is read
 * and written in a second transaction before the reply, both on a SQLite file with WAL and
 * `synchronous=FULL`, commits shared by whatever arrived in the same turn of the event loop.
 * better-sqlite3 directly, no query builder, no conversation: the cost of durability and state,
 * measured beside the baseline, so the gap between it and ours is what the product's own work costs.
 * Prints `{"port": N}` on stdout once it listens.
 */
import { middleware, type webhook } from '@line/bot-sdk';
import Database from 'better-sqlite3';
import express from 'express';
import { echoOf, listenForBench, replyClient } from './echo-parts.js';

const channelSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const client = replyClient();

const sqlite = new Database(process.env.SQLITE_PATH ?? 'floor.db');
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.exec(`create table if not exists inbox (id text primary key, chat text not null, payload text, received_at text not null, status text not null);
  create table if not exists chat_state (chat text primary key, state text not null, updated_at text not null);`);
const accept = sqlite.prepare(
  "insert into inbox (id, chat, payload, received_at, status) values (?, ?, ?, ?, 'pending') on conflict do nothing",
);
const markDone = sqlite.prepare("update inbox set status = 'done', payload = null where id = ?");
const loadState = sqlite.prepare('select state from chat_state where chat = ?');
const saveState = sqlite.prepare(
  'insert into chat_state (chat, state, updated_at) values (?, ?, ?) on conflict (chat) do update set state = excluded.state, updated_at = excluded.updated_at',
);

/** Work queued in one turn of the event loop commits together (one fsync), as ours does. */
function createCommitter() {
  let queued: { work: () => void; done: () => void }[] = [];
  const commitQueued = sqlite.transaction((batch: typeof queued) => batch.forEach((item) => item.work()));
  return (work: () => void) =>
    new Promise<void>((resolve) => {
      if (queued.length === 0) {
        setImmediate(() => {
          const batch = queued;
          queued = [];
          commitQueued(batch);
          batch.forEach((item) => item.done());
        });
      }
      queued.push({ work, done: resolve });
    });
}

const durably = createCommitter();

async function answer(event: webhook.Event, receivedAt: string): Promise<void> {
  if (!('replyToken' in event) || !event.replyToken) return;
  const chat = event.source?.type === 'user' ? (event.source.userId ?? '') : '';
  await durably(() => accept.run(event.webhookEventId, chat, JSON.stringify(event), receivedAt));
  await durably(() => {
    const row = loadState.get(chat) as { state: string } | undefined;
    const state = JSON.parse(row?.state ?? '{"steps":0}') as { steps: number };
    saveState.run(chat, JSON.stringify({ steps: state.steps + 1, last: echoOf(event) }), receivedAt);
    markDone.run(event.webhookEventId);
  });
  await client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: echoOf(event) }] });
}

const app = express();
app.post('/webhook', middleware({ channelSecret }), (req, res) => {
  const events = (req.body as webhook.CallbackRequest).events;
  const receivedAt = new Date().toISOString();
  Promise.all(events.map((e) => answer(e, receivedAt))).then(
    () => res.json({}),
    () => res.status(500).end(),
  );
});

listenForBench(app, () => sqlite.close());
