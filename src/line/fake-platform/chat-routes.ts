import type { RouteResult } from './http-io.js';
import { isNonEmptyString, isRecord } from './json-value.js';
import { validationErrorResult } from './line-errors.js';
import type { Route, RouteRequest } from './router.js';
import type { ErrorDetail } from './types.js';

/** Every profile the fake knows has this display name. */
export const FAKE_DISPLAY_NAME = 'テストユーザー';

/** Loading animation, user profile and group member profile. */
export function createChatRoutes(): Route[] {
  return [
    { method: 'POST', pattern: '/v2/bot/chat/loading/start', body: 'json', handle: startLoading },
    {
      method: 'GET',
      pattern: '/v2/bot/profile/:userId',
      body: 'none',
      handle: ({ params }) => ({ status: 200, body: { userId: params.userId, displayName: FAKE_DISPLAY_NAME } }),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/group/:groupId/member/:userId',
      body: 'none',
      handle: ({ params }) => ({ status: 200, body: { userId: params.userId, displayName: FAKE_DISPLAY_NAME } }),
    },
  ];
}

/** LINE answers 202 with `{}`; `loadingSeconds` is optional, a multiple of 5 from 5 to 60. */
function startLoading(request: RouteRequest): RouteResult {
  const body = isRecord(request.body) ? request.body : {};
  const details: ErrorDetail[] = [];
  if (!isNonEmptyString(body.chatId)) details.push({ message: 'May not be empty', property: 'chatId' });
  const seconds = body.loadingSeconds;
  if (
    seconds !== undefined &&
    !(Number.isInteger(seconds) && Number(seconds) % 5 === 0 && Number(seconds) >= 5 && Number(seconds) <= 60)
  ) {
    details.push({ message: 'Must be a multiple of 5 between 5 and 60', property: 'loadingSeconds' });
  }
  if (details.length > 0) return validationErrorResult(details);
  return { status: 202, body: {} };
}
