/**
 * The baseline: the least a LINE bot can do. `express` with the SDK's `middleware()` (signature
 * check and JSON parsing) and one reply per event through the SDK client, sent before the webhook
 * is answered, in the shape of the SDK's echo-bot example. No storage, no state, no conversation.
 * Prints `{"port": N}` on stdout once it listens.
 */
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import express from 'express';

const channelSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const client = new messagingApi.MessagingApiClient({
  channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN ?? '',
  baseURL: process.env.LINE_API_BASE_URL,
});

function echoOf(event: webhook.Event): string {
  if (event.type === 'message' && event.message.type === 'text') return event.message.text;
  if (event.type === 'postback') return event.postback.data;
  return event.type;
}

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

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
