import type { RouteResult } from './http-io.js';
import type { ErrorDetail } from './types.js';

/** LINE's wording when the Authorization header is missing or not a bearer token. */
export const AUTH_HEADER_REQUIRED =
  "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";

/** LINE's wording when the bearer token is not valid for the channel. */
export const AUTH_FAILED = 'Authentication failed. Confirm that the access token in the authorization header is valid.';

/** Messages LINE answers with for statuses a test may inject; other statuses get a generic text. */
const INJECTED_FAILURE_MESSAGES: Readonly<Record<number, string>> = {
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'An internal server error occurred.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
  504: 'Gateway timeout.',
};

/** A LINE error body `{ message, details? }` with the given status. */
export function errorResult(status: number, message: string, details?: ErrorDetail[]): RouteResult {
  return { status, body: details && details.length > 0 ? { message, details } : { message } };
}

/** The 400 LINE answers when properties of the request body are invalid. */
export function validationErrorResult(details: ErrorDetail[]): RouteResult {
  return errorResult(400, `The request body has ${details.length} error(s)`, details);
}

/** The answer to a send request failed on purpose by `failNext` or `setDown`. */
export function injectedFailureResult(status: number, retryAfterSeconds?: number): RouteResult {
  const result = errorResult(status, INJECTED_FAILURE_MESSAGES[status] ?? `Request failed with status ${status}.`);
  return retryAfterSeconds === undefined
    ? result
    : { ...result, headers: { 'retry-after': String(retryAfterSeconds) } };
}

export function notFoundResult(): RouteResult {
  return errorResult(404, 'Not found');
}
