import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validatePersonName } from '../../src/validation/person-name.js';

describe('validatePersonName', () => {
  it.each([
    ['山田太郎', '山田太郎'],
    ['  山田　太郎  ', '山田 太郎'],
    ['山田 \u3000 \t太郎', '山田 太郎'],
    ['やまだ たろう', 'やまだ たろう'],
    ['ヤマダ タロウ', 'ヤマダ タロウ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ'],
    ['Ｔａｒｏ Ｙａｍａｄａ', 'Taro Yamada'],
    ['Taro Yamada', 'Taro Yamada'],
    ['佐々木 ユーコ', '佐々木 ユーコ'],
    ['ジョン・スミス', 'ジョン・スミス'],
    ['ｼﾞｮﾝ･ｽﾐｽ', 'ジョン・スミス'],
    ['ジョン＝スミス', 'ジョン=スミス'],
    ["Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ['J. R. Smith', 'J. R. Smith'],
    ['Zoë Müller', 'Zoë Müller'],
    ['山田 花子(旧姓 佐藤)', '山田 花子(旧姓 佐藤)'],
    ['ヶ谷 〆子', 'ヶ谷 〆子'],
    ['太', '太'],
    // Emoji decorate a friendly message; they are dropped, not refused (usability review L3).
    ['青森　花子😊', '青森 花子'],
    ['山田😀', '山田'],
    ['🙇‍♀️ 青森 花子 ✨', '青森 花子'],
    ['青森 花子$', '青森 花子'], // a LINE emoji arrives as '$'
  ])('should accept %j as %j', (input, value) => {
    expect(validatePersonName(input)).toEqual({ ok: true, value });
  });

  it('should keep a CJK compatibility ideograph as typed', () => {
    // U+FA10 (塚) would become U+585A under any Unicode normalisation.
    expect(validatePersonName('\uFA10本 太郎')).toEqual({ ok: true, value: '\uFA10本 太郎' });
  });

  it.each(['', '   ', '　　', '\n\t'])('should call %j empty', (input) => {
    expect(validatePersonName(input)).toEqual({ ok: false, code: 'empty' });
  });

  it('should accept 40 characters and refuse 41', () => {
    expect(validatePersonName('あ'.repeat(40))).toEqual({ ok: true, value: 'あ'.repeat(40) });
    expect(validatePersonName('あ'.repeat(41))).toEqual({ ok: false, code: 'too_long' });
  });

  it('should count characters outside the BMP once', () => {
    const name = '𠮷'.repeat(40);
    expect(validatePersonName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    '12345',
    '０２０１０－１２３４',
    '山田太郎2',
    '😀',
    '😀😀😀',
    '🙇‍♀️',
    'https://example.com',
    'www.example.com',
    'example.com',
    'example.co.jp',
    'taro@example.com',
    '---',
    '・・・',
    '<script>',
    '山田/太郎',
    '山田\u0000太郎',
  ])('should refuse %j as format', (input) => {
    expect(validatePersonName(input)).toEqual({ ok: false, code: 'format' });
  });

  it.each([
    ['山田太郎です', '山田太郎'],
    ['名前は山田 太郎と申します。', '山田 太郎'],
    ['私は青森 花子です。よろしくお願いします😊', '青森 花子'],
  ])('should take the name out of the self-introduction %j (usability review L4)', (input, value) => {
    expect(validatePersonName(input)).toEqual({ ok: true, value });
  });

  it.each([
    'はい',
    'いいえ',
    'わかりません',
    '不明',
    'なし',
    'お名前',
    'ＯＫ',
    'Yes',
    'です',
    'よろしくお願いします',
    '名前はわかりません',
    '了解',
    'わかりました',
    // An earlier question's answer typed again.
    'Zoom',
    'ＺＯＯＭ',
    '一般',
    'マザーズコーナー',
    // A message about the booking, not a name.
    '電話ください',
    'お電話ください',
    '予約したいです',
  ])('should refuse the reply %j as not a name', (input) => {
    expect(validatePersonName(input)).toEqual({ ok: false, code: 'not_a_name' });
  });

  it.each(['はいだ ゆうこ', '名前 花子', 'Noah Smith', '不明門 太郎', '一般 花子', 'Zoomer Smith'])(
    'should still accept %j, which only starts like a reply',
    (input) => {
      expect(validatePersonName(input).ok).toBe(true);
    },
  );

  it('should never throw, and its value should validate to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const result = validatePersonName(s);
        if (result.ok) expect(validatePersonName(result.value)).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });
});
