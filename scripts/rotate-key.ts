/**
 * `npm run rotate-key`: brings every stored personal value under the current data key
 * (DATA_ENCRYPTION_KEY), re-encrypting those still under a key listed in DATA_ENCRYPTION_OLD_KEYS,
 * and writes blind indexes anew. Afterwards the old keys may be removed from the configuration.
 * See "Personal data at rest" in docs/storage.md for the order of steps.
 *
 * Safe to run while the server runs (each row is written back only if it still holds what was
 * read) and to run again (rows already under the current key are left alone).
 */
import 'dotenv/config';
import { fileURLToPath } from 'node:url';
import { reencryptAll, valuesUnderOlderKeys } from '../db/data-key.js';
import { fieldCipherOf } from '../db/encrypted-columns.js';
import { openStore } from '../db/store.js';
import { loadConfig } from '../src/config.js';
import { systemClock, type Clock } from '../src/infra/clock.js';
import { createLogger } from '../src/infra/logger.js';

/** Rotates the database the environment names; returns the line to print. Throws on any refusal. */
export async function rotateDataKey(
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
): Promise<string> {
  const config = loadConfig(env);
  const now = () => clock.now().toISOString();
  const store = await openStore(config.store, {
    logger: createLogger(env.LOG_LEVEL ?? 'warn'),
    dataKey: { config: config.dataKey, now },
  });
  try {
    const cipher = fieldCipherOf(store.db);
    const rows = await reencryptAll(store.db, cipher, now());
    const left = await valuesUnderOlderKeys(store.db, cipher);
    if (left > 0) throw new Error(`${left} values changed while rotating and remain under an older key; run it again`);
    return `${rows} rows re-encrypted under key ${cipher.currentKeyId} in ${store.label}; no value remains under an older key, so DATA_ENCRYPTION_OLD_KEYS may now be removed`;
  } finally {
    await store.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rotateDataKey(process.env).then(
    (line) => console.log(line),
    (e: unknown) => {
      console.error(`Cannot rotate the data key: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
