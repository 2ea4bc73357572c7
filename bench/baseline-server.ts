/**
 * The baseline: the least a LINE bot can do. `express` with the SDK's `middleware()` (signature
 * check and JSON parsing) and one reply per event through the SDK client, sent before the webhook
 * is answered, in the shape of the SDK's echo-bot example. No storage, no state, no conversation.
 * Prints `{"port": N}` on stdout once it listens.
 */
import { middleware, type webhook } from '@line/bot-sdk';
import express from 'express';
import { echoOf, listenForBench, replyClient } from './echo-parts.js';

const channelSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const client = replyClient();

async function answer(event: webhook.Event): Promise<void> {
  if (!('replyToken' in event) || !event.replyToken) return;
  await client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: echoOf(event) }] });
}

const app = express();
app.post('/webhook', middleware({ channelSecret }), (req, res) => {
  const events = (req.body as webhook.CallbackRequest).events;
  Promise.all(events.map(answer)).then(
    () => res.json({}),
    () => res.status(500).end(),
  );
});

listenForBench(app);
