import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropEmoji } from '../../src/validation/emoji.js';

describe('dropEmoji', () => {
  it.each([
    ['お願いします🙏', 'お願いします'],
    ['青森　花子😊', '青森　花子'],
    ['👍🏻OK', 'OK'], // with a skin tone
    ['🙇‍♀️よろしく', 'よろしく'], // a joined sequence with a variation selector
    ['👨‍👩‍👧', ''],
    ['🇯🇵', ''],
    ['❤️♪☆★♡', ''],
    ['1️⃣', '1'], // a keycap keeps its digit
    ['12/8 10:00$', '12/8 10:00'], // a LINE emoji's placeholder
    ['12/8 10:30', '12/8 10:30'],
    ['#*0-9', '#*0-9'], // emoji-capable ASCII stays
    ['ヶ谷 〆子・ジョン=スミス', 'ヶ谷 〆子・ジョン=スミス'],
  ])('dropEmoji(%j) is %j', (input, output) => {
    expect(dropEmoji(input)).toBe(output);
  });

  it('keeps a zero-width joiner that does not join two pictographs', () => {
    expect(dropEmoji('a\u200Db😊')).toBe('a\u200Db');
  });

  it('never throws, is idempotent, and leaves text without pictographs unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        const once = dropEmoji(s);
        expect(dropEmoji(once)).toBe(once);
        if (
          !/[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{20E3}\u{E0020}-\u{E007F}♪♫☆★♡$]/u.test(
            s,
          )
        )
          expect(once).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
