import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Db } from '../db/database.js';
import { openStore, type Store } from '../db/store.js';
import type { WalSyncOptions } from '../db/wal-sync.js';
import { ensureTermsVersion, latestConsentSummary, latestEffectiveFrom } from '../db/repositories/terms-repository.js';
import { FIRST_CONSENT_SUMMARY } from './messages/terms-messages.js';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { createEventProcessor, type EventProcessor } from './conversation/event-processor.js';
import { webhookRouter } from './http/webhook-route.js';
import { movableClock, systemClock, type Clock } from './infra/clock.js';
import { createKeyedQueue, type KeyedQueue } from './infra/keyed-queue.js';
import { createLogger, type Logger } from './infra/logger.js';
import { claimDatabaseMode, refuseOtherMode } from '../db/claim-database-mode.js';
import { storeLabel, storeVariable } from '../db/store-config.js';
import { createLineClient, type LineClient } from './line/line-client.js';
import { createOfficeFactsCache } from './bookings/office-facts-cache.js';
import { createOutboxSender, type OutboxSender } from './line/outbox-sender.js';
import { staffApiRouter } from './staff/staff-api.js';
import { scheduleTermsNotices } from './staff/office-settings.js';
import { consoleRouter } from './console/console-router.js';
import { calendarLinkKey } from './bookings/calendar-link.js';
import { calendarRouter } from './http/calendar-route.js';
import { defaultConsoleSettings, type ConsoleSettings } from './console/console-settings.js';
import { createJobRunner, type JobRunner } from './jobs/job-runner.js';
import { defaultLifecycleSettings, type LifecycleSettings } from './office/lifecycle-settings.js';

/**
 * How long a stopping server keeps sending what is due. With the events in hand and the database
 * closing, a stop stays well inside the 10 s a container is usually given before it is killed.
 */
const SHUTDOWN_SEND_GRACE_MS = 3_000;

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  lineClient?: LineClient;
  /** How often waiting messages and unfinished events are retried (ms). */
  retryIntervalMs?: number;
  /** Waits between attempts at an event that failed (ms); see EventProcessorOptions. */
  eventRetryDelaysMs?: readonly number[];
  lifecycle?: LifecycleSettings;
  /** Extra routes mounted before the 404 handler (the demo chat simulator). */
  routers?: readonly Router[];
  /**
   * Called once if commits can no longer be made durable (the disk failed a sync): the server
   * refuses all writes from then on (webhooks answer 503, so LINE keeps the events), and the
   * owner should stop it. src/main.ts exits, so a supervisor restarts it on what the disk kept.
   */
  onStorageFailure?: (error: unknown) => void;
  /** How the write-ahead log is synced (tests make the disk fail). */
  walSync?: WalSyncOptions;
  /** The staff console's sign-in rules (tests shorten the pause after a failed sign-in). */
  console?: Partial<ConsoleSettings>;
  /**
   * false: timed jobs run only when called (`jobs.runDue()`), never on the server's own timer.
   * For tests that read the database file or count its syncs between two steps of their own.
   */
  jobTimer?: boolean;
}

export interface RunningApp {
  readonly config: Config;
  readonly db: Db;
  /** The database behind `db`: which engine, and whether other processes share it. */
  readonly store: Store;
  readonly http: Express;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queue: KeyedQueue;
  readonly sender: OutboxSender;
  readonly processor: EventProcessor;
  readonly jobs: JobRunner;
  /** Listens on `port` (0 for any free port) and starts background work; resolves to the port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Waits for events in hand, sends what is due, closes the server and the database. */
  close(): Promise<void>;
}

