import type { RouteResult } from './http-io.js';
import { isNonEmptyString, isRecord } from './json-value.js';
import { errorResult, notFoundResult, validationErrorResult } from './line-errors.js';
import type { RichMenuStore, StoredRichMenu } from './rich-menu-store.js';
import type { Route, RouteRequest } from './router.js';
import type { ErrorDetail } from './types.js';

const MAX_AREAS = 20;
const MAX_CHAT_BAR_TEXT = 14;
const MAX_NAME = 300;
const MAX_IMAGE_BYTES = 1024 * 1024;
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

/**
 * Rich menu endpoints. Real LINE serves image upload and download from api-data.line.me; the
 * SDK's blob client takes its own baseURL, so pointing it at this same origin works.
 */
export function createRichMenuRoutes(store: RichMenuStore): Route[] {
  const ok = (body: unknown = {}): RouteResult => ({ status: 200, body });
  const withMenu = (request: RouteRequest, then: (menu: StoredRichMenu) => RouteResult): RouteResult => {
    const menu = store.get(request.params.richMenuId ?? '');
    return menu === undefined ? notFoundResult() : then(menu);
  };
  // Literal paths come before `/v2/bot/richmenu/:richMenuId` so that `list` is not read as an id.
  return [
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/list',
      body: 'none',
      handle: () => ok({ richmenus: store.list().map(describe) }),
    },
    { method: 'POST', pattern: '/v2/bot/richmenu/validate', body: 'json', handle: (r) => validated(r, () => ok()) },
    {
      method: 'POST',
      pattern: '/v2/bot/richmenu',
      body: 'json',
      handle: (r) => validated(r, (definition) => ok({ richMenuId: store.create(definition).richMenuId })),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/:richMenuId',
      body: 'none',
      handle: (r) => withMenu(r, (menu) => ok(describe(menu))),
    },
    {
      method: 'DELETE',
      pattern: '/v2/bot/richmenu/:richMenuId',
      body: 'none',
      handle: (r) =>
        withMenu(r, (menu) => {
          store.delete(menu.richMenuId);
          return ok();
        }),
    },
    {
      method: 'POST',
      pattern: '/v2/bot/richmenu/:richMenuId/content',
      body: 'binary',
      handle: (r) => withMenu(r, (menu) => upload(store, menu, r)),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/:richMenuId/content',
      body: 'none',
      handle: (r) =>
        withMenu(r, (menu) =>
          menu.image ? { status: 200, body: menu.image.bytes, contentType: menu.image.contentType } : notFoundResult(),
        ),
    },
    {
      method: 'POST',
      pattern: '/v2/bot/user/all/richmenu/:richMenuId',
      body: 'none',
      handle: (r) =>
        withMenu(r, (menu) => {
          if (menu.image === undefined)
            return errorResult(400, 'must upload richmenu image before applying it to user');
          store.setDefault(menu.richMenuId);
          return ok();
        }),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/user/all/richmenu',
      body: 'none',
      handle: () => {
        const richMenuId = store.defaultId();
        return richMenuId === undefined ? errorResult(404, 'no default richmenu') : ok({ richMenuId });
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/bot/user/all/richmenu',
      body: 'none',
      handle: () => {
        store.setDefault(undefined);
        return ok();
      },
    },
  ];
}

function describe(menu: StoredRichMenu): Record<string, unknown> {
  return { richMenuId: menu.richMenuId, ...menu.definition };
}

/** Light checks of a rich menu object; `then` runs only when it passes. */
function validated(request: RouteRequest, then: (definition: Record<string, unknown>) => RouteResult): RouteResult {
  const body = isRecord(request.body) ? request.body : {};
  const details: ErrorDetail[] = [];
  const size = body.size;
  if (!isRecord(size) || typeof size.width !== 'number' || typeof size.height !== 'number') {
    details.push({ message: 'Must be specified', property: 'size' });
  }
  if (typeof body.selected !== 'boolean') details.push({ message: 'Must be specified', property: 'selected' });
  if (!isNonEmptyString(body.name) || body.name.length > MAX_NAME) {
    details.push({ message: `Length must be between 1 and ${MAX_NAME}`, property: 'name' });
  }
  if (!isNonEmptyString(body.chatBarText) || body.chatBarText.length > MAX_CHAT_BAR_TEXT) {
    details.push({ message: `Length must be between 1 and ${MAX_CHAT_BAR_TEXT}`, property: 'chatBarText' });
  }
  if (!Array.isArray(body.areas) || body.areas.length > MAX_AREAS) {
    details.push({ message: `Size must be between 0 and ${MAX_AREAS}`, property: 'areas' });
  }
  return details.length > 0 ? validationErrorResult(details) : then(body);
}

/** LINE accepts one JPEG or PNG of at most 1 MB per rich menu, and never a second one. */
function upload(store: RichMenuStore, menu: StoredRichMenu, request: RouteRequest): RouteResult {
  const contentType = request.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (!IMAGE_TYPES.has(contentType))
    return errorResult(415, 'Unsupported Media Type: only image/jpeg and image/png are accepted');
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES)
    return errorResult(400, 'The image must be between 1 byte and 1 MB');
  if (menu.image !== undefined) return errorResult(400, 'An image has already been uploaded to the richmenu');
  store.setImage(menu.richMenuId, { contentType, bytes });
  return { status: 200, body: {} };
}
