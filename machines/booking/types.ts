import type { SlotRefusal } from '../../src/calendar/index.js';
import type {
  CalendarContext,
  HalfDay,
  Instant,
  IsoDate,
  LocalDateTime,
  SessionKind,
} from '../../src/calendar/index.js';

/** Every question the booking conversation can ask; each is a state of the machine. */
export const QUESTIONS = [
  'terms',
  'registered',
  'target',
  'device',
  'continuing',
  'checklist',
  'kind',
  'app',
  'name',
  'jobSeekerNumber',
  'choice1Date',
  'choice1Time',
  'choice2Date',
  'choice2Time',
  'email',
  'phone',
  'interpreter',
  'review',
  'editMenu',
  'manage',
  'cancelConfirm',
  'immediateConfirm',
  /** A returning person: keep the answers and details of before, change them, or review the eligibility answers. */
  'previousDetails',
] as const;
export type Question = (typeof QUESTIONS)[number];
export type ConversationState = 'idle' | Question;

export type AppChoice = 'zoom' | 'teleoffice';

/** What the user has told us so far. Plain JSON: it is persisted with the snapshot. */
export interface Draft {
  kind?: SessionKind;
  app?: AppChoice;
  name?: string;
  jobSeekerNumber?: string;
  /** A date picked for a choice whose time is still to come. */
  pendingDate?: IsoDate;
  /** The half of that date asked for (「午前中」): only its starts are offered. */
  pendingHalf?: HalfDay;
  choice1?: LocalDateTime;
  /** Null: the person said they have no second choice (docs/office-rules.md §9); undefined: not asked yet. */
  choice2?: LocalDateTime | null;
  email?: string;
  phone?: string;
  interpreter?: boolean;
  /** Who attends when `interpreter` (docs/office-rules.md §9): an interpreter and their language, or a helper. */
  companion?: 'interpreter' | 'helper';
  companionLanguage?: string;
  /** An answer read but not taken yet: the question is asked once more with it (confirm-answer.ts). */
  unconfirmed?: Unconfirmed;
}

/** A likely typo of a common mail domain (both offered), or a name of one kana word (fullName asked once). */
export type Unconfirmed =
  | { item: 'email'; typed: string; suggested: string }
  | { item: 'name'; typed: string }
  /** 「同席します」: who attends is asked next, then an interpreter's language. */
  | { item: 'companion' }
  | { item: 'language' };

/** Draft fields that hold a step in progress, never part of a filed request. */
export type WorkingFields = 'pendingDate' | 'pendingHalf' | 'unconfirmed';

/** Details a complete request may lack (nobody attends; requests filed before they were asked). */
export type OptionalDetails = 'companion' | 'companionLanguage';

/** Why the conversation is collecting answers: a new booking, a change of one, an immediate session. */
export type Purpose = 'new' | 'change' | 'immediate';

export interface ConversationContext {
  /** Absent in snapshots stored before purposes existed; read as 'new'. */
  purpose?: Purpose;
  /** Increases each time a new question is asked; buttons carry it so stale ones are recognised. */
  turn: number;
  /** Whether the greeting has been shown once: a new friend's first message starts the booking. */
  greeted: boolean;
  /** True while changing one item from the review card: answering returns to the review. */
  editing: boolean;
  draft: Draft;
  /**
   * The eligibility questions were not asked in this booking: the answers on record were kept
   * (a returning person, docs/office-rules.md §12). Filing it then records no new answering time.
   */
  eligibilityKept?: true;
  /**
   * This change of times began with the person turning down a time staff proposed: staff wait for
   * the new times, so stopping it is passed on to them.
   */
  afterDecline?: true;
}

/** Facts looked up by the runner before each event, so the machine needs no I/O. */
export interface ConversationFacts {
  calendar: CalendarContext;
  termsVersion: string;
  termsUrl: string;
  /** The short summary of the terms shown before consent, as the version in force gives it. */
  termsConsentSummary: string;
  agreedTermsVersion: string | null;
  /** When the person last answered the eligibility questions (a regular request filed); null if never. */
  eligibilityAnsweredAt: Instant | null;
  hasActiveBooking: boolean;
  /** The user's open request or booking, when there is one. */
  activeBooking?: ActiveBookingFacts;
  /**
   * A confirmed session that has begun and is not marked yet, kept beside a newer request for the
   * next session (docs/office-rules.md §9): words typed on its day are still about it.
   */
  sessionUnderWay?: { confirmedDate: IsoDate };
  /** Name and job-seeker number from the user's last request, for immediate sessions. */
  identity?: { name: string; jobSeekerNumber: string };
  /**
   * What the person gave in their newest booking that still holds it (retention erases it), offered
   * as 「前回と同じ」 (docs/office-rules.md §12). Absent for a new person and for one whose details were erased.
   */
  previous?: PreviousDetails;
  /** Whether an immediate session can be asked for now, and why not. */
  immediate?: { open: true } | { open: false; reason: 'disabled' | 'closed_day' | 'outside_hours' };
}

/**
 * What a person gave in their newest booking, as today's checks keep it (keptDetails in
 * previous-details.ts): an item they refuse now is absent, and asked again.
 */
export interface PreviousDetails {
  kind: SessionKind;
  app: AppChoice;
  name?: string;
  jobSeekerNumber?: string;
  email?: string;
  phone?: string;
}

