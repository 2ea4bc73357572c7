import type { Config } from './config.js';

/**
 * What an operator should hear about a configuration that starts but may not be what they meant.
 * Pure, so main.ts logs it once at start-up and the tests read it without starting a server.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  // The shared token still works for one release, as the API token named "env", so deployments
  // keep running while each tool gets its own named token from the console (docs/staff-api.md).
  if (config.nodeEnv === 'production' && config.staffApiToken !== null) {
    warnings.push(
      'STAFF_API_TOKEN is deprecated and will stop working in the next release: create a named API token for each tool in the console (設定 → APIトークン) and remove it',
    );
  }
  return warnings;
}
