import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameFromIntroduction } from '../../src/validation/self-introduction.js';
import { validatePersonName } from '../../src/validation/person-name.js';

describe('nameFromIntroduction', () => {
  it.each([
    ['山田太郎です', '山田太郎'],
    ['山田 太郎です。', '山田 太郎'],
    ['山田太郎 です', '山田太郎'],
    ['山田太郎と申します', '山田太郎'],
    ['山田太郎ともうします。', '山田太郎'],
    ['山田太郎といいます', '山田太郎'],
    ['山田太郎と言います!', '山田太郎'],
    ['山田太郎でございます', '山田太郎'],
    ['名前は山田太郎です', '山田太郎'],
    ['お名前は 山田太郎', '山田太郎'],
    ['私は山田太郎です', '山田太郎'],
    ['わたしは、やまだ たろうです', 'やまだ たろう'],
    ['私の名前は山田太郎と申します', '山田太郎'],
    ['氏名は山田太郎', '山田太郎'],
    ['山田太郎です。よろしくお願いします。', '山田太郎'],
    ['山田太郎と申します、どうぞよろしくお願いいたします', '山田太郎'],
    ['はじめまして、山田太郎です', '山田太郎'],
    ['Taro Yamada です', 'Taro Yamada'],
    ['です', ''],
    ['よろしくお願いします', ''],
  ])('finds %j in %j', (text, name) => {
    expect(nameFromIntroduction(text)).toBe(name);
  });

  it.each([
    '山田太郎',
    '私市 太郎', // a real surname that starts with 私
    '名前 花子',
    'はいだ ゆうこ',
    '出水 です子', // です inside, not at the end
    'まこと',
    'Desmond Tutu',
    'J. R. Smith.',
    '和田 真琴',
  ])('keeps %j as it is', (name) => {
    expect(nameFromIntroduction(name)).toBe(name);
  });

  const arbName = fc.constantFrom(
    '山田太郎',
    '青森 花子',
    'やまだ たろう',
    'ヤマダ タロウ',
    'Taro Yamada',
    '佐々木 ユーコ',
    "Mary-Jane O'Neil",
    '太',
  );
  const arbBefore = fc.constantFrom(
    '',
    '私は',
    '名前は',
    '私の名前は',
    'わたしは、',
    'はじめまして、',
    'はじめまして。私は',
  );
  const arbAfter = fc.constantFrom(
    '',
    'です',
    'です。',
    ' と申します',
    'といいます',
    'です。よろしくお願いします',
    'と申します。どうぞよろしくお願いいたします!',
  );

  it('reads the same name from any self-introduction around it', () => {
    fc.assert(
      fc.property(arbName, arbBefore, arbAfter, (name, before, after) => {
        expect(validatePersonName(`${before}${name}${after}`)).toEqual(validatePersonName(name));
        expect(validatePersonName(name)).toEqual({ ok: true, value: name });
      }),
    );
  });

  it('never throws and gives a text that has nothing more to remove', () => {
    const parts = fc.constantFrom(
      '私は',
      '名前は',
      'です',
      'と申します',
      'よろしく',
      'お願いします',
      '。',
      '、',
      ' ',
      '山田',
      'は',
      'と',
      'はじめまして',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(parts, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (s) => {
          const once = nameFromIntroduction(s);
          expect(nameFromIntroduction(once)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
