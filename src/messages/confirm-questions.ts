/**
 * The name, e-mail and interpreter questions asked once more about what was read (machines/booking/confirm-answer.ts):
 * 「○○のことですか？」 with both addresses as buttons, or 「フルネームでお願いします」 with a button that
 * keeps the name as typed. The buttons are in the card only: a quick reply would cut an address short.
 */
import { COMMON_LANGUAGES, COMPANION_VALUES, CONFIRM_VALUES } from '../../machines/booking/confirm-answer.js';
import { encodePostback } from '../../machines/booking/postback.js';
import type { ConversationContext, Question } from '../../machines/booking/types.js';
import type { LineMessage } from '../line/message-types.js';
import { validateEmail } from '../validation/email.js';
import { postback, questionCard } from './building-blocks.js';

/** LINE cuts a button label at 40 characters: an address that long is named in the card instead. */
function addressLabel(address: string, fallback: string): string {
  return address.length <= 40 ? address : fallback;
}

export function confirmQuestion(question: Question, context: ConversationContext): LineMessage[] | undefined {
  const pending = context.draft.unconfirmed;
  const button = (value: string, label: string, said = label) =>
    postback(label, encodePostback({ kind: 'answer', question, turn: context.turn, value }), said);
  if (question === 'email' && pending?.item === 'email')
    return [
      questionCard(
        'メールアドレスの確認',
        [
          `「${pending.typed}」は「${pending.suggested}」のことですか？`,
          '正しい方を押してください。どちらも違う場合は、メールアドレスをもう一度入力してください。',
        ],
        [
          button(
            CONFIRM_VALUES.suggested,
            addressLabel(pending.suggested, 'はい、そのアドレスです'),
            pending.suggested,
          ),
          // The address as typed only when it is one the rules accept (「docomo.ne.j」 is not).
          ...(validateEmail(pending.typed).ok
            ? [button(CONFIRM_VALUES.typed, addressLabel(pending.typed, '入力したとおりです'), pending.typed)]
            : []),
        ],
        { primary: 1 },
      ),
    ];
  if (question === 'name' && pending?.item === 'name')
    return [
      questionCard(
        'お名前の確認',
        [
          `フルネームでお願いします。「${pending.typed}」はお名前の一部のようです。`,
          '求職登録されているお名前を、姓と名の間に空白を入れて入力してください（例: 青森 花子）。これがフルネームでしたら「このまま進む」を押してください。',
        ],
        [button(CONFIRM_VALUES.keepName, 'このまま進む')],
      ),
    ];
  if (question === 'interpreter' && pending?.item === 'companion')
    return [
      questionCard(
        '同席される方',
        ['どなたが同席されますか？ 準備のためにおたずねします。'],
        [
          button(COMPANION_VALUES.interpreter, '通訳'),
          button(COMPANION_VALUES.helper, '介助者'),
          button('no', '同席しません'),
        ],
      ),
    ];
  if (question === 'interpreter' && pending?.item === 'language')
    return [
      questionCard(
        '通訳の言語',
        ['通訳の言語をお選びください。ほかの言語は「タガログ語」のように入力してください。'],
        COMMON_LANGUAGES.map((language) => button(`${COMPANION_VALUES.language}${language}`, language)),
      ),
    ];
  return undefined;
}
