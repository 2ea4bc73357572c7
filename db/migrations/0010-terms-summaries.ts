import { sql, type Kysely } from 'kysely';

/**
 * What a terms version says to people (docs/office-rules.md §13):
 * - `change_summary`: a short summary of what this version changes, sent to people with an open
 *   booking when the version is registered; null for versions registered before it was asked for.
 * - `consent_summary`: the short summary of the terms shown before a person agrees. It was fixed
 *   text in the chat's wording until now; it belongs to the version, so a new version never shows
 *   the old one. Every version registered so far was shown the text below, so each gets it.
 *
 * The text is copied here as it stood when this migration was written (a migration must say the
 * same thing every time it runs); src/messages/terms-consent.ts keeps it for a new database.
 */
export const CONSENT_SUMMARY_BEFORE_VERSIONS =
  '・ビデオ通話（Zoom または TeleOffice）で1回40分以内。利用は無料ですが、通信料はご負担ください。\n' +
  '・ご希望日の2開庁日前の17:15までに予約が必要です。\n' +
  '・個室など周りに人のいない場所から、安全な端末でご参加ください。録画・録音はできません。\n' +
  '・通訳や介助の方が同席する場合は事前にお知らせください。\n' +
  '・当日のキャンセルはお電話のみです。ご連絡のないまま開始から10分が過ぎるとキャンセルとみなされ、その場合は以後のオンライン相談をお断りすることがあります。\n' +
  '・お申し込みをもって利用規約に同意したものとみなされます。';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('terms_versions').addColumn('change_summary', 'text').execute();
  await db.schema
    .alterTable('terms_versions')
    .addColumn('consent_summary', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE terms_versions SET consent_summary = ${CONSENT_SUMMARY_BEFORE_VERSIONS}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('terms_versions').dropColumn('consent_summary').execute();
  await db.schema.alterTable('terms_versions').dropColumn('change_summary').execute();
}
