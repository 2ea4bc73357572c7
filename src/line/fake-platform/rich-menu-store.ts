import { randomBytes } from 'node:crypto';
import type { JsonRecord } from './json-value.js';

export interface StoredRichMenu {
  richMenuId: string;
  /** The rich menu object as created (size, selected, name, chatBarText, areas). */
  definition: JsonRecord;
  image?: { contentType: string; bytes: Buffer };
}

export interface RichMenuStore {
  create(definition: JsonRecord): StoredRichMenu;
  get(richMenuId: string): StoredRichMenu | undefined;
  list(): StoredRichMenu[];
  /** Also clears the default when it pointed at this menu, as LINE does. */
  delete(richMenuId: string): boolean;
  setImage(richMenuId: string, image: { contentType: string; bytes: Buffer }): void;
  defaultId(): string | undefined;
  setDefault(richMenuId: string | undefined): void;
}

export function createRichMenuStore(): RichMenuStore {
  const menus = new Map<string, StoredRichMenu>();
  let defaultRichMenuId: string | undefined;
  return {
    create(definition) {
      const menu = { richMenuId: `richmenu-${randomBytes(16).toString('hex')}`, definition };
      menus.set(menu.richMenuId, menu);
      return menu;
    },
    get: (richMenuId) => menus.get(richMenuId),
    list: () => [...menus.values()],
    delete(richMenuId) {
      if (defaultRichMenuId === richMenuId) defaultRichMenuId = undefined;
      return menus.delete(richMenuId);
    },
    setImage(richMenuId, image) {
      const menu = menus.get(richMenuId);
      if (menu !== undefined) menu.image = image;
    },
    defaultId: () => defaultRichMenuId,
    setDefault(richMenuId) {
      defaultRichMenuId = richMenuId;
    },
  };
}
