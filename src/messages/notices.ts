import { isValidIsoDate, type LocalDateTime, type DayRefusal } from '../calendar/index.js';
import { formatDateJa, formatSlotJa, formatTimeJa } from './format-ja.js';
import { dayRefusalMessage, refusalMessage, refusalReasonJa } from './refusals.js';
import { typedDateExample, typedSlotExample } from './examples.js';
import type { OfficeSettings } from '../office/settings.js';
import type { Notice } from '../../machines/booking/types.js';
import { encodePostback, type Command } from '../../machines/booking/postback.js';
import type { QuickReply } from '../line/message-types.js';
import { postback, quickReply } from './building-blocks.js';
import type { EmailProblem } from '../validation/email.js';
import type { JobSeekerNumberProblem } from '../validation/job-seeker-number.js';

const JSN_PROBLEMS: Record<JobSeekerNumberProblem, string> = {
  empty: '求職番号を入力してください。',
  format:
    '求職番号は「5けたの数字-8けたの数字」の形です（例: 02010-12345678）。ハローワーク受付票の「求職番号」の欄に記載されています。',
  phone:
    '電話番号のようです。ここでは求職番号（「5けたの数字-8けたの数字」、例: 02010-12345678）を入力してください。ハローワーク受付票に記載されています。電話番号はこのあとでおたずねします。',
};

function jobSeekerNumberUnknown(s: OfficeSettings): string {
  return `求職番号は、求職登録のときにお渡しした「ハローワーク受付票」に記載されています（例: 02010-12345678）。\nお手元にない場合はお電話でお問い合わせください。まだ求職登録をされていない場合は、先に求職登録をお願いします。\n${phoneLine(s)}\n番号がわかりましたら、そのまま入力してください。職員と話す場合は「担当者と話す」、入力をやめる場合は「やめる」と送ってください。`;
}
const PHONE_PROBLEMS: Record<string, string> = {
  empty: '電話番号を入力してください。',
  format: '電話番号として読み取れませんでした。市外局番から入力してください（例: 090-1234-5678、017-776-1561）。',
  toll_free:
    // The phone question, asked again right after, says which number to give.
    'フリーダイヤル（0120・0800）の番号はご登録いただけません。',
  pager: 'その番号はご登録いただけません。携帯電話または固定電話の番号を入力してください。',
  not_japanese: '日本国内の電話番号を入力してください。',
};
/** Every reason validateEmail gives has its words (the type says so). */
const EMAIL_PROBLEMS: Record<EmailProblem, string> = {
  empty: 'メールアドレスを入力してください。',
  format: 'メールアドレスの形式が正しくないようです。もう一度ご確認ください（例: aomori@example.jp）。',
  no_at:
    'メールアドレスに「@」が見当たりません。「@」を含めて、アドレス全体を入力してください（例: aomori@example.jp）。',
  many_at: '「@」が2つ以上あります。メールアドレスは1つだけ入力してください（例: aomori@example.jp）。',
  space: 'メールアドレスの途中に空白が入っています。空白を除いて、もう一度入力してください（例: aomori@example.jp）。',
  no_domain:
    '「@」のあとが途中までのようです。「@」のあとの部分（gmail.com や docomo.ne.jp など）まで、すべて入力してください。',
  too_long: 'メールアドレスが長すぎます。別のアドレスを入力してください。',
  // Worded with the office's phone where it is shown (noticeText).
  none: 'メールアドレスは、日時が決まったときのご案内や TeleOffice の招待をお送りするために必要です。',
};
const NAME_PROBLEMS: Record<string, string> = {
  empty: 'お名前を入力してください。',
  too_long: 'お名前は40文字以内で入力してください。',
  format: 'お名前として読み取れませんでした。漢字・かな・ローマ字でフルネームを入力してください（例: 青森 花子）。',
  command: 'お名前（フルネーム）を入力してください（例: 青森 花子）。入力を中止する場合は「やめる」と送ってください。',
  not_a_name: 'ここでは、求職登録されているお名前（フルネーム）を入力してください（例: 青森 花子）。',
};
const DATE_PROBLEMS: Record<string, string> = {
  impossible_date: 'その日付は存在しないようです。もう一度ご確認ください。',
  impossible_time: 'その時刻は読み取れませんでした。「10:30」や「14時」のように入力してください。',
  weekday_mismatch: '日付と曜日が合っていないようです。もう一度ご確認ください。',
  unreadable: '日時を読み取れませんでした。日付と時刻を「月/日 時:分」の形で入力するか、ボタンからお選びください。',
};

