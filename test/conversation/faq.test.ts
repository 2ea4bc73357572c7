import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { faqEntryFor } from '../../src/conversation/faq-match.js';
import { faqAnswerText } from '../../src/messages/notice-messages.js';
import { loadFaqFile, parseFaq } from '../../src/office/faq.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { ChatDriver } from '../support/chat-driver.js';
import { startHarness, type Harness } from '../support/harness.js';

const shipped = loadFaqFile();

describe('the FAQ the office keeps (config/faq.json)', () => {
  it.each([
    ['開庁時間を教えてください', 'hours'],
    ['土日もやってますか', 'hours'],
    ['何を準備すればいいですか', 'prepare'],
    ['Ｚｏｏｍの参加方法は？', 'join'],
    ['テレオフィスの入り方がわかりません', 'join'],
    ['オンライン相談とはどんなサービスですか', 'service'],
    ['料金はかかりますか', 'service'],
    ['利用規約はどこで読めますか', 'terms'],
  ])('answers 「%s」 with %s', (typed, id) => {
    expect(faqEntryFor(shipped, typed)?.id).toBe(id);
  });

  it('answers nothing it has no entry for', () => {
    expect(faqEntryFor(shipped, '駐車場はありますか')).toBeUndefined();
  });

  it('fills the office settings into the answers, and leaves an unknown name as written', () => {
    const hours = faqAnswerText(
      shipped.find((e) => e.id === 'hours')!,
      defaultOfficeSettings,
    );
    expect(hours).toContain('平日 8:30〜17:15');
    expect(hours).toContain(defaultOfficeSettings.officeName);
    const terms = faqAnswerText(
      shipped.find((e) => e.id === 'terms')!,
      defaultOfficeSettings,
    );
    expect(terms).toContain(defaultOfficeSettings.termsUrl);
    expect(faqAnswerText({ id: 'x', keywords: ['x'], answer: '{nothing} {officePhone}' }, defaultOfficeSettings)).toBe(
      '{nothing} 017-776-1561',
    );
  });

  it('refuses a file that is not JSON or lacks a field, naming where', () => {
    expect(() => parseFaq('{', 'faq.json')).toThrow(/faq\.json: not valid JSON/);
    expect(() => parseFaq('{"entries":[{"id":"a","keywords":[],"answer":"x"}]}', 'faq.json')).toThrow(
      /faq\.json: entries\.0\.keywords/,
    );
  });
});

describe('FAQ_FILE', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('points at the office’s own file; a broken one stops the start naming the variable', () => {
    const own = path.join(dir, 'own.json');
    fs.writeFileSync(
      own,
      JSON.stringify({ entries: [{ id: 'parking', keywords: ['駐車場'], answer: 'ありません。' }] }),
    );
    expect(loadConfig({ FAQ_FILE: own }).faq.map((e) => e.id)).toEqual(['parking']);
    expect(loadConfig({}).faq.length).toBeGreaterThanOrEqual(5);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"entries": [');
    expect(() => loadConfig({ FAQ_FILE: broken })).toThrow(/FAQ_FILE/);
    expect(() => loadConfig({ FAQ_FILE: path.join(dir, 'missing.json') })).toThrow(/FAQ_FILE/);
  });
});

describe('in the chat', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-12-01T00:00:00Z' });
  });
  afterAll(async () => {
    await h.close();
  });
  const labels = (u: ChatDriver) => u.lastActions().map((a) => a.label);
  /** Someone who added the account and read the greeting (a first message starts a booking). */
  const greeted = async (id: string) => {
    const u = new ChatDriver(h, id);
    await u.follow();
    await u.say('やめる');
    return u;
  };

  it('answers a common question from the FAQ, with the menu and 担当者と話す as buttons', async () => {
    const u = await greeted('U8000000000000000000000000000001');
    await u.say('開庁時間は何時から何時までですか？');
    expect(u.lastText()).toContain('開庁時間は、平日 8:30〜17:15');
    expect(labels(u)).toEqual(['予約する', '予約確認', '担当者と話す', 'ヘルプ']);
    await u.say('Zoomの参加方法を教えて');
    expect(u.lastText()).toContain('ミーティングIDとパスコード');
  });

  it('answers anything else with the menu and 担当者と話す as buttons, which work', async () => {
    const u = await greeted('U8000000000000000000000000000002');
    await u.say('駐車場はありますか');
    expect(u.lastText()).toContain('「担当者と話す」');
    expect(labels(u)).toEqual(['予約する', '予約確認', '担当者と話す', 'ヘルプ']);
    await u.tap('担当者と話す');
    expect(u.lastText()).toContain('担当者に引き継ぎました');
  });

  it('does not take an answer to a question for a common question', async () => {
    const u = new ChatDriver(h, 'U8000000000000000000000000000003');
    await u.say('予約する');
    await u.tap('同意する');
    await u.say('準備');
    expect(u.lastText()).not.toContain('ご用意いただくもの');
  });

  it('answers a question asked at a question with buttons, then asks it again: a new friend at the terms', async () => {
    const u = new ChatDriver(h, 'U8000000000000000000000000000005');
    await u.follow();
    await u.say('料金はかかりますか');
    expect(u.lastText()).not.toContain('下のボタンからお選びいただくか');
    expect(u.lastText()).toContain(
      faqAnswerText(
        shipped.find((e) => e.id === 'service')!,
        defaultOfficeSettings,
      ),
    );
    expect(labels(u)).toContain('同意する');
    // 予約する before anything was typed: the terms again, not 「入力中です」.
    await u.say('予約する');
    expect(u.lastText()).not.toContain('入力中');
    expect(labels(u)).toContain('同意する');
    // A word that is no question (a mistaken answer) still gets the buttons' reminder.
    await u.say('準備');
    expect(u.lastText()).toContain('下のボタンからお選びいただくか');
  });

  it('greets and thanks in kind, not with an apology', async () => {
    const u = await greeted('U8000000000000000000000000000004');
    await u.say('こんにちは');
    expect(u.lastText()).toContain('こんにちは。');
    expect(u.lastText()).not.toContain('申し訳');
    await u.say('ありがとうございました！');
    expect(u.lastText()).toContain('どういたしまして');
  });
});
