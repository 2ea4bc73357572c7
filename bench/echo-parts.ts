/**
 * What the two reference servers of the benchmark share (the baseline and the durable floor):
 * the SDK client they reply through, the text they echo, and how they listen and stop. Kept in
 * one place so the floor differs from the baseline only in what it stores.
 */
import { messagingApi, type webhook } from '@line/bot-sdk';
import type { Express } from 'express';

export function replyClient(): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({
    channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN ?? '',
    baseURL: process.env.LINE_API_BASE_URL,
  });
}

export function echoOf(event: webhook.Event): string {
  if (event.type === 'message' && event.message.type === 'text') return event.message.text;
  if (event.type === 'postback') return event.postback.data;
  return event.type;
}

/** Listens on a free loopback port, prints `{"port": N}` for the bench, and closes on SIGTERM. */
export function listenForBench(app: Express, onClosed: () => void = () => undefined): void {
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close(() => {
      onClosed();
      process.exit(0);
    });
    server.closeAllConnections();
  });
}
