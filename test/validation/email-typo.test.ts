import { describe, expect, it } from 'vitest';
import { likelyMeantAddress } from '../../src/validation/email-typo.js';

describe('likelyMeantAddress', () => {
  it.each([
    ['taro@gmial.com', 'taro@gmail.com'],
    ['taro@gmai.com', 'taro@gmail.com'],
    ['taro@gmail.co', 'taro@gmail.com'],
    ['hanako@docomo.ne.j', 'hanako@docomo.ne.jp'],
    ['hanako@docomo.ne.jo', 'hanako@docomo.ne.jp'],
    ['hanako@ezweb.ne.j', 'hanako@ezweb.ne.jp'],
    ['hanako@softbank.ne.j', 'hanako@softbank.ne.jp'],
    ['hanako@i.softbnak.jp', 'hanako@i.softbank.jp'],
    ['hanako@yahoo.co.jo', 'hanako@yahoo.co.jp'],
    ['hanako@icloud.co', 'hanako@icloud.com'],
    // Two slips in a long domain.
    ['hanako@dcomo.ne.j', 'hanako@docomo.ne.jp'],
    ['hanako@ahoo.co.pj', 'hanako@yahoo.co.jp'],
  ])('%s was probably meant as %s', (typed, meant) => {
    expect(likelyMeantAddress(typed)).toBe(meant);
  });

  it.each(['taro@gmail.com', 'taro@docomo.ne.jp', 'taro@yahoo.ne.jp', 'taro@example.jp', 'taro@pref.aomori.lg.jp'])(
    '%s is taken as it is',
    (address) => {
      expect(likelyMeantAddress(address)).toBeUndefined();
    },
  );

  it('keeps the local part exactly as typed', () => {
    expect(likelyMeantAddress('Taro..Yamada@gmial.com')).toBe('Taro..Yamada@gmail.com');
  });
});
