/**
 * Drives simulated users through whole conversations against a webhook, as LINE and people would:
 * every step is one signed webhook POST over HTTP, and a user sends the next step only after the
 * bot's answer to the previous one reached the fake LINE platform (and the POST was answered).
 *
 * Measures, per event: acknowledgement latency (POST sent -> HTTP response) and event-to-answer
 * latency (POST sent -> the fake platform received a reply or push for that user). Both times are
 * read on this process's clock, which is why the fake platform runs in this process.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { webhook } from '@line/bot-sdk';
import type { FakeLinePlatform } from '../src/line/fake-line-platform.js';
import { followEvent, postbackEvent, signedWebhookRequest, textEvent } from '../src/line/webhook-events.js';
import type { Step, UserScript } from './conversation-script.js';

type Json = Record<string, unknown>;

export interface LoadOptions {
  /** One server, or several sharing a database: each POST goes to the next one in turn. */
  webhookUrl: string | readonly string[];
  /**
   * As LINE does when a server does not answer 200 (webhook redelivery on): an event whose POST
   * failed or was refused is sent again, marked as a redelivery, to the next server, until one
   * takes it or `redeliveryLimitMs` has passed. Off by default: the benchmark counts a refusal as
   * a failure.
   */
  redeliver?: boolean;
  /** Every n-th event is also sent a second time, as a redelivery, to another server (0: none). */
  duplicateEvery?: number;
  /** How long a failing event is offered again before the user gives up (default 60 s). */
  redeliveryLimitMs?: number;
  channelSecret: string;
  platform: FakeLinePlatform;
  users: number;
  scriptFor(index: number): UserScript;
  /**
   * Mean pause of a user between reading an answer and sending the next step (uniform in
   * 0.5x..1.5x); each user's first step comes at a random moment within one mean pause. 0, the
   * default, is a saturation test: every user starts at once and answers at once.
   */
  thinkMs?: number;
  /** A user whose answer does not come within this time gives up (counted as failed). */
  answerTimeoutMs?: number;
  /**
   * The run stops after this long even if users are still talking (they count as stopped), so a
   * slow server cannot make the benchmark run for ever. The figures then cover what was done.
   */
  maxRunMs?: number;
  /**
   * The run also stops once no event has been acknowledged for this long: a stalled run ends
   * early, while a run that is merely slow (a loaded machine) goes on to finish.
   */
  maxIdleMs?: number;
  /** Progress callback, called about once a second. */
  onProgress?(eventsSent: number): void;
  /**
   * The server's clock minus this process's (it runs from APP_NOW). Events are stamped on the
   * server's clock, as LINE stamps them on the real one: the server ignores events days old.
   */
  eventClockOffsetMs?: number;
}

export interface LoadResult {
  users: number;
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  ackMs: number[];
  answerMs: number[];
  completed: number;
  failed: number;
  /** Users still mid-conversation when the run hit its time limit. */
  stopped: number;
  /** Users who were re-asked for a date or time at least once, and the re-asks in all. */
  usersWithRefusal: number;
  refusals: number;
  failureReasons: string[];
  /** Most message objects one answer carried (a check that one answer is one send). */
  maxMessagesPerAnswer: number;
  /** CPU this process (driver and fake platform) used, as a share of one core over the run. */
  driverCpuShare: number;
  /** The LINE user id each simulated user had, by index. */
  userIds: string[];
  /** Events posted again after a failed or refused POST, and events duplicated on purpose. */
  redelivered: number;
  duplicated: number;
  /** Sends that repeated an answer the user already had (allowed after a kill), skipped. */
  secondCopies: number;
}

const MAX_STEPS = 60;
const STEP_LIMIT_ERROR = 'conversation did not end within the step limit';

class RunStopped extends Error {
  override readonly name = 'RunStopped';
}

type Outcome = { status: 'done' | 'failed' | 'stopped'; refusals: number };

