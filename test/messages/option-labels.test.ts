import { describe, expect, it } from 'vitest';
import { matchOption, OPTIONS } from '../../machines/booking/options.js';
import type { Question } from '../../machines/booking/types.js';
import { OPTION_LABELS } from '../../src/messages/option-labels.js';

const questions = Object.keys(OPTIONS) as Question[];

describe('the buttons the catalogue labels and the answers the machine reads', () => {
  it('should label every answer of every multiple-choice question, and nothing else', () => {
    for (const q of questions) {
      expect(Object.keys(OPTION_LABELS[q] ?? {}).sort(), q).toEqual((OPTIONS[q] ?? []).map((o) => o.value).sort());
    }
    expect(Object.keys(OPTION_LABELS).sort()).toEqual([...questions].sort());
  });

  it('should read a typed label as its button, so LINE for PC users can type what the card shows', () => {
    for (const q of questions) {
      for (const [value, label] of Object.entries(OPTION_LABELS[q] ?? {})) {
        expect(matchOption(q, { source: 'text', text: label }), `${q}: ${label}`).toBe(value);
      }
    }
  });
});

describe('natural typed replies', () => {
  const read = (q: Question, text: string) => matchOption(q, { source: 'text', text });

  it('reads a yes or no before the option words, and a closing 。 or ！, as that option', () => {
    expect(read('terms', 'はい、同意します')).toBe('agree');
    expect(read('terms', 'はい、同意します。')).toBe('agree');
    expect(read('terms', 'はい 同意します')).toBe('agree');
    expect(read('terms', '同意します！')).toBe('agree');
    expect(read('terms', 'いいえ、同意しません')).toBe('decline');
    expect(read('device', 'はい、持っています')).toBe('yes');
    expect(read('cancelConfirm', 'はい、キャンセルします')).toBe('yes');
  });

  it('asks again when the yes or no contradicts the rest, or the rest is not an option', () => {
    expect(read('terms', 'はい、同意しません')).toBeUndefined();
    expect(read('terms', 'いいえ、同意します')).toBeUndefined();
    expect(read('terms', 'はい、よくわかりません')).toBeUndefined();
    expect(read('terms', '同意？')).toBeUndefined();
  });
});
