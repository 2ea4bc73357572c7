import type { Config } from '../../config.js';
import { deployRichMenu, type DeployedRichMenu } from './deploy-rich-menu.js';
import { createRichMenuClients } from './rich-menu-clients.js';
import { richMenuDefinition } from './rich-menu-definition.js';
import { renderRichMenuImage } from './rich-menu-image.js';

/**
 * What `npm run richmenu` does: draws the image, then creates the menu on the configured LINE
 * channel and makes it the default. Refuses demo mode, where there is no channel to set it on
 * (the demo's chat simulator shows the menu by itself).
 */
export async function setUpRichMenu(config: Config, log: (line: string) => void): Promise<DeployedRichMenu> {
  if (config.demoMode) {
    throw new Error(
      'no LINE channel configured (LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are empty): demo mode shows the rich menu in the chat simulator instead',
    );
  }
  const definition = richMenuDefinition();
  const image = await renderRichMenuImage(definition);
  log(`drew the rich menu image (${definition.size.width}x${definition.size.height} PNG, ${image.length} bytes)`);
  log(`LINE API: ${config.line.apiBaseUrl}  data API: ${config.line.dataApiBaseUrl}`);
  const clients = createRichMenuClients({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.line.apiBaseUrl,
    dataApiBaseUrl: config.line.dataApiBaseUrl,
  });
  return deployRichMenu(clients, definition, image, log);
}
