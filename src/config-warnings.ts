import type { Config } from './config.js';

/**
 * What an operator should hear about a configuration that starts but may not be what they meant.
 * Pure, so main.ts logs it once at start-up and the tests read it without starting a server.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  // Not an error: an office may run without its own tools. But the staff API then refuses every
  // call (401), which looks like a wrong token unless the log says why.
  if (config.nodeEnv === 'production' && config.staffApiToken === null) {
    warnings.push('STAFF_API_TOKEN is not set: the staff API (/api) is off and answers 401 to every request');
  }
  return warnings;
}
