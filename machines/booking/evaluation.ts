import type { Answer, ConversationContext, ConversationFacts, Draft, Notice, Purpose, Question } from './types.js';

/*
 * What evaluating one answer gives (evaluate-answer.ts and the steps it hands questions to:
 * confirm-answer.ts, previous-details.ts), apart from the evaluation itself so the steps and the
 * evaluator do not import each other.
 */

/** Side effects an accepted answer asks the runner to carry out, inside the event's transaction. */
export type Effect =
  | 'recordConsent'
  | 'submitRequest'
  | 'submitChange'
  /** A new request whose eligibility answers were kept from before: filed, recording no new answering time. */
  | 'submitRepeatRequest'
  | 'showActiveBooking'
  | 'showStatus'
  | 'cancelBooking'
  | 'handoff'
  | 'requestImmediate'
  /** On the day of a confirmed session the person wrote something the bot cannot act on: staff are told. */
  | 'sessionDayContact'
  /** 予約キャンセル with no booking: a 今すぐ相談 request still waiting is called off, or there is nothing to cancel. */
  | 'cancelWithoutBooking'
  /** A change of times begun by turning down staff's proposal was stopped: staff, waiting for the times, are told. */
  | 'declinedChangeStopped';

/**
 * What an accepted answer amounts to, named after the business condition it establishes. Where
 * each outcome leads is not decided here: the question's state in booking-machine.ts lists it.
 */
export type Outcome =
  // terms; immediateConfirm
  | 'agreed'
  | 'declined'
  // eligibility questions
  | 'registered'
  | 'notRegistered'
  | 'inTargetGroup'
  | 'notInTargetGroup'
  | 'hasDevice'
  | 'noDevice'
  | 'wantsContinuing'
  | 'notContinuing'
  | 'ready'
  | 'notReady'
  /** An item of the booking was given (kind, app, name, number, e-mail, phone, interpreter). */
  | 'filled'
  /** Read, but asked once more before it is taken (a likely mail typo, a one-word kana name: confirm-answer.ts). */
  | 'confirmAsked'
  /** While editing, another kind of session: its grid differs, so both choices are asked again. */
  | 'kindChanged'
  // the four date and time questions
  | 'otherDay'
  | 'dayPicked'
  | 'chosen'
  /** Back to the review, a choice no longer holds (the calendar moved on): it is asked again. */
  | 'firstChoiceLapsed'
  | 'secondChoiceLapsed'
  // review
  | 'termsChanged'
  | 'alreadyBooked'
  | 'incomplete'
  | 'submitted'
  | 'editRequested'
  // editMenu: back to the review, or the item to change
  | 'editBack'
  | 'editKind'
  | 'editApp'
  | 'editName'
  | 'editJobSeekerNumber'
  | 'editChoice1'
  | 'editChoice2'
  | 'editEmail'
  | 'editPhone'
  | 'editInterpreter'
  // manage, cancelConfirm
  | 'changeStarted'
  | 'cancelAsked'
  | 'back'
  | 'noBooking'
  | 'sameDay'
  | 'cancelled'
  | 'kept'
  // immediateConfirm
  /** Immediate sessions closed (or were switched off) since the question was asked. */
  | 'closedMeanwhile'
  /** Consent or eligibility no longer on record (new terms in force, answers too old): a booking is offered. */
  | 'immediateNotOnRecord'
  | 'immediateRequested'
  // previousDetails (a returning person): keep everything, give the items afresh, review eligibility
  | 'previousKept'
  | 'previousChanged'
  | 'eligibilityReview';

export type Evaluation =
  | {
      ok: true;
      outcome: Outcome;
      draft: Draft;
      editing?: boolean;
      purpose?: Purpose;
      notices?: Notice[];
      effects?: Effect[];
    }
  | { ok: false; notice: Notice };

export interface AnswerInput {
  question: Question;
  answer: Answer;
  context: ConversationContext;
  facts: ConversationFacts;
  now: string;
}
