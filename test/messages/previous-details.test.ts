import { describe, expect, it } from 'vitest';
import { maskEmail, maskJobSeekerNumber, maskPhone } from '../../src/messages/previous-details.js';
import { renderQuestion } from '../../src/messages/questions.js';
import { actionsIn } from '../../src/line/message-actions.js';
import { textOf } from '../support/chat-driver.js';
import { PREVIOUS } from '../machines/candidates.js';
import { chatAt, NOW, onRecordFacts } from '../machines/fixtures.js';

describe('details of before, as a returning person reads them', () => {
  it('hides most of the e-mail, the phone and the job-seeker number, enough left to recognise them', () => {
    expect(maskEmail('hanako@example.jp')).toBe('ha***@example.jp');
    expect(maskEmail('ab@example.jp')).toBe('a***@example.jp');
    expect(maskPhone('09012345678')).toBe('090-****-5678');
    expect(maskPhone('0177761561')).toBe('017-***-1561');
    expect(maskJobSeekerNumber('02010-12345678')).toBe('02010-****5678');
    expect(maskJobSeekerNumber('0201012345678')).toBe('02010-****5678');
  });

  it('offers 「前回と同じ」 as a card button at an item given before, never as a quick reply', () => {
    const facts = onRecordFacts({ previous: PREVIOUS });
    const chat = chatAt('email');
    const messages = renderQuestion({ question: 'email', context: chat.context, facts, now: NOW });
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toHaveProperty('quickReply');
    expect(textOf(messages[0]!)).toContain('メールアドレスを入力してください');
    expect(textOf(messages[0]!)).toContain('前回のメールアドレス: ha***@example.jp');
    // The way back to the previous question stays under it.
    expect(actionsIn(messages[0]!).map((a) => a.label)).toEqual(['前回と同じ', 'ひとつ前に戻る']);
  });

  it('offers nothing of before to a person with nothing kept', () => {
    const chat = chatAt('email');
    const [message] = renderQuestion({ question: 'email', context: chat.context, facts: chat.facts, now: NOW });
    expect(textOf(message!)).not.toContain('前回');
    expect(actionsIn(message!).map((a) => a.label)).toEqual(['ひとつ前に戻る']);
  });
});