export interface ActiveBookingFacts {
  id: string;
  status: 'requested' | 'confirmed';
  draft: Required<Omit<Draft, WorkingFields | OptionalDetails>> & Pick<Draft, OptionalDetails>;
  /** The date of the session (the confirmed one, else the first choice): same-day rules use it. */
  sessionDate: IsoDate;
  /** The office proposed another time and waits for the person's answer (buttons on its card). */
  proposalPending?: true;
  /**
   * A confirmed session whose start has come (and no proposed time ahead): it is under way or
   * over, so it does not stand in the way of asking for the next one (docs/office-rules.md §9).
   */
  begun?: true;
  /** The date and start of the confirmed session (also while a change of it is pending). */
  confirmedDate?: IsoDate;
  confirmedMinutes?: number;
}

/** How the user answered: typed, tapped a button, or picked from LINE's date-time picker. */
export type Answer =
  | { source: 'text'; text: string }
  | { source: 'button'; value: string }
  | { source: 'picker'; date?: string; time?: string; datetime?: string };

interface Base {
  now: Instant;
  facts: ConversationFacts;
}

export type ConversationEvent =
  | (Base & { type: 'START' })
  | (Base & { type: 'FOLLOW' })
  | (Base & { type: 'CANCEL' })
  | (Base & { type: 'RESTART' })
  | (Base & { type: 'HELP' })
  | (Base & { type: 'STALE' })
  | (Base & { type: 'ANSWER'; answer: Answer })
  /** 「戻る」 typed at a question where it is no answer: the previous question (back.ts). */
  | (Base & { type: 'BACK' })
  | (Base & { type: 'CHECK' })
  | (Base & { type: 'MANAGE' })
  /** `afterDecline`: the person turned down a time staff proposed, and is asked for new ones. */
  | (Base & { type: 'CHANGE'; afterDecline?: true })
  | (Base & { type: 'CANCEL_BOOKING' })
  | (Base & { type: 'HANDOFF' })
  | (Base & { type: 'IMMEDIATE' });

/** Something the bot should tell the user besides the current question; rendered by src/conversation. */
export interface Notice {
  key: NoticeKey;
  params?: Record<string, string | number>;
  /** A refused preferred time (`slotRefused`): why, and what is free nearby, for the renderer to word. */
  slot?: SlotRefusal;
  /**
   * For a time refused because the office is closed that day (`slotRefused`): the nearest open
   * days with a time free for this choice, offered instead of times of the closed day.
   */
  openDays?: IsoDate[];
  /** Both preferred times, taken from one message (`bothWishesTaken`), said back so the person can check them. */
  wishes?: readonly [LocalDateTime, LocalDateTime];
}

export type NoticeKey =
  | 'greeting'
  | 'termsDeclined'
  | 'notRegistered'
  | 'notTargetGroup'
  | 'noDevice'
  | 'notContinuing'
  | 'checklistNotReady'
  | 'zoomTerms'
  | 'invalidChoice'
  | 'invalidName'
  | 'invalidJobSeekerNumber'
  | 'jobSeekerNumberNotAomori'
  | 'slotRefused'
  /** A date (given without a time) with no time left: words made by the renderer from the reason. */
  | 'dayRefused'
  | 'dateUnreadable'
  | 'whichWeek'
  | 'needDate'
  /** 「戻る」: the previous question is asked again, answers kept. */
  | 'wentBack'
  /** 「戻る」 where there is no previous question to go to. */
  | 'cannotGoBack'
  /** 「午前中」 asked for a day whose morning (or afternoon) is taken: its other times are offered. */
  | 'halfDayTaken'
  | 'invalidEmail'
  /** An interpreter's language that could not be read. */
  | 'invalidLanguage'
  /** An address at a mobile carrier's mail: accepted, with a note to allow mail from computers. */
  | 'carrierMail'
  | 'invalidPhone'
  | 'choicesChanged'
  | 'cancelled'
  | 'restarted'
  | 'expired'
  | 'conversationReset'
  | 'unsupportedMessage'
  | 'bothWishesTaken'
  | 'immediateIntro'
  | 'help'
  | 'stale'
  /** A button tapped while no question is shown (double tap, old card, after expiry). */
  | 'staleIdle'
  | 'inProgress'
  | 'idleMenu'
  /** Said after 予約確認 or ヘルプ while a staff member has the chat: they still do. */
  | 'handoffContinues'
  /** A command (予約キャンセル, 予約変更...) sent while a staff member has the chat: not carried out, said why. */
  | 'handoffHeld'
  /** Thanks, a greeting or an acknowledgement typed while no question is open (`kind`, `hasBooking`). */
  | 'smallTalk'
  /** 「やめる」 while choosing new times for a booking: the booking itself stays. */
  | 'changeStopped'
  /** Words typed while a proposal waits for an answer: its buttons are shown again. */
  | 'proposalWaiting'
  | 'nothingToCancel'
  | 'noActiveBooking'
  | 'sameDayCancel'
  | 'cancelKept'
  | 'immediateClosed'
  /**
   * 今すぐ相談 refused: consent or eligibility answers not on record, or too old (`reason`, an
   * ImmediateRefusal; `inProgress` mid-booking); a regular booking is offered instead.
   */
  | 'immediateNeedsBooking'
  | 'immediatePhoneChange'
  | 'immediateDeclined'
  | 'changeStarted'
  | 'manageBack'
  | 'proposalTaken'
  | 'proposalStale'
  | 'immediatePending'
  /** 「前回と同じ」 tapped once the answers or details of before no longer hold: asked as for anyone. */
  | 'previousDetailsGone';
