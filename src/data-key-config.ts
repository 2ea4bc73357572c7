import path from 'node:path';
import { z } from 'zod';
import type { DataKeyConfig } from '../db/data-key-config.js';
import { parseDataKey } from '../db/field-cipher.js';
import type { StoreConfig } from '../db/store-config.js';

/**
 * The variables that give the key personal data is encrypted under (docs/storage.md, "Personal
 * data at rest"), checked as src/config.ts checks the rest: a malformed key stops start-up with
 * the variable's name.
 */
const KEY_FORMAT = 'expected 32 bytes in base64 or hex, e.g. `openssl rand -base64 32`';
const dataKey = z.string().refine((v) => parseDataKey(v) !== null, KEY_FORMAT);
const blankIsUnset = (s: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

export const dataKeyVariables = {
  DATA_ENCRYPTION_KEY: blankIsUnset(dataKey),
  // Keys values may still be under while `npm run rotate-key` moves them to the current key.
  DATA_ENCRYPTION_OLD_KEYS: blankIsUnset(
    z.string().refine((v) => v.split(',').every((k) => parseDataKey(k) !== null), `each: ${KEY_FORMAT}`),
  ),
  DATA_ENCRYPTION_KEY_FILE: blankIsUnset(z.string().min(1)),
};

/** A configuration mistake about the key, thrown by loadConfig as its ConfigError. */
export class DataKeyConfigError extends Error {}

/**
 * The key source: the variables when set, else (never in production) a key of the database's
 * own in a file beside it, data/booking.key for data/booking.db, created on first start.
 */
export function dataKeyFrom(e: Record<string, unknown>, store: StoreConfig, production: boolean): DataKeyConfig {
  const key = e.DATA_ENCRYPTION_KEY as string | undefined;
  const old = e.DATA_ENCRYPTION_OLD_KEYS as string | undefined;
  const file = e.DATA_ENCRYPTION_KEY_FILE as string | undefined;
  if (key !== undefined && file !== undefined)
    throw new DataKeyConfigError('set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE, not both');
  if (old !== undefined && key === undefined)
    throw new DataKeyConfigError(
      'DATA_ENCRYPTION_OLD_KEYS needs DATA_ENCRYPTION_KEY, the key new values are encrypted under',
    );
  if (key !== undefined) {
    const keys = [key, ...(old?.split(',') ?? [])].map((k) => parseDataKey(k)!);
    return { kind: 'keys', keys };
  }
  if (file !== undefined) return { kind: 'file', path: file };
  if (production)
    throw new DataKeyConfigError(
      'NODE_ENV=production needs DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE: the key personal data is encrypted under (`openssl rand -base64 32`)',
    );
  if (store.kind === 'postgres') return { kind: 'generated', path: path.join('data', 'postgres-data.key') };
  if (store.path === ':memory:') return { kind: 'generated', path: null };
  const parsed = path.parse(store.path);
  return { kind: 'generated', path: path.join(parsed.dir, `${parsed.name}.key`) };
}