/** A free slot sent with the notice (`exampleDate`, `exampleMinutes`), for an example of typing. */
function exampleIn(p: Record<string, string | number>): LocalDateTime | undefined {
  const date = String(p.exampleDate ?? '');
  const minutes = p.exampleMinutes;
  return isValidIsoDate(date) && typeof minutes === 'number' ? { date, minutes } : undefined;
}

function dateUnreadableText(p: Record<string, string | number>): string {
  const named = String(p.date ?? '');
  if (p.reason === 'weekday_mismatch' && isValidIsoDate(named))
    return `日付と曜日が合っていないようです（${formatDateJa(named)}です）。ご確認のうえ、もう一度入力してください。`;
  const words = DATE_PROBLEMS[String(p.reason)];
  if (words !== undefined && p.reason !== 'unreadable') return words;
  const at = exampleIn(p);
  return at
    ? `日時を読み取れませんでした。「${typedSlotExample(at)}」のように入力するか、ボタンからお選びください。`
    : DATE_PROBLEMS.unreadable!;
}

function needDateText(p: Record<string, string | number>): string {
  const at = exampleIn(p);
  return at
    ? `先に日付をお選びください（例: ${typedDateExample(at)}）。日付と時刻をまとめて「${typedSlotExample(at)}」のように入力することもできます。`
    : '先に日付をお選びください。日付と時刻をまとめて入力することもできます。';
}

/** 「来週火曜」 typed on a Sunday, where both weeks can be booked: which one the person means. */
function whichWeek(p: Record<string, string | number>): string {
  const [first, second] = [String(p.first ?? ''), String(p.second ?? '')];
  if (!isValidIsoDate(first) || !isValidIsoDate(second)) return DATE_PROBLEMS.unreadable!;
  const [, month, day] = second.split('-').map(Number);
  const time = typeof p.minutes === 'number' ? ` ${formatTimeJa(p.minutes)}` : '';
  return `${formatDateJa(first)}と${formatDateJa(second)}のどちらをご希望でしょうか。「${month}/${day}${time}」のように日付で入力するか、ボタンからお選びください。`;
}

const DAY_REFUSALS: readonly DayRefusal[] = ['full', 'first_choice_only', 'past'];

/**
 * A date with no time left, sent by the machine as data: `reason` (a DayRefusal, or `none` when no
 * rule refuses a time yet none is free), `date`, and `alternatives` as comma-separated date@minutes.
 */
function dayRefusedText(p: Record<string, string | number>, s: OfficeSettings): string {
  const reason = DAY_REFUSALS.find((r) => r === p.reason);
  const date = String(p.date ?? '');
  if (reason === undefined || !isValidIsoDate(date))
    return 'その日は空いている時間がありません。別の日をお選びください。';
  const alternatives = String(p.alternatives ?? '')
    .split(',')
    .flatMap((a): LocalDateTime[] => {
      const [d, m] = a.split('@');
      return d && isValidIsoDate(d) && m !== undefined && /^\d+$/.test(m) ? [{ date: d, minutes: Number(m) }] : [];
    });
  return dayRefusalMessage(reason, date, alternatives, s);
}

function officeHoursJa(s: OfficeSettings): string {
  return `平日 ${formatTimeJa(s.openingMinutes)}〜${formatTimeJa(s.closingMinutes)}`;
}

function phoneLine(s: OfficeSettings): string {
  return `${s.officeName}（電話 ${s.officePhone}、${officeHoursJa(s)}）`;
}

const CONTINUE = '入力中のお申し込みは、このまま続けられます。';

/**
 * What happens to the current booking when a change is submitted. A confirmed session stays
 * until staff confirm the new time; a request staff have not confirmed is replaced at once.
 */
const CHANGE_KEEPS: Record<string, string> = {
  confirmed: '変更のお申し込みは、担当者が確認してから確定します。それまでは今のご予約が有効です。',
  requested:
    '今のお申し込みはまだ確定していないため、変更をお申し込みいただいた時点で、今の第1希望・第2希望は新しい希望日時に置き換わります。',
  changePending:
    '確定しているご予約は、新しい日時を担当者が確定するまで有効です。お申し込み中の日時変更は、新しい希望日時に置き換わります。',
};

/**
 * When an immediate session can begin: it must end inside a window (user-facts.ts), so the last
 * start of each window is its end minus the immediate session's length, not the window's end.
 */
