import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit-log-repository.js';
import { listBookings } from '../../db/repositories/bookings-repository.js';
import { setBlocked } from '../../db/repositories/users-repository.js';
import { confirmedAt, seedBooking } from '../support/booking-seeds.js';
import { textsDeliveredTo } from '../support/chat-driver.js';
import { addStaff, consoleClient, type ConsoleClient } from '../support/console.js';
import { STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

/** Thursday 2026-12-03 10:05 in Japan: five minutes into the person's session at 10:00. */
const NOW = '2026-12-03T01:05:00Z';
const PERSON = 'U0000000000000000000000000next001';
const page = `/staff/people/${PERSON}`;
const MEETING = { meeting_id: '987 6543 2100', passcode: 'next42' };

let h: Harness;
let c: ConsoleClient;

beforeAll(async () => {
  h = await startHarness({ now: NOW });
  await addStaff(h, 'yamada', 'staff', '山田 太郎');
  await seedBooking(h.app.db, {
    lineUserId: PERSON,
    app: 'zoom',
    choices: [
      { date: '2026-12-03', minutes: 600 },
      { date: '2026-12-03', minutes: 600 },
    ],
    createdAt: '2026-11-24T01:00:00Z',
    patch: { ...confirmedAt({ date: '2026-12-03', minutes: 600 }, { meetingId: '111', passcode: 'p' }) },
  });
  c = consoleClient(h);
  await c.signIn('yamada');
});
afterAll(async () => h?.close());

/** The error shown beside a field of the booking form (`book-<field>-error`), or null. */
const errorBeside = (html: string, field: string) =>
  new RegExp(`id="book-${field}-error"[^>]*>([^<]+)<`).exec(html)?.[1] ?? null;

describe('利用者: booking the next session for a person (terms 6(2))', () => {
  it('shows the form on the person page, with the kind and app of their latest booking chosen', async () => {
    const r = await c.get(page);
    expect(r.status).toBe(200);
    expect(r.html).toContain('次回の相談を代理で予約');
    expect(r.html).toMatch(/id="book-kind-regular" value="regular" checked/);
    expect(r.html).toMatch(/id="book-app-zoom" value="zoom" checked/);
  });

  it('refuses with the reason beside the field and keeps what was typed', async () => {
    const missing = await c.post(`${page}/book`, { kind: 'regular', app: 'zoom', date: '', time: '13:30' });
    expect(missing.status).toBe(400);
    expect(errorBeside(missing.html, 'date')).toBe('日付を入力してください。');
    expect(missing.html).toContain('value="13:30"');

    const noMeeting = await c.post(`${page}/book`, { kind: 'regular', app: 'zoom', date: '2026-12-04', time: '13:30' });
    expect(noMeeting.status).toBe(409);
    expect(errorBeside(noMeeting.html, 'meeting_id')).toContain('ミーティングIDとパスコードが必要です');

    const saturday = await c.post(`${page}/book`, {
      kind: 'regular',
      app: 'zoom',
      date: '2026-12-05',
      time: '10:00',
      ...MEETING,
    });
    expect(saturday.status).toBe(409);
    expect(errorBeside(saturday.html, 'date')).toContain('この種類の相談を行っていません');
    expect(await listBookings(h.app.db, { lineUserId: PERSON })).toHaveLength(1);
    await h.settle();
    expect(textsDeliveredTo(h, PERSON).filter((t) => t.includes('確定'))).toEqual([]);
  });

  it('books inside the lead time, sends the person the confirmation card and tells the staff group', async () => {
    // From Thursday a person could ask for Monday at the earliest; staff book Friday.
    const r = await c.post(`${page}/book`, {
      kind: 'regular',
      app: 'zoom',
      date: '2026-12-04',
      time: '13:30',
      ...MEETING,
    });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${page}?done=book`);
    await h.settle();

    const card = textsDeliveredTo(h, PERSON).join('\n');
    expect(card).toContain('確定しました');
    expect(card).toContain('12月4日(金)\n13:30〜14:10');
    expect(card).toContain('987 6543 2100');
    expect(card).toContain('next42');
    const note = textsDeliveredTo(h, STAFF_GROUP).at(-1) ?? '';
    expect(note).toContain('次回の相談を代理で予約し、確定しました（通常の受付期限＝前々開庁日を過ぎた予約）');
    expect(note).toContain('山田 太郎・管理画面');

    const after = await c.get(r.location!);
    expect(after.html).toContain('次回の相談を予約し、確定しました。');
    expect(after.html).toContain('12月4日(金)');
    const audit = await listAudit(h.app.db, {});
    expect(audit.map((a) => a.action)).toContain('book_for_person');

    // One upcoming session at a time: a second is refused above the form.
    const again = await c.post(`${page}/book`, {
      kind: 'regular',
      app: 'teleoffice',
      date: '2026-12-08',
      time: '10:00',
    });
    expect(again.status).toBe(409);
    expect(again.html).toMatch(/id="book-error"[^>]*>この方にはこれから行う確定済みの相談があります/);
  });
});

describe('利用者: a person whose details were erased', () => {
  const ERASED = 'U0000000000000000000000000erased01';
  const erasedPage = `/staff/people/${ERASED}`;

  beforeAll(async () => {
    await seedBooking(h.app.db, {
      lineUserId: ERASED,
      choices: [{ date: '2026-11-10', minutes: 600 }],
      createdAt: '2026-11-02T01:00:00Z',
      patch: {
        ...confirmedAt({ date: '2026-11-10', minutes: 600 }),
        status: 'attended',
        name: '',
        jobSeekerNumber: '',
        email: '',
        phone: '',
        personalDataErasedAt: '2026-11-20T00:00:00Z',
      },
    });
  });

  it('offers no booking on their behalf, and says why and what to do instead', async () => {
    const r = await c.get(erasedPage);
    expect(r.status).toBe(200);
    expect(r.html).not.toContain(`action="${erasedPage}/book"`);
    expect(r.html).toContain(
      'この方の個人情報（氏名・求職番号・メール・電話番号）は消去済みのため、代理では予約できません。',
    );
    expect(r.html).toContain('ご本人にLINEから改めてお申し込みいただいてください');
  });

  it('refuses a form sent anyway with the same reason about the person, not about a request or its retention', async () => {
    const r = await c.post(`${erasedPage}/book`, {
      kind: 'regular',
      app: 'teleoffice',
      date: '2026-12-08',
      time: '10:00',
    });
    expect(r.status).toBe(409);
    expect(r.html).toContain('この方の個人情報（氏名・求職番号・メール・電話番号）は消去済みのため');
    expect(r.html).not.toContain('この申込みは');
    expect(r.html).not.toContain('保存期間を過ぎ');
    expect(await listBookings(h.app.db, { lineUserId: ERASED })).toHaveLength(1);
  });
});

describe('利用者: a person the bot is stopped for', () => {
  const BLOCKED = 'U000000000000000000000000blocked01';
  const blockedPage = `/staff/people/${BLOCKED}`;

  beforeAll(async () => {
    await seedBooking(h.app.db, {
      lineUserId: BLOCKED,
      choices: [{ date: '2026-11-10', minutes: 600 }],
      createdAt: '2026-11-02T01:00:00Z',
      patch: { ...confirmedAt({ date: '2026-11-10', minutes: 600 }), status: 'attended' },
    });
    await setBlocked(h.app.db, BLOCKED, '2026-11-20T00:00:00.000Z');
  });

  it('offers no booking on their behalf while stopped, says why, and offers it again once resumed', async () => {
    const stopped = await c.get(blockedPage);
    expect(stopped.html).not.toContain(`action="${blockedPage}/book"`);
    expect(stopped.html).toContain('この方への自動応答を停止しているため、代理では予約できません');
    expect(stopped.html).toContain('先に下の「自動応答の停止を解除する」で停止を解除してください');
    await setBlocked(h.app.db, BLOCKED, null);
    const resumed = await c.get(blockedPage);
    expect(resumed.html).toContain(`action="${blockedPage}/book"`);
    expect(resumed.html).not.toContain('代理では予約できません');
  });
});
