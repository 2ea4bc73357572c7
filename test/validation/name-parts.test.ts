import { expect, it } from 'vitest';
import { isOneKanaWord } from '../../src/validation/name-parts.js';

it('a name of one kana word is questioned; a full name, kanji or latin is not', () => {
  for (const name of ['はなこ', 'ハナコ', 'あおもりはなこ', 'ユーコ']) expect(isOneKanaWord(name), name).toBe(true);
  for (const name of ['あおもり はなこ', '青森 花子', '花子', 'はな子', 'Hanako', 'ジョン・スミス'])
    expect(isOneKanaWord(name), name).toBe(false);
});
