import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { RICH_MENU_NAME } from '../../src/line/rich-menu/rich-menu-definition.js';
import { setUpRichMenu } from '../../src/line/rich-menu/set-up-rich-menu.js';
import { readPngInfo } from './png-info.js';

const TOKEN = 'richmenu-test-token';
const ROOT = path.resolve(import.meta.dirname, '../..');

let platform: FakeLinePlatform;
beforeEach(async () => {
  platform = await startFakeLinePlatform({ channelAccessToken: TOKEN });
});
afterEach(async () => {
  await platform.close();
});

const envFor = (p: FakeLinePlatform) => ({
  NODE_ENV: 'test',
  LINE_CHANNEL_SECRET: 'secret',
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  LINE_API_BASE_URL: p.url,
  LINE_DATA_API_BASE_URL: p.url,
  LOG_LEVEL: 'silent',
});

async function get(pathName: string): Promise<Response> {
  return fetch(`${platform.url}${pathName}`, { headers: { authorization: `Bearer ${TOKEN}` } });
}

describe('setting up the rich menu on a LINE channel', () => {
  it('creates the menu, uploads its image and makes it the default', async () => {
    const lines: string[] = [];
    const result = await setUpRichMenu(loadConfig(envFor(platform)), (l) => lines.push(l));

    const { richMenuId } = (await (await get('/v2/bot/user/all/richmenu')).json()) as { richMenuId: string };
    expect(richMenuId).toBe(result.richMenuId);
    const menu = (await (await get(`/v2/bot/richmenu/${richMenuId}`)).json()) as {
      name: string;
      areas: { action: { text: string } }[];
    };
    expect(menu.name).toBe(RICH_MENU_NAME);
    expect(menu.areas.map((a) => a.action.text)).toContain('予約する');
    const image = await get(`/v2/bot/richmenu/${richMenuId}/content`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(readPngInfo(Buffer.from(await image.arrayBuffer()))).toEqual({ width: 2500, height: 1686 });
    expect(lines.join('\n')).toMatch(/created rich menu[\s\S]*uploaded[\s\S]*default/);
  });

  it('replaces the menu of an earlier run instead of piling them up', async () => {
    const config = loadConfig(envFor(platform));
    const first = await setUpRichMenu(config, () => undefined);
    const second = await setUpRichMenu(config, () => undefined);
    expect(second.deleted).toEqual([first.richMenuId]);
    const { richmenus } = (await (await get('/v2/bot/richmenu/list')).json()) as {
      richmenus: { richMenuId: string }[];
    };
    expect(richmenus.map((m) => m.richMenuId)).toEqual([second.richMenuId]);
  });

  it('refuses demo mode, where there is no channel', async () => {
    await expect(setUpRichMenu(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), () => undefined)).rejects.toThrow(
      /demo mode/,
    );
  });

  it('runs as `npm run richmenu` and prints what it did', async () => {
    const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/richmenu.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DOTENV_CONFIG_PATH: '/nonexistent/.env', ...envFor(platform) },
      timeout: 60_000,
    });
    expect(stdout).toContain('richmenu: created rich menu');
    expect(stdout).toContain('richmenu: done.');
    expect(platform.calls().some((c) => c.path.startsWith('/v2/bot/user/all/richmenu/') && c.status === 200)).toBe(
      true,
    );
  });
});
