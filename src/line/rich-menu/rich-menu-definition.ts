/**
 * The office's rich menu: what LINE shows at the bottom of the chat. Each area sends a plain
 * text message, the same words a user could type, so the menu and typing never disagree and
 * the conversation needs no rich-menu-specific postbacks.
 */

/** The JSON of LINE's rich menu object (Messaging API reference), as the SDK's RichMenuRequest takes it. */
export interface RichMenuBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RichMenuArea {
  bounds: RichMenuBounds;
  action: { type: 'message'; label: string; text: string };
}

export interface RichMenuDefinition {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: RichMenuArea[];
}

/** What one tile shows and sends. `icon` names a drawing in rich-menu-icons.ts. */
export interface RichMenuItem {
  text: string;
  caption: string;
  icon: RichMenuIcon;
  /** How the label is broken into lines on the image (default: one line, the text). */
  lines?: readonly string[];
  /** The main action of the menu, drawn in the accent colour. */
  primary?: boolean;
}

export type RichMenuIcon = 'calendar' | 'search' | 'swap' | 'clock' | 'chat' | 'help';

/** Used to find and delete the menus an earlier run created. Not shown to users. */
export const RICH_MENU_NAME = 'hellowork-aomori-main';
export const RICH_MENU_CHAT_BAR_TEXT = 'メニュー';
/** LINE's "large" template size: full width, the taller of the two standard heights. */
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;

/** Left to right, top to bottom. The texts are the words the conversation understands. */
export const RICH_MENU_ITEMS: readonly RichMenuItem[] = [
  { text: '予約する', caption: 'オンライン相談を申し込む', icon: 'calendar', primary: true },
  { text: '予約確認', caption: '申し込み内容と状況', icon: 'search' },
  { text: '予約変更・キャンセル', caption: '日時の変更・取り消し', icon: 'swap', lines: ['予約変更・', 'キャンセル'] },
  { text: '今すぐ相談', caption: '職員が空いていれば', icon: 'clock' },
  { text: '担当者と話す', caption: '職員におつなぎします', icon: 'chat' },
  { text: 'ヘルプ', caption: '使い方・お問い合わせ', icon: 'help' },
];

const COLUMNS = 3;
const ROWS = 2;

/**
 * Splits the image into a cols x rows grid. Guarantees: the cells tile the image exactly (no
 * gap, no overlap), because each edge is computed once and shared by its two neighbours.
 */
export function gridBounds(width: number, height: number, cols: number, rows: number): RichMenuBounds[] {
  const edge = (total: number, parts: number, i: number) => Math.round((total * i) / parts);
  const cells: RichMenuBounds[] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      const x = edge(width, cols, c);
      const y = edge(height, rows, r);
      cells.push({ x, y, width: edge(width, cols, c + 1) - x, height: edge(height, rows, r + 1) - y });
    }
  }
  return cells;
}

/** The rich menu object to create through the Messaging API. */
export function richMenuDefinition(items: readonly RichMenuItem[] = RICH_MENU_ITEMS): RichMenuDefinition {
  const cells = gridBounds(RICH_MENU_SIZE.width, RICH_MENU_SIZE.height, COLUMNS, ROWS);
  if (items.length !== cells.length)
    throw new RangeError(`the ${COLUMNS}x${ROWS} menu needs ${cells.length} items, got ${items.length}`);
  return {
    size: { ...RICH_MENU_SIZE },
    // Closed by default, so the chat stays readable on a phone (the menu covers half the screen);
    // the chat bar's メニュー opens it, and the greeting's buttons lead first-time users on.
    selected: false,
    name: RICH_MENU_NAME,
    chatBarText: RICH_MENU_CHAT_BAR_TEXT,
    areas: items.map((item, i) => ({
      bounds: cells[i]!,
      action: { type: 'message', label: item.text, text: item.text },
    })),
  };
}