function immediateStarts(s: OfficeSettings): string {
  const n = s.immediateSessionMinutes;
  return s.regularWindows
    .filter((w) => w.end - n >= w.start)
    .map((w) => `${formatTimeJa(w.start)}〜${formatTimeJa(w.end - n)}`)
    .join('、');
}

function immediateClosedText(reason: string, inProgress: boolean, s: OfficeSettings): string {
  if (reason === 'outside_hours' || reason === 'closed_day') {
    const when = `今すぐ相談（${s.immediateSessionMinutes}分）は、相談時間内に終えられるよう、開庁日の${immediateStarts(s)}に始める場合にご利用いただけます。`;
    return (
      when + (inProgress ? CONTINUE : '時間内にあらためてお送りいただくか、「予約する」で日時を予約してください。')
    );
  }
  // The menu shows 今すぐ相談 to everyone (one rich menu for all), so the answer says when it usually runs.
  const sorry = `申し訳ありません。ただいま今すぐ相談の受付を行っていません。今すぐ相談は、担当者の手が空いているときに、開庁日の${immediateStarts(s)}に受け付けています。`;
  return (
    sorry +
    (inProgress ? CONTINUE : `「予約する」で日時を予約していただくか、お電話でお問い合わせください。\n${phoneLine(s)}`)
  );
}

/** What 今すぐ相談 needs on record beforehand (terms art. 2 and 6-2(1)), as the person reads it. */
const ON_RECORD =
  '今すぐ相談は、利用規約に同意いただき、利用条件の確認（求職登録、対象となる方、機器、継続相談、機器と場所のチェック）にお答えいただいた方がご利用いただけます。';

const NOT_ON_RECORD: Record<string, (s: OfficeSettings) => string> = {
  noConsent: () => '現在の利用規約への同意が、まだ記録されていません。',
  noEligibility: () => '利用条件の確認へのご回答が、まだ記録されていません。',
  eligibilityExpired: (s) => `利用条件の確認にお答えいただいてから、${s.eligibilityValidMonths}か月を過ぎています。`,
};

/** 今すぐ相談 refused for want of consent or eligibility on record; a regular booking is offered. */
function immediateNeedsBookingText(reason: string, inProgress: boolean, s: OfficeSettings): string {
  const why = (NOT_ON_RECORD[reason] ?? NOT_ON_RECORD.noConsent!)(s);
  const next = inProgress
    ? CONTINUE
    : `「予約する」から日時を予約していただくと、規約への同意と利用条件の確認をあらためて行います。利用条件の確認にお答えいただいてから${s.eligibilityValidMonths}か月のあいだは、今すぐ相談もご利用いただけます。`;
  return `申し訳ありません。${ON_RECORD}${why}
${next}`;
}

const command = (label: string, c: Command) => postback(label, encodePostback({ kind: 'command', command: c }));

/**
 * The menu as buttons, for a message the bot could not act on: what the person can do, and a
 * person to talk to. Someone with a booking is most likely writing about it.
 */
export function menuQuickReply(hasBooking: boolean): QuickReply | undefined {
  return quickReply([
    ...(hasBooking
      ? [command('予約確認', 'check'), command('予約変更・キャンセル', 'manage')]
      : [command('予約する', 'start'), command('予約確認', 'check')]),
    command('担当者と話す', 'handoff'),
    command('ヘルプ', 'help'),
  ]);
}

/**
 * Buttons that go with a notice's words: refusing 今すぐ相談 offers a regular booking with one
 * tap (outside a booking in progress, which simply goes on).
 */
export function noticeQuickReply(notice: Notice): QuickReply | undefined {
  if (notice.key === 'immediateNeedsBooking' && notice.params?.inProgress === undefined)
    return quickReply([postback('予約する', encodePostback({ kind: 'command', command: 'start' }))]);
  if (notice.key === 'idleMenu') return menuQuickReply(Boolean(notice.params?.hasBooking));
  // A conversation that ran out (or could not be continued): starting again is one tap.
  if (
    ((notice.key === 'expired' || notice.key === 'conversationReset') && notice.params?.offer) ||
    notice.key === 'staleIdle'
  )
    return quickReply([command('予約する', 'start'), command('予約確認', 'check'), command('ヘルプ', 'help')]);
  return undefined;
}

/**
 * The words for each notice. All user-facing text of the conversation lives in this folder.
 * `reasonOnly`: a refused time's nearest free slots are not named, because what is offered
 * instead (open days for a closed one) is named beside it.
 */
