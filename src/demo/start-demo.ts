import { randomBytes } from 'node:crypto';
import { createApp, type RunningApp } from '../app.js';
import type { Config } from '../config.js';
import { movableClock, type MovableClock } from '../infra/clock.js';
import { createLogger, type Logger } from '../infra/logger.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../line/fake-line-platform.js';
import type { DemoContext, DemoRichMenu } from './demo-context.js';
import { createDemoEvents } from './demo-events.js';
import { createDemoPeople } from './demo-people.js';
import { demoRouter } from './demo-router.js';
import { setUpDemoRichMenu } from './demo-rich-menu.js';
import { botItem } from './chat-item.js';
import { createTranscript } from './transcript.js';
import { ensureDemoStaff } from './demo-staff.js';

/** The simulator can act as anyone, so demo mode never listens beyond this machine. */
export const DEMO_HOST = '127.0.0.1';

export interface DemoOptions {
  /** Default: config.port; 0 picks a free port. */
  port?: number;
  logger?: Logger;
  retryIntervalMs?: number;
}

export interface RunningDemo {
  readonly app: RunningApp;
  readonly platform: FakeLinePlatform;
  readonly clock: MovableClock;
  /** The configuration the app runs with (fake platform URLs, the staff API token of this run). */
  readonly config: Config;
  readonly port: number;
  readonly baseUrl: string;
  readonly simulatorUrl: string;
  /** The staff console's sign-in page. */
  readonly consoleUrl: string;
  readonly richMenu: DemoRichMenu;
  close(): Promise<void>;
}

/**
 * Demo mode: the real app with a fake LINE platform inside the process, a movable clock, and
 * the chat simulator at /demo/. Refuses a configuration with LINE credentials, so the simulator
 * (which can speak as any user) is never mounted next to a real channel.
 */
export async function startDemo(config: Config, options: DemoOptions = {}): Promise<RunningDemo> {
  if (!config.demoMode) throw new Error('the demo and its chat simulator run only without LINE credentials');
  const logger = options.logger ?? createLogger(config.logLevel);
  // Always movable, so the page can jump ahead; it starts at APP_NOW when that is set.
  const clock = movableClock(config.appNow ? new Date(config.appNow) : new Date());
  // The platform stamps messages with the app's clock, so bubble times match what the bot thinks "now" is.
  const platform = await startFakeLinePlatform({
    channelAccessToken: config.line.channelAccessToken,
    now: () => clock.now().getTime(),
  });
  const port = options.port ?? config.port;
  const appConfig: Config = {
    ...config,
    // Staff-group cards link to the console; with a port picked at random the address is not known yet.
    office:
      config.office.consoleUrl === null && port !== 0
        ? { ...config.office, consoleUrl: `http://${DEMO_HOST}:${port}/staff` }
        : config.office,
    staffApiToken: config.staffApiToken ?? randomBytes(18).toString('base64url'),
    line: { ...config.line, apiBaseUrl: platform.url, dataApiBaseUrl: platform.url },
  };
  let app: RunningApp | undefined;
  let webhookUrl = '';
  try {
    const events = createDemoEvents();
    const ctx: DemoContext = {
      config: appConfig,
      platform,
      clock,
      people: createDemoPeople(),
      transcript: createTranscript(),
      events,
      richMenu: await setUpDemoRichMenu(appConfig, logger),
      webhookUrl: () => webhookUrl,
      onClockMoved: () => {
        // Reminders, reply deadlines and no-shows that the jump made due fire now, not at the next tick.
        // So does the purge of what the jump made old.
        void app?.jobs
          .runDue()
          .then(() => app?.jobs.purge())
          .then(() => app?.sender.flush())
          .catch(() => undefined);
      },
    };
    platform.onDelivered((delivered) => events.publish({ type: 'item', item: botItem(delivered) }));
    app = await createApp(appConfig, {
      clock,
      logger,
      routers: [demoRouter(ctx)],
      ...(options.retryIntervalMs ? { retryIntervalMs: options.retryIntervalMs } : {}),
    });
    await ensureDemoStaff(app.db, clock.now().toISOString());
    const listening = await app.listen(port, DEMO_HOST);
    const baseUrl = `http://${DEMO_HOST}:${listening}`;
    webhookUrl = `${baseUrl}/webhook`;
    const running = app;
    return {
      app: running,
      platform,
      clock,
      config: appConfig,
      port: listening,
      baseUrl,
      simulatorUrl: `${baseUrl}/demo/`,
      consoleUrl: `${baseUrl}/staff/`,
      richMenu: ctx.richMenu,
      async close() {
        await running.close();
        await platform.close();
      },
    };
  } catch (e: unknown) {
    await app?.close().catch(() => undefined);
    await platform.close();
    throw e;
  }
}
