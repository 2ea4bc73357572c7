import type { AppContext } from '../app-context.js';
import type { OfficeContext } from '../office/office-context.js';

/**
 * What the conversation reads of the app's one context (src/app-context.ts): the office, and the
 * occupancy cache, without which every event counts the slots again.
 */
export type ConversationDeps = OfficeContext & Partial<Pick<AppContext, 'occupancy'>>;
