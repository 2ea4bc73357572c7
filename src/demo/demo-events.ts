import type { Request, Response } from 'express';
import type { ChatItem } from './chat-item.js';

/** What the page is told as it happens. */
export type DemoEvent = { type: 'item'; item: ChatItem } | { type: 'clock'; now: string } | { type: 'people' };

export interface DemoEvents {
  publish(event: DemoEvent): void;
  subscribe(listener: (event: DemoEvent) => void): () => void;
}

/** A fan-out to the open pages of one demo. */
export function createDemoEvents(): DemoEvents {
  const listeners = new Set<(event: DemoEvent) => void>();
  return {
    publish(event) {
      for (const listener of [...listeners]) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Keeps proxies and the browser from dropping a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * Serves the events as Server-Sent Events until the page goes away. The browser's EventSource
 * reconnects by itself; the page then reloads the history, so nothing is lost in between.
 */
export function serveEventStream(events: DemoEvents, req: Request, res: Response): void {
  res
    .status(200)
    .set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.flushHeaders();
  res.write('retry: 1000\n\n');
  const unsubscribe = events.subscribe((event) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
