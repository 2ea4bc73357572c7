import type { webhook } from '@line/bot-sdk';
import { signWebhookBody } from '../line/webhook-signature.js';

/** The bot's own user id, which LINE puts in `destination`. */
export const DEMO_BOT_USER_ID = 'U00000000000000000000000000000b07';

/**
 * Posts events to the app's own /webhook over HTTP, signed with the channel secret, exactly as
 * LINE's servers would: the simulator goes through the same signature check, inbox and queue
 * as real traffic instead of calling the processor directly. Resolves to the HTTP status.
 */
export async function postSignedWebhook(
  webhookUrl: string,
  channelSecret: string,
  events: webhook.Event[],
): Promise<number> {
  const body = JSON.stringify({ destination: DEMO_BOT_USER_ID, events } satisfies webhook.CallbackRequest);
  const res = await fetch(webhookUrl, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': signWebhookBody(channelSecret, body),
      'user-agent': 'LineBotWebhook/2.0',
    },
  });
  await res.arrayBuffer();
  return res.status;
}