/**
 * The composition root: builds every part from the configuration, with nothing global.
 * Tests pass a clock, a logger or a LINE client; production passes nothing.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<RunningApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? (config.appNow ? movableClock(new Date(config.appNow)) : systemClock);
  const onFatal = (error: unknown) => {
    logger.fatal(
      { err: error instanceof Error ? error.message : String(error) },
      'the database can no longer make writes durable; refusing writes',
    );
    overrides.onStorageFailure?.(error);
  };
  const store = await openStore(config.store, {
    logger,
    onFatal,
    dataKey: { config: config.dataKey, now: () => clock.now().toISOString() },
    beforeKey: (db) =>
      refuseOtherMode(db, config.demoMode ? 'demo' : 'line', {
        label: storeLabel(config.store),
        variable: storeVariable(config.store),
      }),
    ...(overrides.walSync ? { walSync: overrides.walSync } : {}),
  });
  const { db, committer } = store;
  try {
    // Before anything runs on the database: demo and real data must never meet.
    const adopted = await claimDatabaseMode(db, config.demoMode ? 'demo' : 'line', store, clock.now().toISOString());
    if (adopted) {
      logger.warn(
        { database: store.label },
        'this database held data from before databases recorded their mode and is now recorded as connected to LINE; if it was a demo database (demo mode once used data/booking.db too), stop the server and move the file away',
      );
    }
  } catch (e: unknown) {
    await store.close();
    throw e;
  }
  const started = clock.now().toISOString();
  // A version set in the configuration for the first time is announced like one registered by
  // staff, if it will be the one in force: one dated no later than a version already registered
  // never will, and announcing it would tell everyone of a change that does not happen. It has no
  // summary of what changes, and keeps the consent summary of the version before it.
  const latest = await latestEffectiveFrom(db);
  const newer = latest === undefined || config.terms.effectiveFrom > latest;
  const seeded = {
    id: config.terms.version,
    effectiveFrom: config.terms.effectiveFrom,
    url: config.terms.url,
    summary: null,
    consentSummary: (await latestConsentSummary(db)) ?? FIRST_CONSENT_SUMMARY,
  };
  if ((await ensureTermsVersion(db, seeded, started)) && newer) {
    await scheduleTermsNotices(db, seeded, started);
  }
  const lineClient =
    overrides.lineClient ??
    createLineClient({ channelAccessToken: config.line.channelAccessToken, baseURL: config.line.apiBaseUrl });
  const queue = createKeyedQueue();
  const sender = createOutboxSender({
    db,
    committer,
    client: lineClient,
    clock,
    logger,
    claims: store.shared,
    replyTimeoutMs: config.line.replyTimeoutMs,
    callTimeoutMs: config.line.pushTimeoutMs,
  });
  // The one context every part is handed (src/app-context.ts).
  const ctx: AppContext = {
    settings: config.office,
    lifecycle: overrides.lifecycle ?? defaultLifecycleSettings,
    terms: { version: config.terms.version, url: config.terms.url },
    staffGroupId: config.staffGroupId,
    personalDataRetentionDays: config.personalDataRetentionDays,
    faq: config.faq,
    ...(config.publicBaseUrl
      ? { calendarLink: { baseUrl: config.publicBaseUrl, key: calendarLinkKey(config.line.channelSecret) } }
      : {}),
    db,
    committer,
    clock,
    logger,
    officeFacts: createOfficeFactsCache(),
    // Fresh rows go straight to their chats' senders; without a list, look through the whole outbox.
    onOutgoing: (recipients) => (recipients ? sender.notify(recipients) : void sender.flush()),
    durable: () => committer.durable(),
  };
  const processor = createEventProcessor(ctx, {
    queue,
    ...(overrides.eventRetryDelaysMs ? { retryDelaysMs: overrides.eventRetryDelaysMs } : {}),
  });
  const jobs = createJobRunner(ctx);

  const http = express();
  http.disable('x-powered-by');
  // The caller's address as the proxies named in TRUST_PROXY report it (the staff API counts failed
  // logins per address); none trusted by default.
  http.set('trust proxy', config.trustProxy);
  // The usual security headers on every answer (nosniff, no framing, no referrer). JSON needs no
  // sources at all; the pages that need some (the console, the demo simulator) set their own policy.
  http.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
      },
      strictTransportSecurity: config.nodeEnv === 'production',
    }),
  );
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', demoMode: config.demoMode });
  });
  if (ctx.calendarLink) http.use(calendarRouter({ key: ctx.calendarLink.key, settings: ctx.settings, clock }));
  http.use(webhookRouter({ committer, channelSecret: config.line.channelSecret, processor, clock, logger }));
  // No JSON parser here: each router parses its own bodies once it knows who is asking
  // (the staff API after its token, the demo after its loopback check).
  for (const router of overrides.routers ?? []) http.use(router);
  http.use(staffApiRouter(ctx, config.staffApiToken));
  http.use(
    consoleRouter(ctx, {
      ...defaultConsoleSettings,
      idleMinutes: config.console.idleMinutes,
      secureCookie: config.nodeEnv === 'production',
      ...overrides.console,
    }),
  );
  http.use((_req, res) => {
    res.status(404).json({ code: 'not_found', message: 'no such endpoint' });
  });
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ code: 'bad_request', message: 'request could not be read' });
      return;
    }
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
    res.status(503).set('Retry-After', '1').json({ code: 'unavailable', message: 'try again later' });
  };
  http.use(onError);

  let server: Server | undefined;
  const stops: (() => void)[] = [];
  return {
    config,
    db,
    store,
    http,
    clock,
    logger,
    queue,
    sender,
    processor,
    jobs,
    async listen(port = config.port, host = '127.0.0.1') {
      // Before any event can arrive: what the last run left half-sent is settled first.
      await sender.adoptLeftovers();
      server = await new Promise<Server>((resolve, reject) => {
        const s = http.listen(port, host, () => resolve(s));
        s.once('error', reject);
      });
      // LINE may keep connections open; don't let an idle one hold a shutdown.
      server.keepAliveTimeout = 5000;
      await processor.recover();
      void sender.flush();
      const interval = overrides.retryIntervalMs ?? 1000;
      stops.push(sender.start(interval));
      if (overrides.jobTimer !== false) stops.push(jobs.start(Math.max(interval * 5, 1000)));
      const recovery = setInterval(
        () => void processor.recover().catch(() => undefined),
        Math.max(interval * 30, 5000),
      );
      recovery.unref();
      stops.push(() => clearInterval(recovery));
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    async close() {
      stops.forEach((stop) => stop());
      processor.stop();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      }
      await queue.idle();
      // Bounded, so a stop finishes within a container's grace period even while LINE hangs: what
      // is left unanswered is sent again after the restart (docs/line-platform.md §3).
      await sender.close(SHUTDOWN_SEND_GRACE_MS);
      await store.close();
    },
  };
}
