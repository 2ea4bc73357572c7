/**
 * The day of a session, from the person's side: finding the meeting again, writing to say they
 * are late, and hearing when a session was recorded as missed. Also the ways people phrase a
 * change or a cancel, and what a proposal waiting for their answer looks like in 予約確認.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerUpToDates, bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { startHarness, STAFF_API_TOKEN, STAFF_GROUP, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan. bookByButtons takes Thursday 12/3 10:00 as the first choice.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const textsTo = (to: string) => textsDeliveredTo(h, to);
async function at(instant: string): Promise<void> {
  h.clock.set(new Date(instant));
  await h.runJobs();
  await h.settle();
}

/** A Zoom session confirmed for Thursday 12/3 10:00 with meeting details. */
async function confirmedZoom(userId: string): Promise<ChatDriver> {
  const u = new ChatDriver(h, userId);
  await bookByButtons(u, 'Zoom');
  const staff = new StaffDriver(h);
  await staff.tap('第1希望で確定');
  await staff.say('123 4567 8901 abc123');
  expect(textsTo(u.userId).at(-1)).toContain('abc123');
  return u;
}

describe('finding the meeting again', () => {
  it('shows the meeting ID and passcode in 予約確認 and in the reminders', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000001');
    await u.say('予約確認');
    expect(u.lastText()).toContain('ミーティングID');
    expect(u.lastText()).toContain('123 4567 8901');
    expect(u.lastText()).toContain('abc123');
    await at('2026-12-02T03:00:30Z'); // 12/2 12:00: day before
    await at('2026-12-02T23:30:30Z'); // 12/3 08:30: morning
    const reminders = textsTo(u.userId).filter((t) => t.includes('オンライン相談の日です'));
    expect(reminders).toHaveLength(2);
    for (const r of reminders) expect(r).toContain('パスコード\nabc123');
  });

  it('does not send 「明日は」 when a late reminder would be held overnight and arrive on the day', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000013');
    await at('2026-12-02T12:30:00Z'); // 12/2 21:30: the day before, but in quiet hours
    await at('2026-12-02T23:00:30Z'); // 12/3 08:00: held pushes go out
    await at('2026-12-02T23:30:30Z'); // 08:30: the morning reminder
    const reminders = textsTo(u.userId).filter((t) => t.includes('オンライン相談の日です'));
    expect(reminders.some((t) => t.startsWith('明日は'))).toBe(false);
    expect(reminders).toHaveLength(1);
  });

  it('does not send 「明日は」 on the day itself when the reminder ran late', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000002');
    // The server was down from before 12/2 12:00 until 12/3 08:30: both reminders fall due at once.
    await at('2026-12-02T23:30:30Z');
    const reminders = textsTo(u.userId).filter((t) => t.includes('オンライン相談の日です'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('本日は');
  });
});

describe("a proposal waiting for the person's answer", () => {
  it('is shown in 予約確認 with its buttons, which still answer it', async () => {
    const u = new ChatDriver(h, 'Usessionday000000000000000000003');
    await bookByButtons(u, 'TeleOffice');
    const [b] = await fetchBookings(h);
    expect(
      (
        await callStaffApi(h, 'POST', `/api/bookings/${b!.id}/propose`, {
          start: '2026-12-08T14:00:00+09:00',
          by: 'tanaka',
        })
      ).status,
    ).toBe(200);
    await h.settle();
    await u.say('予約確認');
    expect(u.lastText()).toContain('ご提案の日時');
    expect(u.lastText()).toContain('12月8日(火)\n14:00');
    await u.tap('この日時で受ける');
    expect(u.lastText()).toContain('日時が確定しました');
    expect((await fetchBookings(h))[0]).toMatchObject({
      status: 'confirmed',
      confirmed: { start: '2026-12-08T14:00:00+09:00' },
    });
  });
});

