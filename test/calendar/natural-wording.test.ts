import { describe, expect, it } from 'vitest';
import { inHalfDay, readHalfDay, splitTwoWishes } from '../../src/calendar/index.js';

describe('readHalfDay', () => {
  it.each([
    ['12/16 午前中', 'am', '12/16'],
    ['16日の午後', 'pm', '16日'],
    ['１２月１６日　午前', 'am', '12月16日'],
    ['午後がいいです', 'pm', ''],
    ['午前中でお願いします。', 'am', ''],
    ['16日 昼から', 'pm', '16日'],
  ])('%s is the %s of 「%s」', (text, half, rest) => {
    expect(readHalfDay(text)).toEqual({ half, rest });
  });

  it.each(['午後2時', '12/16 午前10時', '12/16', '午後2時半', '午後2時から'])('%s names no half-day', (text) => {
    expect(readHalfDay(text)).toBeUndefined();
  });

  it('the morning ends at noon', () => {
    expect([inHalfDay('am', 690), inHalfDay('am', 720), inHalfDay('pm', 720), inHalfDay('pm', 690)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('splitTwoWishes', () => {
  it.each([
    ['16日14時か17日10時', ['16日14時', '17日10時']],
    ['12/16 14:00、12/17 10:00', ['12/16 14:00', '12/17 10:00']],
    ['12/16 14:00 または 12/17 10:00 でお願いします', ['12/16 14:00', '12/17 10:00']],
  ])('%s is two wishes', (text, parts) => {
    expect(splitTwoWishes(text)).toEqual(parts);
  });

  it.each(['12/16 14:00', '16日か17日か18日', 'か'])('%s is not', (text) => {
    expect(splitTwoWishes(text)).toBeUndefined();
  });
});
