import { describe, expect, it } from 'vitest';
import { chatAt } from './fixtures.js';

describe('「同席します」 asks who attends', () => {
  it('an interpreter: then the language, typed or tapped, and the review', () => {
    const chat = chatAt('interpreter').tap('yes');
    expect(chat.state).toBe('interpreter');
    expect(chat.draft.unconfirmed).toEqual({ item: 'companion' });
    chat.tap('c_interpreter');
    expect(chat.draft.unconfirmed).toEqual({ item: 'language' });
    chat.say('タガログ語です');
    expect(chat.state).toBe('review');
    expect(chat.draft).toMatchObject({ interpreter: true, companion: 'interpreter', companionLanguage: 'タガログ語' });
    expect(chat.draft.unconfirmed).toBeUndefined();
  });

  it('a helper: done with one tap', () => {
    const chat = chatAt('interpreter').say('同席します').tap('c_helper');
    expect(chat.state).toBe('review');
    expect(chat.draft).toMatchObject({ interpreter: true, companion: 'helper' });
    expect(chat.draft.companionLanguage).toBeUndefined();
  });

  it('「通訳が同席します」 goes straight to the language; a language button answers it', () => {
    const chat = chatAt('interpreter').say('通訳が同席します');
    expect(chat.draft.unconfirmed).toEqual({ item: 'language' });
    chat.tap('l:ベトナム語');
    expect(chat.draft).toMatchObject({ companion: 'interpreter', companionLanguage: 'ベトナム語' });
  });

  it('「同席しません」 at who attends means nobody, and clears an earlier answer while editing', () => {
    expect(chatAt('interpreter').tap('yes').tap('no').draft).toMatchObject({ interpreter: false });
    const chat = chatAt('interpreter').tap('yes').tap('c_helper');
    chat.tap('edit').tap('interpreter').tap('no');
    expect(chat.state).toBe('review');
    expect(chat.draft.interpreter).toBe(false);
    expect(chat.draft.companion).toBeUndefined();
  });

  it('a language that cannot be read is asked again', () => {
    const chat = chatAt('interpreter').tap('yes').tap('c_interpreter').say('12345');
    expect(chat.state).toBe('interpreter');
    expect(chat.noticeKeys).toEqual(['invalidLanguage']);
  });
});
