import type { DeliveredMessage } from './types.js';

export interface DeliveryLog {
  /** Records accepted messages in order and notifies listeners and waiters; returns the entries. */
  deliver(
    via: DeliveredMessage['via'],
    to: string,
    messages: Record<string, unknown>[],
    retryKey?: string,
  ): DeliveredMessage[];
  all(): DeliveredMessage[];
  subscribe(listener: (message: DeliveredMessage) => void): () => void;
  waitFor(predicate: (delivered: DeliveredMessage[]) => boolean, timeoutMs: number): Promise<DeliveredMessage[]>;
  /** Rejects every pending waiter and drops listeners. */
  close(): void;
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export function createDeliveryLog(now: () => number): DeliveryLog {
  const delivered: DeliveredMessage[] = [];
  const listeners = new Set<(message: DeliveredMessage) => void>();
  const waiters = new Set<Waiter>();
  let closed = false;

  const snapshot = (): DeliveredMessage[] => delivered.slice();

  const notify = (entries: DeliveredMessage[]): void => {
    for (const entry of entries) {
      for (const listener of [...listeners]) {
        try {
          listener(entry);
        } catch {
          // A broken listener (e.g. a demo page that went away) must not turn a message the
          // platform accepted into a failed send.
        }
      }
    }
    for (const waiter of [...waiters]) waiter.check();
  };

  return {
    deliver(via, to, messages, retryKey) {
      const at = now();
      const entries = messages.map((message, index): DeliveredMessage => {
        const seq = delivered.length + index + 1;
        // Frozen because the same entry goes to every listener and into every snapshot.
        return Object.freeze({
          seq,
          messageId: toMessageId(seq),
          via,
          to,
          message,
          ...(retryKey === undefined ? {} : { retryKey }),
          at,
        });
      });
      delivered.push(...entries);
      notify(entries);
      return entries;
    },
    all: snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    waitFor(predicate, timeoutMs) {
      if (closed) return Promise.reject(new Error('waitFor: the fake LINE platform is closed'));
      return new Promise((resolve, reject) => {
        const finish = (outcome: () => void): void => {
          clearTimeout(timer);
          waiters.delete(waiter);
          outcome();
        };
        const waiter: Waiter = {
          check() {
            const current = snapshot();
            let satisfied: boolean;
            try {
              satisfied = predicate(current);
            } catch (e: unknown) {
              finish(() => reject(e instanceof Error ? e : new Error(String(e))));
              return;
            }
            if (satisfied) finish(() => resolve(current));
          },
          fail(error) {
            finish(() => reject(error));
          },
        };
        const timer = setTimeout(() => waiter.fail(new Error(describeTimeout(timeoutMs, snapshot()))), timeoutMs);
        waiters.add(waiter);
        waiter.check();
      });
    },
    close() {
      closed = true;
      listeners.clear();
      for (const waiter of [...waiters])
        waiter.fail(new Error('waitFor: the fake LINE platform was closed while waiting'));
    },
  };
}

/** LINE message ids are 18-digit decimal strings; derive one from the sequence number. */
function toMessageId(seq: number): string {
  return String(500_000_000_000_000_000n + BigInt(seq));
}

/** The timeout message lists what did arrive, which is what one needs to see when a test fails. */
function describeTimeout(timeoutMs: number, delivered: DeliveredMessage[]): string {
  const header = `waitFor timed out after ${timeoutMs} ms; ${delivered.length} message(s) delivered`;
  if (delivered.length === 0) return `${header}.`;
  return `${header}:\n${delivered.map(describeDelivered).join('\n')}`;
}

function describeDelivered(entry: DeliveredMessage): string {
  const { type, text, altText } = entry.message;
  const summary =
    typeof text === 'string' ? text : typeof altText === 'string' ? altText : JSON.stringify(entry.message);
  const clipped = summary.length > 120 ? `${summary.slice(0, 117)}...` : summary;
  return `  #${entry.seq} ${entry.via} to ${entry.to} [${String(type)}] ${JSON.stringify(clipped)}`;
}
