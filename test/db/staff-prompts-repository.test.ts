import { describe, expect, it } from 'vitest';
import {
  clearStaffPrompt,
  setStaffPrompt,
  staffPromptOf,
  type StaffPrompt,
} from '../../db/repositories/staff-prompts-repository.js';
import { useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('staff-prompts');

const zoom: StaffPrompt = {
  staffUserId: 'Ustaff1',
  bookingId: 'b1',
  action: 'zoom_details',
  start: '2026-12-10T01:00:00.000Z',
  bookingStatus: 'requested',
  createdAt: '2026-12-07T01:00:00.000Z',
};

describe('questions the bot asks staff', () => {
  it('gives back the question as it was asked', async () => {
    await setStaffPrompt(temp.db, zoom);
    expect(await staffPromptOf(temp.db, 'Ustaff1')).toEqual(zoom);
    const row = await temp.db.selectFrom('staff_prompts').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      staff_user_id: 'Ustaff1',
      booking_id: 'b1',
      action: 'zoom_details',
      start: zoom.start,
      booking_status: 'requested',
      created_at: zoom.createdAt,
    });
  });

  it("keeps one open question per staff member: a new one replaces theirs and leaves colleagues' alone", async () => {
    await setStaffPrompt(temp.db, zoom);
    const colleague: StaffPrompt = { ...zoom, staffUserId: 'Ustaff2', bookingId: 'b9' };
    await setStaffPrompt(temp.db, colleague);
    const propose: StaffPrompt = {
      staffUserId: 'Ustaff1',
      bookingId: 'b2',
      action: 'propose_time',
      start: '',
      bookingStatus: 'confirmed',
      createdAt: '2026-12-07T01:03:00.000Z',
    };
    await setStaffPrompt(temp.db, propose);
    expect(await staffPromptOf(temp.db, 'Ustaff1')).toEqual(propose);
    expect(await staffPromptOf(temp.db, 'Ustaff2')).toEqual(colleague);
    expect(await temp.db.selectFrom('staff_prompts').select('staff_user_id').execute()).toHaveLength(2);
  });

  it("forgets only the asked member's question when it is cleared", async () => {
    await setStaffPrompt(temp.db, zoom);
    await setStaffPrompt(temp.db, { ...zoom, staffUserId: 'Ustaff2' });
    await clearStaffPrompt(temp.db, 'Ustaff1');
    expect(await staffPromptOf(temp.db, 'Ustaff1')).toBeUndefined();
    expect(await staffPromptOf(temp.db, 'Ustaff2')).toBeDefined();
    await clearStaffPrompt(temp.db, 'Ustaff1'); // nothing open: harmless
  });

  it('reads a question stored before the booking status was kept as having none', async () => {
    await temp.db
      .insertInto('staff_prompts')
      .values({
        staff_user_id: 'Uold',
        booking_id: 'b1',
        action: 'propose_time',
        start: '',
        created_at: zoom.createdAt,
      })
      .execute();
    expect((await staffPromptOf(temp.db, 'Uold'))?.bookingStatus).toBeNull();
  });
});
