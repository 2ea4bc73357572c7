import 'dotenv/config';
import { randomBytes } from 'node:crypto';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startFakeLinePlatform, type FakeLinePlatform } from './line/fake-line-platform.js';

/** Demo mode: a fake LINE platform inside the process so the whole product runs without LINE. */
async function withDemoPlatform(config: Config): Promise<{ config: Config; platform: FakeLinePlatform }> {
  const platform = await startFakeLinePlatform({ channelAccessToken: config.line.channelAccessToken });
  const staffApiToken = config.staffApiToken ?? randomBytes(18).toString('base64url');
  return { config: { ...config, staffApiToken, line: { ...config.line, apiBaseUrl: platform.url, dataApiBaseUrl: platform.url } }, platform };
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
  let platform: FakeLinePlatform | undefined;
  if (config.demoMode) ({ config, platform } = await withDemoPlatform(config));
  const app = await createApp(config);
  const host = process.env.HOST ?? (config.demoMode ? '127.0.0.1' : '0.0.0.0');
  const port = await app.listen(config.port, host);
  if (config.demoMode) {
    console.log(
      [
        '',
        '  ==================================================================',
        '   DEMO MODE: not connected to LINE. No LINE credentials were set.',
        `   Messages go to a fake LINE platform inside this process (${platform!.url}).`,
        `   Database: ${config.sqlitePath}`,
        `   Webhook:  http://${host}:${port}/webhook  (signed with the demo secret)`,
        `   Staff API token for this run: ${config.staffApiToken}`,
        `   Try: curl -H "Authorization: Bearer ${config.staffApiToken}" http://${host}:${port}/api/bookings`,
        '   To connect a real channel, see "Connect a real LINE channel" in README.md.',
        '  ==================================================================',
        '',
      ].join('\n'),
    );
  } else {
    app.logger.info({ port }, 'listening');
  }
  const shutdown = async (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    await app.close();
    await platform?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

process.on('unhandledRejection', (reason: unknown) => {
  // Logged without detail objects that might carry personal data; the process keeps serving.
  console.error('unhandled rejection:', reason instanceof Error ? reason.message : 'unknown');
});

void main();