describe('writing on the day of the session', () => {
  it('passes 「遅れます」 to staff, gives the number and the meeting, and does not count the session as missed without contact', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000004');
    await at('2026-12-03T01:05:00Z'); // 10:05, five minutes into the session
    await u.say('すみません、5分ほど遅れます');
    expect(u.lastText()).toContain('職員に伝えました');
    expect(u.lastText()).toContain('017-776-1561');
    expect(u.lastText()).toContain('abc123');
    const notes = () => textsTo(STAFF_GROUP).filter((t) => t.includes('【当日のご連絡】'));
    expect(notes()).toHaveLength(1);
    expect(notes()[0]).toContain('「すみません、5分ほど遅れます」');
    // A second line a minute later reaches staff too, as the person is told.
    await at('2026-12-03T01:06:00Z');
    await u.say('Zoomに入れません');
    expect(u.lastText()).toContain('職員に伝えました');
    expect(notes()).toHaveLength(2);
    expect(notes()[1]).toContain('「Zoomに入れません」');

    await at('2026-12-03T01:10:30Z'); // start + 10 minutes: the no-show check
    const [closed] = await fetchBookings(h);
    expect(closed).toMatchObject({ status: 'cancelled', cancelReason: 'contacted_on_day' });
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('【当日連絡ありの欠席】');
    expect(textsTo(STAFF_GROUP).join('\n')).not.toContain('連絡なし');
    expect(textsTo(u.userId).join('\n')).not.toContain('欠席として記録しました');
    const person = (await (
      await fetch(`${h.baseUrl}/api/users/${u.userId}`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } })
    ).json()) as { user: { counts: { noShows: number } } };
    expect(person.user.counts.noShows).toBe(0);

    // They did join in the end: staff correct it.
    await new StaffDriver(h).tap('出席に訂正');
    expect((await fetchBookings(h))[0]!.status).toBe('attended');

    // A week later the session is long over: nothing about 「本日」, and they can book again.
    await at('2026-12-10T01:00:00Z');
    await u.say('先日はありがとうございました');
    expect(u.lastText()).not.toContain('本日のオンライン相談');
    await u.say('予約する');
    expect(u.lastText()).not.toContain('すでにお申し込み中の予約があります');
  });

  it('takes 「予約の時間に遅れます」 on the day as contact, not as a new booking', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000011');
    await at('2026-12-03T01:02:00Z');
    await u.say('予約の時間に遅れます');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('「予約の時間に遅れます」');
    await at('2026-12-03T01:10:30Z');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'contacted_on_day' });
  });

  it('passes on every line written on the day, so one that takes back an earlier one reaches staff', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000012');
    const notes = () => textsTo(STAFF_GROUP).filter((t) => t.includes('【当日のご連絡】'));
    for (const [when, line] of [
      ['2026-12-03T00:30:00Z', '少し遅れるかもしれません'],
      ['2026-12-03T00:31:00Z', '電車が止まっています'],
      ['2026-12-03T00:32:00Z', 'やっぱり間に合いそうです'],
    ] as const) {
      await at(when);
      await u.say(line);
      expect(u.lastText()).toContain('職員に伝えました');
    }
    expect(notes().map((n) => /「(.*)」/.exec(n)?.[1])).toEqual([
      '少し遅れるかもしれません',
      '電車が止まっています',
      'やっぱり間に合いそうです',
    ]);
  });

  it('answers 「参加できません」 on the day with the phone-only rule for a same-day cancel, and staff read it', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000014');
    await at('2026-12-03T00:00:00Z'); // 09:00 on the day
    u.receive(); // the morning reminder
    await u.say('参加できません');
    expect(u.lastText()).toContain('当日のキャンセルや日時の変更は、お電話でのみ');
    expect(u.lastText()).toContain('017-776-1561');
    expect(u.lastText()).not.toContain('ミーティングID');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('「参加できません」');
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
    // Then they find they can come after all: staff hear of that too.
    await at('2026-12-03T00:03:00Z');
    await u.say('すみません、やはり参加できそうです。10分遅れます');
    expect(u.lastText()).toContain('職員に伝えました');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('「すみません、やはり参加できそうです。10分遅れます」');
  });

  it('asks staff at start + 10 whether a person nobody heard from connected, and tells the person only once staff say not', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000005');
    await at('2026-12-03T01:09:30Z'); // start + 9: nothing yet
    expect(textsTo(STAFF_GROUP).join('\n')).not.toContain('【出席の確認】');
    const toPersonBefore = textsTo(u.userId).length;
    await at('2026-12-03T01:10:30Z'); // start + 10, nothing recorded, no contact: staff are asked
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('【出席の確認】');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('ご本人は接続しましたか');
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
    // The person may be in the session right now: they hear nothing until staff answer.
    expect(textsTo(u.userId)).toHaveLength(toPersonBefore);
    // Still unanswered half an hour after the question (the test clock runs on in real time, so the
    // question went out a moment after 10:10:30 under load: leave a margin): asked once more.
    await at('2026-12-03T01:41:30Z');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('【出席の確認・再送】');
    expect(textsTo(u.userId)).toHaveLength(toPersonBefore);
    await new StaffDriver(h).tap('接続なし');
    expect((await fetchBookings(h))[0]!.status).toBe('no_show');
    expect(textsTo(u.userId).at(-1)).toContain('欠席として記録しました');
    expect(textsTo(u.userId).at(-1)).toContain('12月3日(木) 10:00');
    await new StaffDriver(h).tap('出席に訂正');
    expect((await fetchBookings(h))[0]!.status).toBe('attended');
    expect(textsTo(u.userId).at(-1)).toContain('「出席」に訂正しました');
  });

  it('answers 「今日の予約をキャンセルしたいです」 with the phone-only rule, and staff read the words', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000006');
    await at('2026-12-03T00:00:00Z'); // 09:00 on the day
    await u.say('今日の予約をキャンセルしたいです');
    expect(u.lastText()).toContain('お電話');
    expect(u.lastText()).toContain('017-776-1561');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('「今日の予約をキャンセルしたいです」');
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
    // The rich menu's command: the same rule, and staff are told what was asked.
    await at('2026-12-03T00:10:00Z');
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('017-776-1561');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('当日の変更・キャンセルを希望されています');
  });
});

