import type { Config } from '../config.js';
import type { Logger } from '../infra/logger.js';
import { deployRichMenu } from '../line/rich-menu/deploy-rich-menu.js';
import { MissingJapaneseFontError } from '../line/rich-menu/japanese-font.js';
import { createRichMenuClients } from '../line/rich-menu/rich-menu-clients.js';
import { richMenuDefinition } from '../line/rich-menu/rich-menu-definition.js';
import { renderRichMenuImage } from '../line/rich-menu/rich-menu-image.js';
import type { DemoRichMenu } from './demo-context.js';

/**
 * Sets the rich menu up on the demo's fake platform the way `npm run richmenu` does on LINE, so
 * the simulator shows what a real user would see. Without a Japanese font the demo still starts:
 * the page then draws the menu's labels itself.
 */
export async function setUpDemoRichMenu(config: Config, logger: Logger): Promise<DemoRichMenu> {
  const definition = richMenuDefinition();
  let image: Buffer;
  try {
    image = await renderRichMenuImage(definition);
  } catch (e: unknown) {
    if (!(e instanceof MissingJapaneseFontError)) throw e;
    logger.warn(e.message);
    return { richMenuId: null, definition, image: null };
  }
  const clients = createRichMenuClients({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.line.apiBaseUrl,
    dataApiBaseUrl: config.line.dataApiBaseUrl,
  });
  const { richMenuId } = await deployRichMenu(clients, definition, image, (line) => logger.debug(`rich menu: ${line}`));
  return { richMenuId, definition, image };
}
