import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDemo } from '../../src/demo/start-demo.js';
import { startHarness } from '../support/harness.js';

describe('where the simulator is mounted', () => {
  it('is not mounted when LINE credentials are configured', async () => {
    const h = await startHarness();
    try {
      expect((await fetch(`${h.baseUrl}/demo/`)).status).toBe(404);
      expect((await fetch(`${h.baseUrl}/demo/api/state`)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('refuses to start the demo with LINE credentials', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      LOG_LEVEL: 'silent',
    });
    await expect(startDemo(config, { port: 0 })).rejects.toThrow(/only without LINE credentials/);
  });
});
