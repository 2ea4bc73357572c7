import type { messagingApi } from '@line/bot-sdk';
import type { RichMenuDefinition } from './rich-menu-definition.js';

/** The two SDK clients the rich menu needs: JSON calls go to api.line.me, the image to api-data.line.me. */
export interface RichMenuClients {
  api: Pick<
    messagingApi.MessagingApiClient,
    'createRichMenu' | 'getRichMenuList' | 'deleteRichMenu' | 'setDefaultRichMenu'
  >;
  blob: Pick<messagingApi.MessagingApiBlobClient, 'setRichMenuImage'>;
}

export interface DeployedRichMenu {
  richMenuId: string;
  imageBytes: number;
  /** Earlier menus of the same name that were deleted. */
  deleted: string[];
}

/**
 * Creates the menu, uploads its image, makes it the default, and only then deletes older menus
 * of the same name, so users are never left without a menu while this runs. A failure part-way
 * leaves the old default in place (and at worst an extra menu the next run deletes).
 */
export async function deployRichMenu(
  clients: RichMenuClients,
  definition: RichMenuDefinition,
  image: Buffer,
  log: (line: string) => void = () => undefined,
): Promise<DeployedRichMenu> {
  const { richMenuId } = await clients.api.createRichMenu(definition);
  log(`created rich menu ${richMenuId} ("${definition.name}", ${definition.areas.length} areas)`);
  await clients.blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
  log(`uploaded its image (PNG, ${image.length} bytes)`);
  await clients.api.setDefaultRichMenu(richMenuId);
  log('set it as the default rich menu for every user');
  const { richmenus } = await clients.api.getRichMenuList();
  const older = richmenus
    .filter((m) => m.name === definition.name && m.richMenuId !== richMenuId)
    .map((m) => m.richMenuId);
  for (const id of older) {
    await clients.api.deleteRichMenu(id);
    log(`deleted older rich menu ${id}`);
  }
  return { richMenuId, imageBytes: image.length, deleted: older };
}
