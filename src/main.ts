import 'dotenv/config';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { configWarnings } from './config-warnings.js';

interface Running {
  close(): Promise<void>;
  logger: { info(obj: object, msg: string): void; warn(msg: string): void };
}

/**
 * Demo mode: the app with a fake LINE platform inside the process and the chat simulator.
 * Loaded only here, so a production server never loads the simulator or the image library.
 */
async function startDemoMode(config: Config): Promise<Running> {
  const { startDemo } = await import('./demo/start-demo.js');
  const { demoBanner } = await import('./demo/demo-banner.js');
  const demo = await startDemo(config);
  console.log(demoBanner(demo));
  if (config.host && config.host !== '127.0.0.1')
    console.log(`   (HOST=${config.host} ignored: demo mode listens on 127.0.0.1 only)\n`);
  return { close: () => demo.close(), logger: demo.app.logger };
}

async function startConnected(config: Config, onStorageFailure: () => void): Promise<Running> {
  const app = await createApp(config, { onStorageFailure });
  const port = await app.listen(config.port, config.host ?? '0.0.0.0');
  app.logger.info({ port }, 'listening');
  for (const warning of configWarnings(config)) app.logger.warn(warning);
  return { close: () => app.close(), logger: app.logger };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e: unknown) {
    if (e instanceof ConfigError) {
      console.error(`Cannot start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  // Not const: a storage failure can call shutdown before startConnected returns, and it must see
  // undefined then, not a variable in its temporal dead zone.
  // eslint-disable-next-line prefer-const -- assigned once, but read before the assignment (above)
  let running: Running | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    running?.logger.info({ reason }, 'shutting down');
    await running?.close().catch(() => undefined);
    process.exit(code);
  };
  // The disk failed a sync: stop, so a supervisor restarts the server on what the disk kept.
  running = config.demoMode
    ? await startDemoMode(config)
    : await startConnected(config, () => void shutdown('storage failure', 1));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
}

process.on('unhandledRejection', (reason: unknown) => {
  // Logged without detail objects that might carry personal data; the process keeps serving.
  console.error('unhandled rejection:', reason instanceof Error ? reason.message : 'unknown');
});

main().catch((e: unknown) => {
  // E.g. the port is taken: say so and stop, instead of running on with nothing listening.
  console.error(`Cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
