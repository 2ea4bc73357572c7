import type { Response } from 'express';
import type { Dispatch } from '../bookings/dispatch.js';

/** An error the API answers with: `{code, message, field?}` and an HTTP status. */
export interface Failure {
  ok: false;
  status: 400 | 401 | 404 | 409;
  code: string;
  message: string;
  /** The body or path field at fault (400), or the one that made the change impossible (409). */
  field?: string;
}

/** A change that worked: what to answer, and the messages it causes. */
export interface Success<T> {
  ok: true;
  value: T;
  dispatches: readonly Dispatch[];
  /** 200 unless stated (201 when something was created). */
  status?: 200 | 201;
}

export type Outcome<T> = Success<T> | Failure;

export const fail = (status: Failure['status'], code: string, message: string, field?: string): Failure => ({
  ok: false,
  status,
  code,
  message,
  ...(field !== undefined ? { field } : {}),
});

export const done = <T>(value: T, dispatches: readonly Dispatch[] = [], status: 200 | 201 = 200): Success<T> => ({
  ok: true,
  value,
  dispatches,
  status,
});

export const notFound = (what: string, field?: string): Failure => fail(404, 'not_found', `no such ${what}`, field);

export function sendFailure(res: Response, f: Failure): void {
  res.status(f.status).json({ code: f.code, message: f.message, ...(f.field !== undefined ? { field: f.field } : {}) });
}

/** Answers with the outcome: `render(value)` on success, the error JSON otherwise. */
export function sendOutcome<T>(res: Response, outcome: Outcome<T>, render: (value: T) => unknown): void {
  if (!outcome.ok) {
    sendFailure(res, outcome);
    return;
  }
  res.status(outcome.status ?? 200).json(render(outcome.value));
}