describe('how people phrase it, on other days', () => {
  it('reads a change or a cancel in a short sentence, and offers the booking commands otherwise', async () => {
    const u = await confirmedZoom('Usessionday000000000000000000007');
    await u.say('日程を変更したいのですが');
    expect(u.lastText()).toContain('日時の変更');
    await u.say('やめる');
    expect(u.lastText()).toContain('今のご予約はそのままです');
    expect(u.lastText()).not.toContain('破棄');
    await u.say('キャンセルしたいのですが');
    expect(u.lastText()).toContain('キャンセルします。よろしいですか');
    await u.say('やめる');
    await u.say('キャンセル待ちはできますか');
    expect(u.lastText()).toContain('「予約確認」');
    expect(u.lastText()).toContain('担当者と話す');
    expect((await fetchBookings(h))[0]!.status).toBe('confirmed');
  });
});

describe('questions the person cannot answer', () => {
  it('guides someone without their job-seeker number instead of asking again and again', async () => {
    const u = new ChatDriver(h, 'Usessionday000000000000000000008');
    await u.say('予約する');
    await u.tap('同意する');
    for (const label of [
      '登録しています',
      '長期療養中',
      'はい、持っています',
      'はい、希望します',
      'すべて確認しました',
      '一般の職業相談',
      'Zoom',
    ])
      await u.tap(label);
    await u.say('青森 花子');
    await u.say('わかりません');
    expect(u.lastText()).toContain('ハローワーク受付票');
    expect(u.lastText()).toContain('017-776-1561');
    expect(u.lastText()).toContain('担当者と話す');
    // Asking for a person from here names them to staff, by family name only (the note stays on LINE).
    await u.say('担当者と話す');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('青森 様');
    expect(textsTo(STAFF_GROUP).at(-1)).not.toContain('花子');
  });
});

describe('asking for staff in the middle of a booking', () => {
  it('keeps what was typed: after the hand-back the person answers the question they were at', async () => {
    const u = new ChatDriver(h, 'Usessionday000000000000000000009');
    await u.say('予約する');
    await u.tap('同意する');
    await answerUpToDates(u, 'TeleOffice', '八戸 さくら');
    expect(u.lastText()).toContain('第1希望の日付');
    const dateButtons = u.last;
    await u.say('担当者と話す');
    expect(textsTo(STAFF_GROUP).at(-1)).toContain('八戸 様');
    await new StaffDriver(h).tap('自動応答に戻す');
    expect(textsTo(u.userId).at(-1)).toContain('続きから');
    // The buttons of the question asked before still answer it.
    u.last = dateButtons;
    await u.tap(u.lastActions().find((a) => a.type === 'postback')!.label);
    expect(textsTo(u.userId).at(-1)).toContain('第1希望の開始時刻');
  });
});

describe('typing an answer to a proposal', () => {
  it("shows the proposal's buttons again instead of the booking menu", async () => {
    const u = new ChatDriver(h, 'Usessionday000000000000000000010');
    await bookByButtons(u, 'TeleOffice');
    const [b] = await fetchBookings(h);
    expect(
      (
        await callStaffApi(h, 'POST', `/api/bookings/${b!.id}/propose`, {
          start: '2026-12-08T14:00:00+09:00',
          by: 'tanaka',
        })
      ).status,
    ).toBe(200);
    await h.settle();
    await u.say('はい、大丈夫です');
    expect(u.lastText()).toContain('お返事をお待ちしています');
    expect(u.lastText()).not.toContain('「予約する」と送って');
    await u.tap('この日時で受ける');
    expect((await fetchBookings(h))[0]).toMatchObject({
      status: 'confirmed',
      confirmed: { start: '2026-12-08T14:00:00+09:00' },
    });
  });
});
