import { isNonEmptyString, isRecord, type JsonRecord } from './json-value.js';
import type { ErrorDetail } from './types.js';

/**
 * Light validation of message objects, to catch the bot's own bugs before they reach real
 * LINE. It checks the limits this project can plausibly break (docs/line-platform.md §6), not the whole
 * schema; anything it does not know it lets through.
 */

const MESSAGE_TYPES = [
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
  'coupon',
] as const;
const KNOWN_TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES);

const MAX_MESSAGES = 5;
/** Counted in UTF-16 code units, as LINE counts text. */
const MAX_TEXT_LENGTH = 5000;
const MAX_ALT_TEXT_LENGTH = 1500;
const MAX_QUICK_REPLY_ITEMS = 13;
/** Counted in grapheme clusters, as LINE counts action labels. */
const MAX_QUICK_REPLY_LABEL = 20;
const MAX_CAROUSEL_BUBBLES = 12;
const MAX_POSTBACK_DATA_LENGTH = 300;
/** Deeper nesting than any real Flex message; stops a hostile body from exhausting the stack. */
const MAX_WALK_DEPTH = 64;

/**
 * Checks the `messages` array of a reply or push body.
 * Guarantees: returns one detail per problem found, with LINE-style `property` paths such as
 * `messages[0].text`; an empty array means the messages passed.
 */
export function validateMessages(value: unknown, property = 'messages'): ErrorDetail[] {
  if (!Array.isArray(value)) return [{ message: 'Must be specified', property }];
  if (value.length < 1 || value.length > MAX_MESSAGES) {
    return [{ message: `Size must be between 1 and ${MAX_MESSAGES}`, property }];
  }
  return value.flatMap((message: unknown, index) => validateMessage(message, `${property}[${index}]`));
}

function validateMessage(message: unknown, path: string): ErrorDetail[] {
  if (!isRecord(message)) return [{ message: 'Must be an object', property: path }];
  if (typeof message.type !== 'string' || !KNOWN_TYPES.has(message.type)) {
    return [
      { message: `Must be one of the following values: [${MESSAGE_TYPES.join(', ')}]`, property: `${path}.type` },
    ];
  }
  return [
    ...validateByType(message.type, message, path),
    ...validateQuickReply(message.quickReply, `${path}.quickReply`),
    ...findLongPostbackData(message, path, 0),
  ];
}

function validateByType(type: string, message: JsonRecord, path: string): ErrorDetail[] {
  switch (type) {
    case 'text':
    case 'textV2':
      return validateText(message.text, `${path}.text`);
    case 'flex':
      return [
        ...validateAltText(message.altText, `${path}.altText`),
        ...validateFlexContents(message.contents, `${path}.contents`),
      ];
    case 'template':
      return [
        ...validateAltText(message.altText, `${path}.altText`),
        ...(isRecord(message.template) ? [] : [{ message: 'Must be specified', property: `${path}.template` }]),
      ];
    case 'sticker':
      return ['packageId', 'stickerId'].flatMap((key) =>
        isNonEmptyString(message[key]) ? [] : [{ message: 'May not be empty', property: `${path}.${key}` }],
      );
    default:
      return [];
  }
}

function validateText(text: unknown, property: string): ErrorDetail[] {
  if (!isNonEmptyString(text)) return [{ message: 'May not be empty', property }];
  if (text.length > MAX_TEXT_LENGTH) return [{ message: `Length must be between 0 and ${MAX_TEXT_LENGTH}`, property }];
  return [];
}

function validateAltText(altText: unknown, property: string): ErrorDetail[] {
  if (!isNonEmptyString(altText)) return [{ message: 'May not be empty', property }];
  if (altText.length > MAX_ALT_TEXT_LENGTH) {
    return [{ message: `Length must be between 0 and ${MAX_ALT_TEXT_LENGTH}`, property }];
  }
  return [];
}

function validateFlexContents(contents: unknown, property: string): ErrorDetail[] {
  if (!isRecord(contents)) return [{ message: 'Must be specified', property }];
  if (contents.type === 'bubble') return [];
  if (contents.type !== 'carousel')
    return [{ message: 'Must be one of the following values: [bubble, carousel]', property: `${property}.type` }];
  const bubbles = contents.contents;
  if (!Array.isArray(bubbles) || bubbles.length < 1 || bubbles.length > MAX_CAROUSEL_BUBBLES) {
    return [{ message: `Size must be between 1 and ${MAX_CAROUSEL_BUBBLES}`, property: `${property}.contents` }];
  }
  return [];
}

function validateQuickReply(quickReply: unknown, path: string): ErrorDetail[] {
  if (quickReply === undefined) return [];
  if (!isRecord(quickReply) || !Array.isArray(quickReply.items))
    return [{ message: 'Must be specified', property: `${path}.items` }];
  const items: unknown[] = quickReply.items;
  if (items.length < 1 || items.length > MAX_QUICK_REPLY_ITEMS) {
    return [{ message: `Size must be between 1 and ${MAX_QUICK_REPLY_ITEMS}`, property: `${path}.items` }];
  }
  return items.flatMap((item, index) => validateQuickReplyItem(item, `${path}.items[${index}]`));
}

function validateQuickReplyItem(item: unknown, path: string): ErrorDetail[] {
  if (!isRecord(item) || item.type !== 'action') return [{ message: "Must be 'action'", property: `${path}.type` }];
  const action = item.action;
  if (!isRecord(action) || !isNonEmptyString(action.type))
    return [{ message: 'Must be specified', property: `${path}.action` }];
  if (typeof action.label === 'string' && countGraphemes(action.label) > MAX_QUICK_REPLY_LABEL) {
    return [{ message: `Length must be between 0 and ${MAX_QUICK_REPLY_LABEL}`, property: `${path}.action.label` }];
  }
  return [];
}

/** Walks the whole message for postback actions, wherever they sit (quick reply, Flex, template). */
function findLongPostbackData(value: unknown, path: string, depth: number): ErrorDetail[] {
  if (depth > MAX_WALK_DEPTH) return [{ message: 'Nested too deeply', property: path }];
  if (Array.isArray(value)) {
    return value.flatMap((element: unknown, index) => findLongPostbackData(element, `${path}[${index}]`, depth + 1));
  }
  if (!isRecord(value)) return [];
  const own =
    value.type === 'postback' && typeof value.data === 'string' && value.data.length > MAX_POSTBACK_DATA_LENGTH
      ? [{ message: `Length must be between 0 and ${MAX_POSTBACK_DATA_LENGTH}`, property: `${path}.data` }]
      : [];
  const nested = Object.entries(value).flatMap(([key, child]) =>
    findLongPostbackData(child, `${path}.${key}`, depth + 1),
  );
  return [...own, ...nested];
}

function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count += 1;
  return count;
}
