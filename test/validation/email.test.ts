import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCarrierMail, validateEmail } from '../../src/validation/email.js';

describe('validateEmail', () => {
  it.each([
    ['taro@example.com', 'taro@example.com'],
    ['  taro@example.com  ', 'taro@example.com'],
    ['Taro.Yamada@Example.CO.JP', 'Taro.Yamada@example.co.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    ['taro＠example.jp', 'taro@example.jp'],
    ['taroーyamada@example.jp', 'taro-yamada@example.jp'],
    ['taro+booking@gmail.com', 'taro+booking@gmail.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['taro..yamada@docomo.ne.jp', 'taro..yamada@docomo.ne.jp'],
    ['hanako.@ezweb.ne.jp', 'hanako.@ezweb.ne.jp'],
    ['a@b.cd', 'a@b.cd'],
    ['user@mail-server.example.com', 'user@mail-server.example.com'],
    // The sentence around it is not part of it.
    ['taro@gmail.com です', 'taro@gmail.com'],
    ['taro@gmail.comでお願いします。', 'taro@gmail.com'],
  ])('should accept %j as %j', (input, value) => {
    expect(validateEmail(input)).toEqual({ ok: true, value });
  });

  it.each(['', '   ', '　'])('should call %j empty', (input) => {
    expect(validateEmail(input)).toEqual({ ok: false, code: 'empty' });
  });

  it.each(['なし', 'ありません', 'メールは持っていません', 'メールアドレスを持っていないのですが', '使ってません'])(
    'should read %j as having no address',
    (input) => {
      expect(validateEmail(input)).toEqual({ ok: false, code: 'none' });
    },
  );

  it.each([
    ['taro', 'no_at'],
    ['taro.example.com', 'no_at'],
    ['taro@@example.com', 'many_at'],
    ['taro@example@example.com', 'many_at'],
    ['taro@example.com,hanako@example.com', 'many_at'],
    ['taro yamada@example.com', 'space'],
    ['taro@exam ple.com', 'space'],
    ['taro　yamada@example.com', 'space'],
    ['"taro yamada"@example.com', 'space'],
    ['taro@', 'no_domain'],
    ['taro@example', 'no_domain'],
    ['taro@gmail', 'no_domain'],
    ['@example.com', 'format'],
    ['.taro@example.com', 'format'],
    ['taro@-example.com', 'format'],
    ['taro@example-.com', 'format'],
    ['taro@example..com', 'format'],
    ['taro@example.c', 'format'],
    ['taro@example.123', 'format'],
    ['taro@[192.168.0.1]', 'format'],
    ['山田@example.jp', 'format'],
    ['taro@例え.jp', 'format'],
    ['mailto:taro@example.com', 'format'],
  ])('should refuse %j, saying %s', (input, code) => {
    expect(validateEmail(input)).toEqual({ ok: false, code });
  });

  it('should refuse an address over 254 characters as too long', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.jp`;
    expect(address.length).toBeGreaterThan(254);
    expect(validateEmail(address)).toEqual({ ok: false, code: 'too_long' });
  });

  it('should accept an address of exactly 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`;
    expect(address.length).toBe(254);
    expect(validateEmail(address)).toEqual({ ok: true, value: address });
  });

  it('should refuse a local part over 64 characters as too long', () => {
    expect(validateEmail(`${'a'.repeat(65)}@example.com`)).toEqual({ ok: false, code: 'too_long' });
  });

  it('should never throw, and its value should validate to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.emailAddress()), (s) => {
        const result = validateEmail(s);
        if (result.ok) expect(validateEmail(result.value)).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('should accept the addresses fast-check generates, lower-casing only the domain', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        fc.pre(address.length <= 254);
        const result = validateEmail(address);
        const at = address.lastIndexOf('@');
        expect(result).toEqual({ ok: true, value: address.slice(0, at) + address.slice(at).toLowerCase() });
      }),
    );
  });
});

describe('isCarrierMail', () => {
  it.each([
    ['hanako@docomo.ne.jp', true],
    ['hanako@ezweb.ne.jp', true],
    ['hanako@au.com', true],
    ['hanako@i.softbank.jp', true],
    ['hanako@softbank.ne.jp', true],
    ['hanako@x.softbank.ne.jp', true],
    ['hanako@ymobile.ne.jp', true],
    ['hanako@rakumail.jp', true],
    ['hanako@gmail.com', false],
    ['hanako@notdocomo.ne.jp', false],
    ['docomo.ne.jp@example.jp', false],
  ])('%s -> %s', (address, carrier) => {
    expect(isCarrierMail(address)).toBe(carrier);
  });
});
