import { describe, expect, it } from 'vitest';
import { chatAt } from './fixtures.js';

describe('a likely typo of a common mail domain', () => {
  it('is asked about once more, keeping both addresses; the suggested one is taken with one tap', () => {
    const chat = chatAt('email').say('hanako@gmial.com');
    expect(chat.state).toBe('email');
    expect(chat.draft.unconfirmed).toEqual({ item: 'email', typed: 'hanako@gmial.com', suggested: 'hanako@gmail.com' });
    expect(chat.draft.email).toBeUndefined();
    chat.tap('mail_suggested');
    expect(chat.state).toBe('phone');
    expect(chat.draft.email).toBe('hanako@gmail.com');
    expect(chat.draft.unconfirmed).toBeUndefined();
  });

  it('the address as typed is kept when the person says so', () => {
    const chat = chatAt('email').say('hanako@gmial.com').tap('mail_typed');
    expect(chat.draft.email).toBe('hanako@gmial.com');
    expect(chat.state).toBe('phone');
  });

  it('「はい」 takes the suggestion, typing another address reads that one', () => {
    expect(chatAt('email').say('hanako@gmial.com').say('はい').draft.email).toBe('hanako@gmail.com');
    const other = chatAt('email').say('hanako@gmial.com').say('hanako@example.jp');
    expect(other.draft.email).toBe('hanako@example.jp');
  });

  it('a carrier address chosen from the suggestion still gets the note about mail from computers', () => {
    const chat = chatAt('email').say('hanako@docomo.ne.j');
    expect(chat.draft.unconfirmed).toMatchObject({ typed: 'hanako@docomo.ne.j', suggested: 'hanako@docomo.ne.jp' });
    chat.tap('mail_suggested');
    expect(chat.draft.email).toBe('hanako@docomo.ne.jp');
    expect(chat.noticeKeys).toEqual(['carrierMail']);
  });

  it('an address as typed that the rules refuse is refused when chosen, with the reason', () => {
    const chat = chatAt('email').say('hanako@docomo.ne.j').tap('mail_typed');
    expect(chat.state).toBe('email');
    expect(chat.notices).toEqual([{ key: 'invalidEmail', params: { code: 'format' } }]);
    expect(chat.draft.email).toBeUndefined();
  });

  it('while editing from the review, the review comes back once the address is settled', () => {
    const chat = chatAt('review').tap('edit').tap('email');
    chat.say('hanako@gmial.com');
    expect(chat.state).toBe('email');
    chat.tap('mail_suggested');
    expect(chat.state).toBe('review');
    expect(chat.draft.email).toBe('hanako@gmail.com');
  });

  it('an old confirmation button, from before the question was asked again, is stale', () => {
    const chat = chatAt('email').say('hanako@gmial.com');
    const old = chat.postbackData('mail_suggested');
    chat.say('hanako@gmail.co');
    chat.input({ type: 'postback', data: old });
    expect(chat.noticeKeys).toEqual(['stale']);
    expect(chat.draft.email).toBeUndefined();
  });
});

describe('a name of one kana word', () => {
  it('is questioned once (フルネーム), and a full name then is taken', () => {
    const chat = chatAt('name').say('はなこ');
    expect(chat.state).toBe('name');
    expect(chat.draft.unconfirmed).toEqual({ item: 'name', typed: 'はなこ' });
    chat.say('青森 花子');
    expect(chat.state).toBe('jobSeekerNumber');
    expect(chat.draft.name).toBe('青森 花子');
    expect(chat.draft.unconfirmed).toBeUndefined();
  });

  it('is kept as typed with 「このまま進む」, and not asked a second time', () => {
    expect(chatAt('name').say('はなこ').tap('name_keep').draft.name).toBe('はなこ');
    const again = chatAt('name').say('はなこ').say('あおもりはなこ');
    expect(again.state).toBe('jobSeekerNumber');
    expect(again.draft.name).toBe('あおもりはなこ');
  });

  it('a full name in kana with a space, or in kanji, is taken at once', () => {
    expect(chatAt('name').say('あおもり はなこ').state).toBe('jobSeekerNumber');
    expect(chatAt('name').say('花子').state).toBe('jobSeekerNumber');
  });
});