export function noticeText(notice: Notice, s: OfficeSettings, options: { reasonOnly?: boolean } = {}): string {
  const p = notice.params ?? {};
  switch (notice.key) {
    case 'greeting':
      return `こんにちは。${s.officeName}のオンライン職業相談の予約窓口です。\nこのトークで、ご自宅などからビデオ通話で相談できる日時の予約をお申し込みいただけます。`;
    case 'termsDeclined':
      return `利用規約に同意いただけない場合、オンライン職業相談はご利用いただけません。\n窓口やお電話でのご相談は引き続きご利用いただけます。\n${phoneLine(s)}\nもう一度お申し込みになる場合は「予約する」と送ってください。`;
    case 'notRegistered':
      return `これから求職登録をされる方も、オンライン職業相談をご利用いただけます。ご予約には求職番号が必要なため、先に求職登録の手続きをお願いします。\n求職登録は、ハローワークインターネットサービスでの仮登録のあと窓口で、または窓口で直接行えます。来所が難しい場合はお電話でご相談ください。\n${phoneLine(s)}\n登録が済みましたら、あらためて「予約する」と送ってください。`;
    case 'notTargetGroup':
      return `オンライン職業相談は、長期療養中の方、難治性疾患のある方、マザーズコーナーをご利用の方、来所が難しい・不便な方を対象としています。\n窓口でのご相談をご利用いただくか、ご事情がある場合はお電話でご相談ください。\n${phoneLine(s)}`;
    case 'noDevice':
      return `オンライン職業相談には、カメラ付きのスマートフォンやパソコンと、Zoom または TeleOffice を使える環境が必要です。\n準備が難しい場合は、窓口やお電話でのご相談をご利用ください。\n${phoneLine(s)}`;
    case 'notContinuing':
      return `オンライン職業相談は、担当職員による継続的な相談をご希望の方のためのサービスです。\n単発のご質問は、お電話や窓口でお気軽にお問い合わせください。\n${phoneLine(s)}`;
    case 'checklistNotReady':
      return `ご準備ができましたら、あらためて「予約する」と送ってください。\nご不明な点はお電話でお問い合わせください。\n${phoneLine(s)}`;
    case 'zoomTerms':
      return `Zoom をお使いの場合は、Zoom の利用規約にも同意いただいたものとして扱います。\nZoom の利用規約: ${s.zoomTermsUrl}`;
    case 'invalidChoice':
      return '恐れ入りますが、下のボタンからお選びいただくか、ボタンと同じ言葉を入力してください。';
    case 'invalidName':
      return NAME_PROBLEMS[String(p.code)] ?? NAME_PROBLEMS.format!;
    case 'invalidJobSeekerNumber':
      if (p.code === 'unknown') return jobSeekerNumberUnknown(s);
      return JSN_PROBLEMS[String(p.code) as JobSeekerNumberProblem] ?? JSN_PROBLEMS.format;
    case 'jobSeekerNumberNotAomori':
      return '青森県内のハローワーク以外で登録された求職番号のようです。このまま進めますが、番号に誤りがないかご確認ください。';
    case 'slotRefused':
      // A recheck may refuse a choice other than the one just answered: say which.
      return (
        (p.choice === 1 || p.choice === 2 ? `【第${p.choice}希望】\n` : '') +
        (notice.slot
          ? options.reasonOnly
            ? refusalReasonJa(notice.slot.refusal)
            : refusalMessage(notice.slot.refusal, notice.slot.alternatives, s)
          : 'その日時はお選びいただけません。')
      );
    case 'dayRefused':
      return dayRefusedText(p, s);
    case 'immediateIntro':
      return `今すぐ相談は、日時を予約せずに、本日このあと受けられるオンライン相談です（${s.immediateSessionMinutes}分）。お申し込みの前に、いくつか確認します。`;
    case 'bothWishesTaken': {
      const [first, second] = notice.wishes ?? [];
      return first && second
        ? `第1希望を${formatSlotJa(first, s.sessionMinutes)}、第2希望を${formatSlotJa(second, s.sessionMinutes)}として承りました（お申し込みの前に確認画面で変更できます）。`
        : '第1希望と第2希望を承りました。';
    }
    case 'dateUnreadable':
      return dateUnreadableText(p);
    case 'whichWeek':
      return whichWeek(p);
    case 'wentBack':
      return 'ひとつ前の質問に戻ります。入力済みの内容はそのまま残っています。';
    case 'cannotGoBack':
      return 'ここから前の質問には戻れません。最初からやり直す場合は「最初から」、中止する場合は「やめる」と送ってください。';
    case 'halfDayTaken': {
      const date = String(p.date ?? '');
      const half = p.half === 'am' ? '午前' : '午後';
      return isValidIsoDate(date)
        ? `${formatDateJa(date)}の${half}は、空いている時間がありません。この日のほかの時間をご案内します。`
        : `${half}は、空いている時間がありません。ほかの時間をご案内します。`;
    }
    case 'needDate':
      return needDateText(p);
    case 'invalidLanguage':
      return '通訳の言語を「英語」「ベトナム語」のように入力するか、ボタンからお選びください。';
    case 'invalidEmail':
      if (p.code === 'none')
        return `${EMAIL_PROBLEMS.none}お持ちでない場合は、お手数ですがお電話でご相談ください。\n${phoneLine(s)}\n入力をやめる場合は「やめる」と送ってください。`;
      return EMAIL_PROBLEMS[String(p.code) as EmailProblem] ?? EMAIL_PROBLEMS.format;
    case 'carrierMail':
      return '携帯電話会社のメールアドレスは、迷惑メール対策の設定によって、パソコンから送られるメール（TeleOffice の招待メールなど）が届かないことがあります。届くように、受信の設定をご確認ください。';
    case 'invalidPhone':
      return PHONE_PROBLEMS[String(p.code)] ?? PHONE_PROBLEMS.format!;
    case 'choicesChanged':
      return '相談の種類によって選べる日時が異なるため、第1希望と第2希望をもう一度お選びください。';
    case 'cancelled':
      return 'お申し込みの入力を中止しました。入力いただいた内容は破棄しました。\nまたご利用の際は「予約する」と送ってください。';
    case 'restarted':
      return '最初からやり直します。';
    case 'expired':
      // `offer`: what the person sent answered a question that is gone; they choose to start again.
      return p.offer
        ? '前回の入力から1日以上たったため、入力途中のお申し込みは終了しました（入力いただいた内容は破棄しました）。\nもう一度お申し込みになる場合は「予約する」を押すか、「予約する」と送ってください。'
        : '前回の入力から1日以上たったため、お申し込みの入力を最初からやり直します。';
    case 'conversationReset':
      return '申し訳ありません。入力途中のお申し込みを続けられなくなりました。お手数ですが、もう一度「予約する」からお願いします。';
    case 'unsupportedMessage':
      return '申し訳ありません。文字のメッセージ以外（スタンプ、画像、ファイル、位置情報など）にはお答えできません。文字で入力するか、ボタンからお選びください。';
    case 'noActiveBooking':
      // Mid-booking the question follows: the draft is kept, so say so instead of 「予約する」.
      return p.inProgress
        ? `現在お申し込み済みの予約はありません。${CONTINUE}中止する場合は「やめる」と送ってください。`
        : '現在お申し込み中の予約はありません。予約をご希望の場合は「予約する」と送ってください。';
    case 'sameDayCancel':
      return `ご予約当日のキャンセルや日時の変更は、お電話でのみ承っております。お手数ですが、次の番号までご連絡ください。\n${phoneLine(s)}`;
    case 'cancelKept':
      return 'キャンセルせず、ご予約はそのままにしています。';
    case 'manageBack':
      return 'ご予約はそのままにしています。';
    case 'changeStarted':
      return `日時の変更を承ります。新しい第1希望と、あれば第2希望をお選びください。お名前などほかの内容はそのまま引き継ぎます。\n${CHANGE_KEEPS[String(p.current)] ?? CHANGE_KEEPS.requested}`;
    case 'immediateClosed':
      return immediateClosedText(String(p.reason), p.inProgress !== undefined, s);
    case 'immediateNeedsBooking':
      return immediateNeedsBookingText(String(p.reason), p.inProgress !== undefined, s);
    case 'immediatePhoneChange':
      return `ご本人確認のため、今すぐ相談のお申し込みと同時に電話番号を変更することはできません。電話番号の変更は、お電話または窓口でお手続きください。\n${phoneLine(s)}`;
    case 'immediateDeclined':
      return '今すぐ相談のお申し込みを取りやめました。';
    case 'proposalTaken':
      return '申し訳ありません。ご提案した枠が埋まってしまいました。担当者からあらためてご連絡します。';
    case 'proposalStale':
      return 'このご提案はすでに回答済みか、その後に別の日時をご提案しています。新しいご案内をご確認ください。';
    case 'immediatePending':
      return '今すぐ相談のお申し込みはすでに受け付けています。担当者からのお電話をお待ちください。';
    case 'help':
      return (
        'このトークでは、オンライン職業相談の予約をお申し込みいただけます。\n・「予約する」… 予約を始めます\n・「予約確認」… お申し込み中の予約を表示します\n・「予約変更」「予約キャンセル」… 日時の変更・キャンセル\n・「今すぐ相談」… 以前に予約をお申し込みの方に、担当者の手が空いていれば、すぐにお電話します\n・「担当者と話す」… 職員がこのトークでお返事します\n・「やめる」… 入力を中止します\n・「最初から」… 最初からやり直します\nボタンが表示されない場合は、ボタンと同じ言葉を入力してください。\n' +
        `お困りのときはお電話ください。\n${phoneLine(s)}`
      );
    case 'stale':
      return 'そのボタンは前の質問のもので、いまは使えません。お手数ですが、いまの質問にお答えください。';
    case 'staleIdle':
      return 'そのボタンは、すでに使えなくなっています（操作が済んだか、時間がたって終了したご案内のボタンです）。お申し込みやご予約の状況は「予約確認」でご確認いただけます。次のように送ってください。\n・「予約する」… 予約を始めます\n・「予約確認」… お申し込み中の予約を表示します\n・「予約変更」「予約キャンセル」… 日時の変更・キャンセル\n・「ヘルプ」… 使い方';
    case 'inProgress':
      return 'いま予約のお申し込みを入力中です。続きからお答えください（やめる場合は「やめる」、やり直す場合は「最初から」と送ってください）。';
    case 'idleMenu':
      // Someone with a booking is most likely writing about it: offer what they can do with it.
      if (p.hasBooking)
        return `申し訳ありません、メッセージの内容にはお答えできませんでした。次のように送ってください。\n・「予約確認」… ご予約の内容\n・「予約変更」「予約キャンセル」… 日時の変更・キャンセル\n・「担当者と話す」… 職員とのやりとり\nお急ぎの場合はお電話でどうぞ。\n${phoneLine(s)}`;
      return 'オンライン職業相談の予約は「予約する」と送ってください。使い方は「ヘルプ」、職員とのやりとりは「担当者と話す」です（下のボタンからも選べます）。';
    case 'handoffHeld':
      return `ただいま職員との会話中のため、自動応答を止めています。予約のキャンセルや日時の変更も、このトークのまま職員にお伝えください（職員がお返事できるのは${officeHoursJa(s)}です）。職員の対応が終わると、自動応答に戻ります。「予約確認」はいつでもお使いいただけます。`;
    case 'handoffContinues':
      return 'ただいま職員が対応しています。このトークで職員からお返事しますので、しばらくお待ちください。';
    case 'smallTalk': {
      const next = p.hasBooking
        ? 'ご予約の内容は「予約確認」でいつでもご確認いただけます。'
        : 'オンライン職業相談のご予約は「予約する」と送ってください。';
      if (p.kind === 'thanks') return `どういたしまして。${next}`;
      if (p.kind === 'greeting') return `こんにちは。${s.officeName}のオンライン職業相談の予約窓口です。${next}`;
      return `ありがとうございます。${next}ほかにご用件があれば「ヘルプ」と送ってください。`;
    }
    case 'proposalWaiting':
      return 'ハローワークからご提案した日時へのお返事をお待ちしています。お手数ですが、次のカードの「この日時で受ける」か「別の日時を希望する」を押してください。';
    case 'changeStopped':
      return p.afterDecline
        ? '新しい希望日時の入力を中止しました。ご提案の日時はお断りしたままです。入力をやめたことは担当の職員に伝えましたので、職員からのご連絡をお待ちください。別の日時を希望される場合は「予約変更」と送ってください。'
        : '日時の変更を中止しました。今のご予約はそのままです。ご予約の内容は「予約確認」で確認できます。';
    case 'nothingToCancel':
      return '中止する入力はありません。予約を始める場合は「予約する」と送ってください。';
    case 'previousDetailsGone':
      // Also said to someone with no booking before who types 「前回と同じ」: they may not know why.
      return '申し訳ありません。前回のご回答やご入力の内容は、有効期間が過ぎたか記録がないため、お使いいただけません。お手数ですが、あらためてお答えください。';
  }
}
