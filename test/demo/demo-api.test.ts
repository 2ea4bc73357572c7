import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF_GROUP_ID } from '../../src/config.js';
import { demoBanner } from '../../src/demo/demo-banner.js';
import { DEMO_NOW, startDemoHarness, type DemoHarness } from './demo-harness.js';

const HANAKO = 'U00000000000000000000000000de0001';
const SATO = 'U000000000000000000000000005af001';

let h: DemoHarness;
beforeEach(async () => {
  h = await startDemoHarness();
});
afterEach(async () => {
  await h.close();
});

type Item = { id: string; chat: string; from: string; senderName?: string; message: Record<string, unknown> };
const history = async (chat: string) => (await h.get(`history?chat=${encodeURIComponent(chat)}`)).body.items as Item[];

describe('the chat simulator API', () => {
  it('lists three preset users, the staff group, the app clock and the rich menu', async () => {
    const { status, body } = await h.get('state');
    expect(status).toBe(200);
    expect((body.users as { name: string }[]).map((u) => u.name)).toEqual(['青森 花子', '弘前 太郎', '八戸 さくら']);
    expect(body.staffGroup).toMatchObject({ id: DEMO_STAFF_GROUP_ID });
    expect(Date.parse((body.clock as { now: string }).now) - Date.parse(DEMO_NOW)).toBeLessThan(60_000);
    const menu = body.richMenu as { definition: { areas: unknown[] }; imageUrl: string };
    expect(menu.definition.areas).toHaveLength(6);
    const image = await fetch(`${h.demo.baseUrl}${menu.imageUrl}`);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('says the terms link is a placeholder while TERMS_URL is not set, on the page and in the start-up banner', async () => {
    const { body } = await h.get('state');
    expect(body.terms).toEqual({ url: 'https://jsite.mhlw.go.jp/aomori-roudoukyoku/', placeholder: true });
    expect(demoBanner(h.demo)).toContain(
      'Terms link: a placeholder (TERMS_URL not set), the default https://jsite.mhlw.go.jp/aomori-roudoukyoku/',
    );
    const page = await (await fetch(`${h.demo.baseUrl}/demo/`)).text();
    expect(page).toContain('<p id="terms-placeholder" class="topbar__note" hidden>');
    expect(page).toContain('利用規約のリンクは仮のものです');
  });

  it('says nothing of a placeholder once TERMS_URL is set', async () => {
    const set = await startDemoHarness({ TERMS_URL: 'https://example.jp/terms-of-use' });
    try {
      const { body } = await set.get('state');
      expect(body.terms).toEqual({ url: 'https://example.jp/terms-of-use', placeholder: false });
      expect(demoBanner(set.demo)).not.toContain('placeholder');
    } finally {
      await set.close();
    }
  });

  it('sends a follow as a signed webhook event and the bot replies with its reply token', async () => {
    expect((await h.post('send', { chat: HANAKO, kind: 'follow' })).status).toBe(200);
    await h.settle();
    const delivered = h.demo.platform.delivered().filter((d) => d.to === HANAKO);
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered[0]!.via).toBe('reply');
    const users = (await h.get('state')).body.users as { id: string; followed: boolean }[];
    expect(users.find((u) => u.id === HANAKO)?.followed).toBe(true);
  });

  it("shows a postback's displayText as the person's bubble before the bot's answer", async () => {
    await h.post('send', { chat: HANAKO, kind: 'follow' });
    await h.settle();
    const agree = h.demo.platform
      .delivered()
      .flatMap((d) => JSON.stringify(d.message).match(/"data":"[^"]+","displayText":"同意する"/g) ?? [])
      .at(0);
    const data = JSON.parse(`{${agree!}}`) as { data: string };
    await h.post('send', { chat: HANAKO, kind: 'postback', data: data.data, displayText: '同意する' });
    await h.settle();
    const items = await history(HANAKO);
    const mine = items.findIndex((i) => i.from === 'person');
    expect(items[mine]!.message).toEqual({ type: 'text', text: '同意する' });
    expect(items.slice(mine + 1).some((i) => i.from === 'bot')).toBe(true);
    expect(items.slice(0, mine).every((i) => i.from === 'bot')).toBe(true);
  });

  it('sends staff messages as group events from a staff member', async () => {
    expect(
      (await h.post('send', { chat: DEMO_STAFF_GROUP_ID, as: SATO, kind: 'text', text: 'おはようございます' })).status,
    ).toBe(200);
    await h.settle();
    const items = await history(DEMO_STAFF_GROUP_ID);
    expect(items[0]).toMatchObject({
      from: 'person',
      senderName: '職員 佐藤',
      message: { text: 'おはようございます' },
    });
  });

  it('refuses unknown chats, unknown staff and malformed bodies', async () => {
    expect((await h.post('send', { chat: 'Unobody', kind: 'text', text: 'x' })).status).toBe(404);
    expect((await h.post('send', { chat: DEMO_STAFF_GROUP_ID, as: 'Unobody', kind: 'text', text: 'x' })).status).toBe(
      404,
    );
    expect((await h.post('send', { chat: HANAKO, kind: 'text', text: '' })).status).toBe(400);
    expect((await h.post('send', { chat: HANAKO, kind: 'postback', data: 'x'.repeat(301) })).status).toBe(400);
    expect((await h.post('send', { chat: DEMO_STAFF_GROUP_ID, kind: 'follow' })).status).toBe(404);
  });

  it('adds a simulated user', async () => {
    const { status, body } = await h.post('users', {});
    expect(status).toBe(201);
    expect(body.user).toMatchObject({ name: '利用者4', followed: false });
    expect((body.user as { id: string }).id).toMatch(/^U[0-9a-f]{32}$/);
  });

  it('moves the app clock forward only', async () => {
    const before = Date.parse(((await h.get('clock')).body.now as string) ?? '');
    const hour = await h.post('clock', { advanceMinutes: 60 });
    expect(Date.parse(hour.body.now as string) - before).toBeGreaterThanOrEqual(60 * 60_000);
    expect(h.demo.app.clock.now().getTime() - before).toBeGreaterThanOrEqual(60 * 60_000);
    const set = await h.post('clock', { set: '2026-12-10T14:00:00+09:00' });
    expect(Date.parse(set.body.now as string) - Date.parse('2026-12-10T05:00:00Z')).toBeLessThan(5_000);
    expect((await h.post('clock', { set: '2026-12-01T09:00:00+09:00' })).status).toBe(400);
    expect((await h.post('clock', { advanceMinutes: -5 })).status).toBe(400);
  });

  it('streams what is said and delivered as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.api}/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await h.post('send', { chat: HANAKO, kind: 'text', text: 'こんにちは' });
    await h.settle();
    let received = '';
    const decoder = new TextDecoder();
    while (!(received.includes('"from":"person"') && received.includes('"from":"bot"'))) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(received).toContain('event: item');
    expect(received).toContain('こんにちは');
  });

  it('answers only requests addressed to loopback', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${h.api}/state`, { headers: { host: 'demo.example.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('serves the simulator page', async () => {
    const res = await fetch(`${h.demo.baseUrl}/demo/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('LINE には接続されていません');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
