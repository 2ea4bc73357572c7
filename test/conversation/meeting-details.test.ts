import { describe, expect, it } from 'vitest';
import { parseMeetingDetails } from '../../src/conversation/meeting-details.js';

describe('reading Zoom meeting details typed by staff', () => {
  it.each([
    ['123 4567 8901 abc123', '123 4567 8901', 'abc123'],
    ['ID: 12345678901 パスコード: 9x8y', '123 4567 8901', '9x8y'],
    ['ミーティングID １２３ ４５６７ ８９０１ パスコード pass9', '123 4567 8901', 'pass9'],
    ['987 6543 2100 pass9', '987 6543 2100', 'pass9'],
    ['abc123 123-456-789', '123456789', 'abc123'],
  ])('%s', (input, meetingId, passcode) => {
    const got = parseMeetingDetails(input);
    expect(got?.passcode).toBe(passcode);
    expect(got?.meetingId?.replace(/ /g, '')).toBe(meetingId.replace(/ /g, ''));
  });

  it.each(['', 'abc', '12345 abc', '123 4567 8901', '123456789012345 abc'])('refuses %j', (input) => {
    expect(parseMeetingDetails(input)).toBeUndefined();
  });
});

describe('a Zoom join link typed by staff, beside or instead of the ID and passcode', () => {
  const link = 'https://us02web.zoom.us/j/12345678901?pwd=AbCdEf123';
  it('is read alone', () => {
    expect(parseMeetingDetails(link)).toEqual({ joinUrl: link });
    expect(parseMeetingDetails(`参加用リンク: ${link}`)).toEqual({ joinUrl: link });
  });

  it('is read beside the ID and passcode, whose digits are not taken from the link', () => {
    expect(parseMeetingDetails(`123 4567 8901 abc123 ${link}`)).toEqual({
      meetingId: '123 4567 8901',
      passcode: 'abc123',
      joinUrl: link,
    });
  });

  it('is refused unless it is https (LINE opens it from a button)', () => {
    expect(parseMeetingDetails('http://us02web.zoom.us/j/12345678901')).toBeUndefined();
  });
});
