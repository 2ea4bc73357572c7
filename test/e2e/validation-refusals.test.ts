import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { conversationStateOf, readDb } from '../support/db-inspect.js';
import { postbackEvent } from '../support/line-events.js';
import { stickerEvent } from '../support/extra-events.js';
import { startHarness, type Harness } from '../support/harness.js';
import { typeUntil } from '../support/typed-booking.js';

// One server for the file: every test uses its own user, and the tests that fill a slot use
// days (12/7, 12/9) no other test books.
let h: Harness;
beforeAll(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: earliest bookable day Thu 12-03, horizon ends Tue 2027-01-26.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What each question says when it is asked, so a test can see it asked again. */
const QUESTION_TEXT: Record<string, string> = {
  name: 'お名前（フルネーム）を入力してください',
  jobSeekerNumber: '求職番号を入力してください',
  choice1Date: '第1希望の日付をお選びください',
  choice1Time: '第1希望の開始時刻をお選びください',
  choice2Date: '第2希望の日付をお選びください',
  email: 'メールアドレスを入力してください',
  phone: '電話番号を入力してください',
};

/** Sends a sticker and returns what the bot answered to it. */
async function sendSticker(userId: string): Promise<string> {
  const before = h.platform.delivered().length;
  const res = await h.post([stickerEvent({ userId, replyToken: h.platform.issueReplyToken(userId) })]);
  expect(res.status).toBe(200);
  await h.settle();
  return h.platform
    .delivered()
    .slice(before)
    .filter((d) => d.to === userId)
    .map((d) => textOf(d.message))
    .join('\n');
}

let userSeq = 0;
function newUser(): ChatDriver {
  userSeq += 1;
  return new ChatDriver(h, `U${String(userSeq).padStart(32, '0')}`);
}

/**
 * Sends `bad` at `question`, expects a Japanese refusal containing `reason`, the same question
 * again and the stored conversation still there; then `good` moves on.
 */
async function expectRefused(u: ChatDriver, question: string, bad: string, reason: string | RegExp, good: string, next: string) {
  expect(conversationStateOf(h.sqlitePath, u.userId)).toBe(question);
  await u.say(bad);
  const said = u.lastText();
  if (typeof reason === 'string') expect(said).toContain(reason);
  else expect(said).toMatch(reason);
  expect(said).toMatch(JAPANESE);
  expect(said).toContain(QUESTION_TEXT[question]);
  expect(conversationStateOf(h.sqlitePath, u.userId)).toBe(question);
  await u.say(good);
  expect(conversationStateOf(h.sqlitePath, u.userId)).toBe(next);
}

describe('every refusal is explained in Japanese and the same question is asked again', () => {
  it('a name with digits', async () => {
    const u = newUser();
    await typeUntil(u, 'name');
    await expectRefused(u, 'name', '12345', 'お名前として読み取れませんでした', '青森 花子', 'jobSeekerNumber');
  });

  it('a name over 40 characters', async () => {
    const u = newUser();
    await typeUntil(u, 'name');
    await expectRefused(u, 'name', 'あ'.repeat(41), '40文字以内', '青森 花子', 'jobSeekerNumber');
  });

  it('a job-seeker number of the wrong shape', async () => {
    const u = newUser();
    await typeUntil(u, 'jobSeekerNumber');
    await expectRefused(u, 'jobSeekerNumber', '0201-12345678', '5けたの数字-8けたまでの数字', '02010-12345678', 'choice1Date');
  });

  it('a job-seeker number from outside Aomori is accepted with a warning', async () => {
    const u = newUser();
    await typeUntil(u, 'jobSeekerNumber');
    await u.say('13010-1234567');
    expect(u.lastText()).toContain('青森県内のハローワーク以外');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Date');
  });

  it('a Saturday', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/5 10:00', '12月5日(土)は土曜日のため、オンライン相談を行っておりません', '12/3 10:00', 'choice2Date');
  });

  it('a Saturday typed as a date alone', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/6', '12月6日(日)は日曜日のため', '12/3', 'choice1Time');
  });

  it('a national holiday inside the horizon (2027-01-11 成人の日)', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '1/11 10:00', '1月11日(月)は祝日（成人の日）のため', '12/3 10:00', 'choice2Date');
  });

  it('a weekday in the year-end closure', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/30 10:00', '年末年始の休業期間', '12/3 10:00', 'choice2Date');
  });

  it('too soon (before the second business day)', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/2 10:00', /12月2日\(水\)のご予約は11月30日\(月\) 17:15までに完了する必要があります。いまからですと12月3日\(木\)以降/, '12/3 10:00', 'choice2Date');
  });

  it('beyond the eight-week horizon', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '1/28 10:00', '8週間先の1月26日(火)まで', '12/3 10:00', 'choice2Date');
  });

  it('a start off the 30-minute grid, and one outside the windows', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/3 10:15', '開始時刻は10:00、10:30、11:00、13:30、14:00、14:30からお選びください', '12/3 10:00', 'choice2Date');
    await expectRefused(u, 'choice2Date', '12/3 11:30', '10:00〜12:00または13:30〜15:30の時間内に収まる必要があります', '12/3 11:00', 'email');
  });

  it('a time alone before any date', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '10:30', '先に日付をお選びください', '12/3 10:30', 'choice2Date');
  });

  it('a date that does not exist and a weekday that does not match', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '2/30 10:00', 'その日付は存在しないようです', '12/3 10:00', 'choice2Date');
    await expectRefused(u, 'choice2Date', '12月4日(木) 10:00', '日付と曜日が合っていないようです', '12/4 10:00', 'email');
  });

  it('an unreadable date', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', 'そのうち都合のいい日', '日時を読み取れませんでした', '12/3 10:00', 'choice2Date');
  });

  it('a slot another user has already taken (typed, and not offered as a button)', async () => {
    const first = newUser();
    await typeUntil(first, 'review', { choice1: '12/9 10:00' });
    await first.say('申し込む');
    expect(first.lastText()).toContain('受け付けました');

    const u = newUser();
    await typeUntil(u, 'choice1Date');
    await expectRefused(u, 'choice1Date', '12/9 10:00', '12月9日(水) 10:00の枠はすでに埋まっております', '12/9 10:30', 'choice2Date');
    // The taken time is not offered among the buttons either.
    const other = newUser();
    await typeUntil(other, 'choice1Date');
    await other.say('12/9');
    expect(other.lastActions().map((a) => a.label)).not.toContain('10:00〜10:40');
  });

  it('a first choice taken by someone else while this user was at the review is asked again at submit', async () => {
    const a = newUser();
    const b = newUser();
    await typeUntil(a, 'review', { choice1: '12/7 10:00' });
    await typeUntil(b, 'review', { choice1: '12/7 10:00' });
    await a.say('申し込む');
    expect(a.lastText()).toContain('受け付けました');
    await b.say('申し込む');
    expect(b.lastText()).toContain('すでに埋まっております');
    expect(b.lastText()).toContain(QUESTION_TEXT.choice1Date);
    expect(conversationStateOf(h.sqlitePath, b.userId)).toBe('choice1Date');
    await b.say('12/7 10:30');
    expect(b.lastText()).toContain('お申し込み内容をご確認ください');
    await b.say('申し込む');
    expect(b.lastText()).toContain('受け付けました');
  });

  it('two users submitting the same first choice at the same moment: one gets it, the other is asked again', async () => {
    const a = newUser();
    const b = newUser();
    await typeUntil(a, 'review', { choice1: '12/10 10:00' });
    await typeUntil(b, 'review', { choice1: '12/10 10:00' });
    const submitOf = (u: ChatDriver) => (u.lastActions().find((x) => x.type === 'postback' && x.label === 'この内容で申し込む') as { data: string }).data;
    const events = [a, b].map((u) => postbackEvent({ userId: u.userId, data: submitOf(u), replyToken: h.platform.issueReplyToken(u.userId) }));
    const [r1, r2] = await Promise.all([h.post([events[0]!]), h.post([events[1]!])]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    await h.settle();
    const taken = readDb(h.sqlitePath, (db) => db.prepare("SELECT count(*) AS n FROM bookings WHERE choice1_start = ? AND status = 'requested'").get('2026-12-10T01:00:00.000Z') as { n: number });
    expect(taken.n).toBe(1);
    const states = [a, b].map((u) => conversationStateOf(h.sqlitePath, u.userId)).sort();
    expect(states).toEqual(['choice1Date', 'idle']);
  });

  it('the date-time picker: a Sunday is refused and the date asked again; a weekday leads to its free times', async () => {
    const u = newUser();
    await typeUntil(u, 'choice1Date');
    const picker = u.lastActions().find((a) => a.type === 'datetimepicker') as { data: string; min?: string; max?: string } | undefined;
    expect(picker).toMatchObject({ min: '2026-12-03', max: '2027-01-26' });
    await u.pick({ date: '2026-12-13' });
    expect(u.lastText()).toContain('12月13日(日)は日曜日のため');
    expect(u.lastText()).toContain(QUESTION_TEXT.choice1Date);
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Date');
    await u.pick({ date: '2027-01-11' });
    expect(u.lastText()).toContain('祝日（成人の日）');
    await u.pick({ date: '2026-12-14' });
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('choice1Time');
    expect(u.lastActions().map((a) => a.label)).toEqual(expect.arrayContaining(['10:00〜10:40', '14:30〜15:10']));
  });

  it('a second choice equal to the first', async () => {
    const u = newUser();
    await typeUntil(u, 'choice2Date');
    await expectRefused(u, 'choice2Date', '12/3 10:00', '第1希望と同じ日時です', '12/3 10:30', 'email');
  });

  it('an e-mail address without a domain', async () => {
    const u = newUser();
    await typeUntil(u, 'email');
    await expectRefused(u, 'email', 'hanako@', 'メールアドレスの形式が正しくないようです', 'hanako@example.jp', 'phone');
  });

  it('a toll-free phone number', async () => {
    const u = newUser();
    await typeUntil(u, 'phone');
    await expectRefused(u, 'phone', '0120-123-456', 'フリーダイヤル（0120・0800）の番号はご登録いただけません', '090-1234-5678', 'interpreter');
  });

  it('a phone number with letters', async () => {
    const u = newUser();
    await typeUntil(u, 'phone');
    await expectRefused(u, 'phone', '携帯 090-1234-5678', '電話番号として読み取れませんでした', '090-1234-5678', 'interpreter');
  });

  it('a sticker at a typed question', async () => {
    const u = newUser();
    await typeUntil(u, 'name');
    const said = await sendSticker(u.userId);
    expect(said).toContain('スタンプや画像にはお答えできません');
    expect(said).toMatch(JAPANESE);
    expect(said).toContain(QUESTION_TEXT.name);
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('name');
    await u.say('青森 花子');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('jobSeekerNumber');
  });

  // BUG: a new friend whose first message is a sticker is told "use the buttons" but no booking
  // starts and no buttons are shown (handle-user-event.ts: a non-text message maps to no machine
  // event, so the idle conversation never gets START). The issue says any first message from a
  // new friend starts the booking.
  it.fails('a sticker as a new friend\'s very first message starts the booking', async () => {
    const said = await sendSticker('Ustickerfirst00000000000000000000s');
    expect(said).toContain('利用規約');
  });

  it('a button from an earlier question is answered "no longer valid" with the current question', async () => {
    const u = newUser();
    await typeUntil(u, 'kind');
    const old = u.lastActions().find((a) => a.type === 'postback' && a.label === '一般の職業相談');
    expect(old).toBeDefined();
    await u.say('一般');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('app');
    await u.tapData((old as { data: string }).data);
    expect(u.lastText()).toContain('そのボタンは前の質問のもので、いまは使えません');
    expect(u.lastText()).toContain('相談に使うアプリをお選びください');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('app');
  });

  it('an answer that is not one of the options', async () => {
    const u = newUser();
    await typeUntil(u, 'kind');
    await u.say('よくわからない');
    expect(u.lastText()).toContain('ボタンと同じ言葉を入力してください');
    expect(u.lastText()).toContain('ご希望の相談の種類をお選びください');
    expect(conversationStateOf(h.sqlitePath, u.userId)).toBe('kind');
  });

  it('a Mothers\u2019 Corner time on a Friday', async () => {
    const u = newUser();
    for (const t of ['予約する', '同意します', '登録済み', 'マザーズコーナー', 'はい', 'はい', '確認しました', 'マザーズコーナー', 'Zoom', '青森 花子', '02010-12345678']) await u.say(t);
    await expectRefused(u, 'choice1Date', '12/4 11:00', 'マザーズコーナーのオンライン相談は火曜日・木曜日に行っております', '12/3 11:00', 'choice2Date');
    await expectRefused(u, 'choice2Date', '12/8 10:00', 'マザーズコーナーの開始時刻は11:00、13:30、14:30のいずれかです', '12/8 13:30', 'email');
  });
});
