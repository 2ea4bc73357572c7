/**
 * The product's server as production starts it (createApp with the configuration read from the
 * environment), in a process of its own. Prints `{"port": N}` on stdout once it listens; closes
 * cleanly on SIGTERM. The benchmark sets SQLITE_PATH, LINE_API_BASE_URL and the LINE credentials.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig(process.env);
const app = await createApp(config);
const port = await app.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port })}\n`);

process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
