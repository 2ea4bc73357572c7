/**
 * `npm run richmenu`: creates the office's rich menu on the LINE channel in the environment
 * (or `.env`), uploads its generated image and makes it the default; older menus of the same
 * name are deleted. Safe to run again after changing the menu.
 */
import 'dotenv/config';
import { HTTPFetchError } from '@line/bot-sdk';
import { loadConfig } from '../src/config.js';
import { setUpRichMenu } from '../src/line/rich-menu/set-up-rich-menu.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const result = await setUpRichMenu(config, (line) => console.log(`richmenu: ${line}`));
  console.log(
    `richmenu: done. Default rich menu is ${result.richMenuId}${result.deleted.length > 0 ? `; removed ${result.deleted.length} older one(s)` : ''}.`,
  );
}

main().catch((e: unknown) => {
  // LINE's answer body says what it refused (e.g. a bad token); print it, never the token itself.
  const detail =
    e instanceof HTTPFetchError ? `LINE answered ${e.status}: ${e.body}` : e instanceof Error ? e.message : String(e);
  console.error(`richmenu: failed: ${detail}`);
  process.exit(1);
});
