import type { IsoDate } from '../calendar/index.js';
import type { LineMessage } from '../line/message-types.js';
import { text } from './building-blocks.js';
import { formatDateWithYearJa } from './format-ja.js';
import { NO_SHOW_RULE } from './rule-sentences.js';

/**
 * The short summary of the terms shown before consent for the first version, before staff kept
 * one per version (docs/office-rules.md §13). A new database gives it to the version it seeds;
 * later versions carry their own, as staff give them.
 */
export const FIRST_CONSENT_SUMMARY =
  '・ビデオ通話（Zoom または TeleOffice）で1回40分以内。利用は無料ですが、通信料はご負担ください。\n' +
  '・ご希望日の2開庁日前の17:15までに予約が必要です。\n' +
  '・個室など周りに人のいない場所から、安全な端末でご参加ください。録画・録音はできません。\n' +
  '・通訳や介助の方が同席する場合は事前にお知らせください。\n' +
  `・当日のキャンセルはお電話のみです。${NO_SHOW_RULE}\n` +
  '・お申し込みをもって利用規約に同意したものとみなされます。';

/** What a terms-change notice says: the version's date, link and summary of what changes. */
export interface TermsChange {
  effectiveFrom: IsoDate;
  url: string;
  summary: string | null;
}

/**
 * Told to people with an open booking when a version is registered, before it takes effect
 * (terms art. 13): what changes, from when, and where to read it. Their booking stands; they
 * agree to the new version when they next book.
 */
export function termsChangeNoticeMessages(change: TermsChange, today: IsoDate): LineMessage[] {
  const from = formatDateWithYearJa(change.effectiveFrom);
  const inForce = change.effectiveFrom <= today;
  return [
    text(
      [
        inForce
          ? `オンライン職業相談の利用規約を改定しました（${from}から適用）。`
          : `オンライン職業相談の利用規約を${from}から改定します。`,
        ...(change.summary ? ['', '【主な変更点】', change.summary] : []),
        '',
        `改定後の利用規約: ${change.url}`,
        '',
        inForce
          ? '現在のご予約はそのまま有効です。次回のお申し込みの際に、あらためて同意をお願いします。'
          : `現在のご予約はそのまま有効です。${from}以降にお申し込みになる際に、あらためて同意をお願いします。`,
      ].join('\n'),
    ),
  ];
}