interface PendingAnswer {
  messages: Json[];
  /** Whether every message of the send collected so far came by push. */
  allPushed: boolean;
  at: number;
  resolve(): void;
  scheduled: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Routes every delivery to the user waiting for it; one answer is everything one send carried.
 *
 * A reply whose process was killed mid-call may have reached the person already; the server then
 * pushes the same answer again rather than risk losing it (docs/line-platform.md), and that second
 * copy can arrive while the person waits for the answer to a later step. A person sees it is the
 * same message again and goes on waiting; so does this router: a send made of pushes that repeat,
 * message for message, what the user already received is counted and skipped.
 */
function answerRouter(platform: FakeLinePlatform) {
  const waiting = new Map<string, PendingAnswer>();
  const received = new Map<string, Set<string>>();
  let secondCopies = 0;
  const unsubscribe = platform.onDelivered((d) => {
    const pending = waiting.get(d.to);
    if (!pending) return; // the staff group's card, or a late second send
    pending.messages.push(d.message);
    pending.allPushed &&= d.via === 'push';
    if (pending.scheduled) return;
    pending.scheduled = true;
    pending.at = performance.now();
    // The platform delivers every message of one send synchronously: collect them all first.
    queueMicrotask(() => {
      const seen = received.get(d.to) ?? new Set<string>();
      received.set(d.to, seen);
      const texts = pending.messages.map((m) => JSON.stringify(m));
      if (pending.allPushed && texts.every((t) => seen.has(t))) {
        secondCopies += 1;
        pending.messages = [];
        pending.scheduled = false;
        return;
      }
      for (const t of texts) seen.add(t);
      pending.resolve();
    });
  });
  function expect(userId: string, timeoutMs: number): Promise<{ messages: Json[]; at: number }> {
    return new Promise((resolve, reject) => {
      const pending: PendingAnswer = {
        messages: [],
        allPushed: true,
        at: 0,
        scheduled: false,
        timer: setTimeout(() => {
          waiting.delete(userId);
          reject(new Error('no answer within the timeout'));
        }, timeoutMs),
        resolve: () => {
          clearTimeout(pending.timer);
          waiting.delete(userId);
          resolve({ messages: pending.messages, at: pending.at });
        },
      };
      waiting.set(userId, pending);
    });
  }
  /** Stops waiting for the user's answer (its request failed); the promise never settles. */
  function cancel(userId: string): void {
    const pending = waiting.get(userId);
    if (pending) clearTimeout(pending.timer);
    waiting.delete(userId);
  }
  return { expect, cancel, close: unsubscribe, secondCopies: () => secondCopies };
}

/** The same event as LINE redelivers it: same id and content, marked as a redelivery. */
function asRedelivery(event: webhook.Event): webhook.Event {
  return { ...event, deliveryContext: { isRedelivery: true } };
}

function toEvent(step: Step, userId: string, replyToken: string, timestamp: number): webhook.Event {
  if (step.type === 'follow') return followEvent({ userId, replyToken, timestamp });
  if (step.type === 'text') return textEvent({ userId, replyToken, text: step.text, timestamp });
  return postbackEvent({ userId, replyToken, data: step.data, timestamp });
}

/**
 * POSTs over a kept-alive socket. A socket the server closed just as we reused it (its idle
 * timeout) fails with ECONNRESET before anything was read: that one is retried once, as Node's
 * documentation advises; the same body (and event id) goes again, so nothing can double.
 */
function post(
  agent: http.Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
  retried = false,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', (e: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && e.code === 'ECONNRESET') resolve(post(agent, url, body, headers, true));
      else reject(e);
    });
    req.end(body);
  });
}

