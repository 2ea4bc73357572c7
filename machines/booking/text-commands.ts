import { normalizeText } from '../../src/calendar/index.js';
import { dropEmoji } from '../../src/validation/emoji.js';
import type { Command } from './postback.js';

/** Typed words that act as commands anywhere in the conversation (after normalisation). */
const TEXT_COMMANDS: Readonly<Record<string, Command>> = {
  予約する: 'start',
  予約: 'start',
  予約したい: 'start',
  オンライン相談を予約: 'start',
  やめる: 'cancel',
  やめます: 'cancel',
  やめたい: 'cancel',
  中止: 'cancel',
  中止する: 'cancel',
  中止したい: 'cancel',
  終了: 'cancel',
  最初から: 'restart',
  はじめから: 'restart',
  やり直す: 'restart',
  やりなおす: 'restart',
  やり直し: 'restart',
  やりなおし: 'restart',
  最初からやり直す: 'restart',
  予約確認: 'check',
  予約の確認: 'check',
  予約変更・キャンセル: 'manage',
  予約変更キャンセル: 'manage',
  予約変更: 'change',
  予約の変更: 'change',
  日時変更: 'change',
  予約キャンセル: 'cancelBooking',
  予約のキャンセル: 'cancelBooking',
  担当者と話す: 'handoff',
  担当者と話したい: 'handoff',
  職員と話したい: 'handoff',
  今すぐ相談: 'immediate',
  今すぐ相談したい: 'immediate',
  ヘルプ: 'help',
  help: 'help',
  使い方: 'help',
};

/**
 * 「キャンセル」「キャンセルしたい」「予約をキャンセルしたい」「予約を取り消したい」「取消」...:
 * the verb, optionally after 予約(を|の), with a polite ending. Anchored, so longer sentences
 * (「キャンセル待ちはできますか」) are not taken for a command.
 */
const CANCEL_PHRASE =
  /^(予約(?:を|の)?)?(?:キャンセル|取り?消し?)(?:す|する|します|したい(?:です)?|たい(?:です)?|して(?:ください|ほしい(?:です)?)?|を?お願いします|で)?$/;

function canonical(text: string): string {
  // Trailing 。!? and emoji add nothing to a command word.
  return normalizeText(dropEmoji(text))
    .toLowerCase()
    .replace(/[。.!?、,]+$/u, '');
}

export function textCommand(text: string): Command | undefined {
  const word = canonical(text);
  // Own keys only: typed text such as '__proto__' must not reach Object.prototype.
  return Object.hasOwn(TEXT_COMMANDS, word) ? TEXT_COMMANDS[word] : undefined;
}

/**
 * What a typed cancel phrase means. 'booking': it names the booking (「予約をキャンセルしたい」),
 * so it always means 予約キャンセル. 'bare': just 「キャンセル」, whose meaning depends on where the
 * person is (stop the input, or cancel the booking when nothing is being filled in).
 */
export function cancelPhrase(text: string): 'booking' | 'bare' | undefined {
  const m = CANCEL_PHRASE.exec(canonical(text));
  if (m === null) return undefined;
  return m[1] ? 'booking' : 'bare';
}

/**
 * What a short sentence typed while no question is open is about: 「今日の予約をキャンセルしたいのですが」,
 * 「日程を変更したい」, 「予約を確認したい」. Only read when nothing is being filled in, where the text
 * cannot be an answer; a cancel still asks for confirmation, so a wrong guess destroys nothing.
 * 「キャンセル待ち」 is a question about waiting lists, not a cancel.
 */
export function idleIntent(text: string): Command | undefined {
  const t = canonical(text);
  // 「キャンセルしたらペナルティはありますか」 asks about cancelling; it does not ask to.
  if (t.length > 40 || /キャンセル待ち|たら|れば/.test(t)) return undefined;
  if (/キャンセル|取り?消/.test(t)) return 'cancelBooking';
  // 「参加できません」 (the morning reminder's button), 「欠席します」: not coming is a cancel, which on
  // the day itself is by phone only (docs/office-rules.md §10), and is answered so. 「休みます」 is
  // not: it may be about work or school, and on the session day it reaches staff as written.
  if (/参加(?:でき|出来)(?:ません|ない|なく)|欠席(?:します|したい|させて|でお願い)/.test(t)) return 'cancelBooking';
  // Only a change of when: 「予約した電話番号を変更したい」 is not a new date, and goes to the menu.
  if (
    /変更|変えたい|変えて|ずらし/.test(t) &&
    /予約|日時|日程|時間|時刻|日にち|曜日/.test(t) &&
    !/電話|メール|アドレス|名前|番号|住所|アプリ/.test(t)
  )
    return 'change';
  if (/予約/.test(t) && /確認|知りたい|教えて/.test(t)) return 'check';
  return undefined;
}

/** A word that works as a command is never an answer such as a name (「キャンセル」 is not anyone's name). */
export function isCommandWord(text: string): boolean {
  return textCommand(text) !== undefined || cancelPhrase(text) !== undefined;
}

/** Small talk the bot answers in kind, instead of saying it did not understand. */
export type SmallTalk = 'thanks' | 'greeting' | 'okay';

const THANKS =
  /^(?:どうも)?(?:ありがと(?:う|ー)?(?:ございます|ございました|ござました)?|ありがとうございます|サンキュー|感謝します|助かりました|お世話になりました|お世話になります)$/u;
const GREETING = /^(?:こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(?:ございます)?|はじめまして|初めまして)$/u;
const OKAY =
  /^(?:了解(?:です|しました)?|りょうかい(?:です)?|わかりました|分かりました|承知しました|かしこまりました|はい、?わかりました|よろしくお願い(?:します|いたします|致します)|よろしくです)$/u;

/**
 * 「ありがとうございました」「こんにちは」「わかりました」 typed on their own (a trailing 。!, emoji
 * or 「！」 aside). Whole messages only: 「ありがとうございます、少し遅れます」 is not small talk.
 */
export function smallTalk(text: string): SmallTalk | undefined {
  const t = canonical(text).replace(/[。.!！?？〜~ー]+$/u, '');
  if (THANKS.test(t)) return 'thanks';
  if (GREETING.test(t)) return 'greeting';
  if (OKAY.test(t)) return 'okay';
  return undefined;
}
