import type { AppContext } from '../app-context.js';
import type { OfficeContext } from '../office/office-context.js';

/**
 * What the conversation reads of the app's one context (src/app-context.ts): the office, and the
 * office facts cache, without which every event reads the calendar and terms again.
 */
export type ConversationDeps = OfficeContext & Partial<Pick<AppContext, 'officeFacts'>>;