/** Runs every user to the end of the conversation; resolves with the figures. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const urls = (typeof options.webhookUrl === 'string' ? [options.webhookUrl] : options.webhookUrl).map(
    (u) => new URL(u),
  );
  let turn = 0;
  const nextUrl = () => urls[(turn += 1) % urls.length]!;
  let redelivered = 0;
  let duplicated = 0;
  const userIds: string[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.users + 8 });
  const router = answerRouter(options.platform);
  const timeoutMs = options.answerTimeoutMs ?? 30_000;
  const ackMs: number[] = [];
  const answerMs: number[] = [];
  const failureReasons: string[] = [];
  let events = 0;
  let maxMessages = 0;
  let stopTimer: NodeJS.Timeout | undefined;
  let stopRun: (reason: RunStopped) => void = () => undefined;
  const stop = new Promise<never>((_, reject) => {
    stopRun = reject;
    stopTimer = setTimeout(() => reject(new RunStopped('run time limit reached')), options.maxRunMs ?? 2 ** 31 - 1);
  });
  stop.catch(() => undefined);
  /** Waits for `p`, or throws RunStopped once the run's time is up. */
  const untilStop = <T>(p: Promise<T>): Promise<T> => Promise.race([p, stop]);

  async function sendOnce(event: webhook.Event): Promise<number> {
    const { body, headers } = signedWebhookRequest(options.channelSecret, [event]);
    return post(agent, nextUrl(), body, headers);
  }

  /** One event to the next server; with `redeliver`, again to the following ones until one takes it. */
  async function deliver(event: webhook.Event): Promise<number> {
    const giveUpAt = performance.now() + (options.redeliveryLimitMs ?? 60_000);
    let current = event;
    for (;;) {
      const status = await sendOnce(current).catch(() => 0);
      if (status === 200 || !options.redeliver || performance.now() > giveUpAt) return status;
      redelivered += 1;
      current = asRedelivery(event);
      await delay(100);
    }
  }

  async function runUser(index: number): Promise<Outcome> {
    const script = options.scriptFor(index);
    const userId = `U${randomBytes(16).toString('hex')}`;
    userIds[index] = userId;
    let last: Json[] = [];
    try {
      for (let i = 0; i < MAX_STEPS; i += 1) {
        const next = script.next(last);
        if ('done' in next) return { status: 'done', refusals: script.refusals };
        if ('error' in next) throw new Error(next.error);
        // Paced: people pause before each answer, and arrive at random moments within the first
        // pause rather than all in the same millisecond.
        if (options.thinkMs)
          await untilStop(delay(i === 0 ? options.thinkMs * Math.random() : options.thinkMs * (0.5 + Math.random())));
        const event = toEvent(
          next.step,
          userId,
          options.platform.issueReplyToken(userId),
          Date.now() + (options.eventClockOffsetMs ?? 0),
        );
        const answer = router.expect(userId, timeoutMs);
        answer.catch(() => undefined); // awaited below; may time out while the POST is still out
        const sentAt = performance.now();
        const status = await untilStop(deliver(event)).catch((e: unknown) => {
          router.cancel(userId);
          throw e;
        });
        ackMs.push(performance.now() - sentAt);
        events += 1;
        if (status !== 200) {
          router.cancel(userId);
          throw new Error(`webhook answered ${status}`);
        }
        if (options.duplicateEvery && events % options.duplicateEvery === 0) {
          duplicated += 1;
          void sendOnce(asRedelivery(event)).catch(() => undefined);
        }
        const got = await untilStop(answer).catch((e: unknown) => {
          router.cancel(userId);
          throw e;
        });
        answerMs.push(got.at - sentAt);
        maxMessages = Math.max(maxMessages, got.messages.length);
        last = got.messages;
      }
      throw new Error(STEP_LIMIT_ERROR);
    } catch (e: unknown) {
      if (e instanceof RunStopped) return { status: 'stopped', refusals: script.refusals };
      failureReasons.push(e instanceof Error ? e.message : String(e));
      return { status: 'failed', refusals: script.refusals };
    }
  }

  let lastEvents = -1;
  let lastProgressAt = performance.now();
  const progress = setInterval(() => {
    options.onProgress?.(events);
    if (events !== lastEvents) {
      lastEvents = events;
      lastProgressAt = performance.now();
    } else if (options.maxIdleMs !== undefined && performance.now() - lastProgressAt > options.maxIdleMs) {
      stopRun(new RunStopped(`no event acknowledged for ${options.maxIdleMs} ms`));
    }
  }, 1000);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const outcomes = await Promise.all(Array.from({ length: options.users }, (_, i) => runUser(i)));
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(progress);
  clearTimeout(stopTimer);
  router.close();
  agent.destroy();

  return {
    users: options.users,
    events,
    wallMs,
    eventsPerSecond: events / (wallMs / 1000),
    ackMs,
    answerMs,
    completed: outcomes.filter((o) => o.status === 'done').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    stopped: outcomes.filter((o) => o.status === 'stopped').length,
    usersWithRefusal: outcomes.filter((o) => o.refusals > 0).length,
    refusals: outcomes.reduce((n, o) => n + o.refusals, 0),
    failureReasons,
    maxMessagesPerAnswer: maxMessages,
    driverCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
    userIds,
    redelivered,
    duplicated,
    secondCopies: router.secondCopies(),
  };
}
