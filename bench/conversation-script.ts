/**
 * What a simulated person sends next, given the bot's latest answer. One script per user.
 *
 * `bookingScript` reads the buttons of the bot's answer the way a person reads the screen: it
 * finds the question the buttons belong to (their postback data, decoded with the product's own
 * decoder), taps the button with the label it wants, picks a random offered date or time, and
 * types the four text answers when asked in turn. A date or time question asked again after it
 * was answered is a refusal re-ask (the slot filled meanwhile); the script counts it and picks
 * another offered slot.
 *
 * `blindScript` sends the same 19 events without reading anything, for the baseline, which only
 * echoes and offers no buttons.
 */
import { randomInt } from 'node:crypto';
import { decodePostback } from '../machines/booking/postback.js';
import type { LineAction } from '../src/line/message-types.js';
import { actionsIn } from '../src/line/message-actions.js';

type Json = Record<string, unknown>;

export type Step = { type: 'follow' } | { type: 'text'; text: string } | { type: 'postback'; data: string };

export type Next = { step: Step } | { done: true } | { error: string };

export interface UserScript {
  /** The next event to send, given the messages of the bot's previous answer ([] before the first). */
  next(lastAnswer: readonly Json[]): Next;
  /** How many times a date or time question was asked again after it had been answered. */
  readonly refusals: number;
}

/** The button each multiple-choice question is answered with, by its label. */
const LABEL_FOR: Readonly<Record<string, string>> = {
  terms: '同意する',
  registered: '登録しています',
  target: '長期療養中',
  device: 'はい、持っています',
  continuing: 'はい、希望します',
  checklist: 'すべて確認しました',
  kind: '一般の職業相談',
  app: 'Zoom',
  interpreter: '同席しません',
  review: 'この内容で申し込む',
};

const SLOT_QUESTIONS = new Set(['choice1Date', 'choice1Time', 'choice2Date', 'choice2Time']);

export interface Persona {
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
}

const FAMILY_NAMES = ['青森', '佐藤', '工藤', '木村', '成田', '三上', '斎藤', '小山内'];
const GIVEN_NAMES = ['花子', '太郎', 'さくら', '健一', '美咲', '翔太', '陽子', 'ゆい'];

/** Valid answers for user number `i` (names repeat; numbers, addresses and phones do not). */
export function personaFor(i: number): Persona {
  const n = String(i).padStart(8, '0');
  const phone = String(12_340_000 + i); // 090-0000-... is not a number in use; 090-1234-... is
  return {
    name: `${FAMILY_NAMES[i % FAMILY_NAMES.length]} ${GIVEN_NAMES[Math.floor(i / FAMILY_NAMES.length) % GIVEN_NAMES.length]}`,
    jobSeekerNumber: `02010-${n}`,
    email: `user${i}@example.jp`,
    phone: `090-${phone.slice(0, 4)}-${phone.slice(4)}`,
  };
}

type PostbackAction = Extract<LineAction, { type: 'postback' }>;

interface Button {
  question: string;
  value: string;
  action: PostbackAction;
}

/** The answer buttons (postbacks that decode to a question) of a bot answer, deduplicated by data. */
function answerButtons(messages: readonly Json[]): Button[] {
  const byData = new Map<string, Button>();
  for (const action of messages.flatMap(actionsIn)) {
    if (action.type !== 'postback') continue;
    const decoded = decodePostback(action.data);
    if (decoded?.kind === 'answer')
      byData.set(action.data, { question: decoded.question, value: decoded.value, action });
  }
  return [...byData.values()];
}

function pickRandom<T>(items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[randomInt(items.length)];
}

function tap(button: Button | undefined): Next {
  return button ? { step: { type: 'postback', data: button.action.data } } : { error: 'wanted button not offered' };
}

export function bookingScript(persona: Persona): UserScript {
  const answered = new Set<string>();
  // Typed answers, asked as text questions (no buttons): two before the dates, two after.
  const early = [persona.name, persona.jobSeekerNumber];
  const late = [persona.email, persona.phone];
  let started = false;
  let submitted = false;
  let refusals = 0;

  function answerSlot(question: string, buttons: Button[]): Next {
    const prefix = question.endsWith('Date') ? 'd:' : 't:';
    const offered = buttons.filter((b) => b.value.startsWith(prefix));
    // No free time left on the day picked: go back to the dates, as the bot offers.
    return tap(pickRandom(offered) ?? buttons.find((b) => b.value === 'other_day'));
  }

  return {
    get refusals() {
      return refusals;
    },
    next(lastAnswer) {
      if (!started) {
        started = true;
        return { step: { type: 'follow' } };
      }
      const buttons = answerButtons(lastAnswer);
      const question = buttons[0]?.question;
      if (question === undefined) {
        const text = (answered.has('choice2Time') ? late : early).shift();
        if (text !== undefined) return { step: { type: 'text', text } };
        return submitted ? { done: true } : { error: 'answer without buttons where a question was expected' };
      }
      const again = answered.has(question);
      answered.add(question);
      if (SLOT_QUESTIONS.has(question)) {
        if (again) refusals += 1;
        return answerSlot(question, buttons);
      }
      const label = LABEL_FOR[question];
      if (label === undefined) return { error: `unexpected question "${question}"` };
      if (again && question !== 'review') return { error: `question "${question}" asked again` };
      if (question === 'review') submitted = true;
      return tap(buttons.find((b) => b.action.label === label));
    },
  };
}

/**
 * The same events in the same order, but with stand-in postback data of a similar size and no
 * reading of the answers (the baseline offers no buttons).
 */
export function blindScript(persona: Persona): UserScript {
  const postback = (question: string, turn: number): Step => ({
    type: 'postback',
    data: `q=${question}&t=${turn}&v=stand-in`,
  });
  const steps: Step[] = [
    { type: 'follow' },
    ...['terms', 'registered', 'target', 'device', 'continuing', 'checklist', 'kind', 'app'].map((q, i) =>
      postback(q, i + 1),
    ),
    { type: 'text', text: persona.name },
    { type: 'text', text: persona.jobSeekerNumber },
    ...['choice1Date', 'choice1Time', 'choice2Date', 'choice2Time'].map((q, i) => postback(q, i + 11)),
    { type: 'text', text: persona.email },
    { type: 'text', text: persona.phone },
    postback('interpreter', 17),
    postback('review', 18),
  ];
  let index = 0;
  return {
    refusals: 0,
    next: () => {
      const step = steps[index];
      index += 1;
      return step ? { step } : { done: true };
    },
  };
}
