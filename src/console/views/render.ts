import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Sends a page. Preact escapes every text and attribute it renders, so nothing a person typed
 * into LINE can become markup here; the console never uses dangerouslySetInnerHTML.
 */
export function sendPage(res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html>${renderToString(page)}`);
}
