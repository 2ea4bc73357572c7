import { messagingApi } from '@line/bot-sdk';
import type { RichMenuClients } from './deploy-rich-menu.js';

/**
 * SDK clients for the rich menu endpoints. `dataApiBaseUrl` matters: LINE takes the image on
 * api-data.line.me, not api.line.me; tests and the demo point both at the fake platform.
 */
export function createRichMenuClients(options: {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}): RichMenuClients {
  return {
    api: new messagingApi.MessagingApiClient({
      channelAccessToken: options.channelAccessToken,
      baseURL: options.apiBaseUrl,
    }),
    blob: new messagingApi.MessagingApiBlobClient({
      channelAccessToken: options.channelAccessToken,
      baseURL: options.dataApiBaseUrl,
    }),
  };
}
