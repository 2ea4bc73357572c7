import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts single values (a name, an e-mail, a conversation's draft) with AES-256-GCM, under the
 * office's data key (docs/storage.md, "Personal data at rest"). A stored value carries the id of
 * the key it was encrypted under, so keys can rotate: `v1:<keyId>:<iv>:<tag>:<ciphertext>`,
 * base64url, in the column the plain value used to occupy. Built once by the composition root
 * from the configured keys; holds nothing but the keys.
 */
export interface FieldCipher {
  /** The key new values are encrypted under. */
  readonly currentKeyId: string;
  /** Every configured key: the current one first, then older ones still accepted for reading. */
  readonly keyIds: readonly string[];
  encrypt(plain: string): string;
  /** The plain value; a value not in the stored form (never encrypted) is returned as it is. */
  decrypt(stored: string): string;
  /** The key id of a stored value, or null when it is not encrypted. */
  keyIdOf(stored: string): string | null;
  /** A keyed digest for exact lookups under the current key (the plain value never reaches SQL). */
  blindIndex(plain: string): string;
  /** The digests under every configured key: rows written before a rotation are still found. */
  blindIndexes(plain: string): string[];
}

/** A value the cipher cannot open: encrypted under a key not configured, or altered. */
export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';
}

const VERSION = 'v1';
/**
 * The stored form's fixed-length head: version, key id, IV and tag. The body after it is checked
 * by the cipher, not by a pattern: GCM's tag refuses any change to it, and a pattern over a long
 * value (a conversation's draft) cost more than the decryption itself.
 */
const HEAD = /^v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):/;
const HEAD_LENGTH = 52;

/** Length of a data key in bytes (AES-256). */
export const DATA_KEY_BYTES = 32;

interface DerivedKey {
  id: string;
  encryption: Buffer;
  index: Buffer;
}

/**
 * Separate keys for encryption and for the blind index, both derived from the data key (HKDF),
 * so a digest never reveals anything about the cipher's key; the id is a digest of the key too,
 * so operators name nothing and a wrong key is recognised by its id alone.
 */
function derive(key: Buffer): DerivedKey {
  const expand = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, DATA_KEY_BYTES));
  return {
    id: createHmac('sha256', key).update('data key id').digest('hex').slice(0, 8),
    encryption: expand('field encryption'),
    index: expand('blind index'),
  };
}

/** Whether `stored` has the form of an encrypted value (without opening it). */
export function isEncryptedValue(stored: string): boolean {
  return stored.startsWith('v1:') && HEAD.test(stored.slice(0, HEAD_LENGTH));
}

function headOf(stored: string): RegExpExecArray | null {
  return stored.startsWith('v1:') ? HEAD.exec(stored.slice(0, HEAD_LENGTH)) : null;
}

const IV_BYTES = 12;

/**
 * Fresh IVs, taken from a block of random bytes drawn a few hundred at a time: one call to the
 * system's generator per value cost more than the encryption of a short one. Each IV is used once;
 * a block is never reused.
 */
function ivSource(perDraw = 256): () => Buffer {
  let block = Buffer.alloc(0);
  let next = 0;
  return () => {
    if (next + IV_BYTES > block.length) {
      block = randomBytes(IV_BYTES * perDraw);
      next = 0;
    }
    next += IV_BYTES;
    return block.subarray(next - IV_BYTES, next);
  };
}

/** The cipher over `keys`: the first encrypts, all decrypt. */
export function createFieldCipher(keys: readonly Buffer[]): FieldCipher {
  if (keys.length === 0) throw new FieldCipherError('no data key');
  for (const key of keys) {
    if (key.length !== DATA_KEY_BYTES) throw new FieldCipherError(`a data key must be ${DATA_KEY_BYTES} bytes`);
  }
  const derived = keys.map(derive);
  const byId = new Map(derived.map((d) => [d.id, d]));
  const current = derived[0]!;
  const freshIv = ivSource();
  const digest = (d: DerivedKey, plain: string) => createHmac('sha256', d.index).update(plain).digest('hex');
  return {
    currentKeyId: current.id,
    keyIds: derived.map((d) => d.id),
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', current.encryption, iv);
      // GCM is a stream mode: update() returns every byte and final() none, but it must run.
      const body = cipher.update(plain, 'utf8');
      cipher.final();
      const tag = cipher.getAuthTag();
      return `${VERSION}:${current.id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
    },
    decrypt(stored) {
      const m = headOf(stored);
      if (!m) return stored;
      const key = byId.get(m[1]!);
      if (!key) throw new FieldCipherError(`a value is encrypted under key ${m[1]!}, which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(m[2]!, 'base64url'));
        decipher.setAuthTag(Buffer.from(m[3]!, 'base64url'));
        const plain = decipher.update(Buffer.from(stored.slice(HEAD_LENGTH), 'base64url'), undefined, 'utf8');
        return plain + decipher.final('utf8');
      } catch {
        throw new FieldCipherError(`a value under key ${m[1]!} does not open (altered, or another key with its id)`);
      }
    },
    keyIdOf(stored) {
      return headOf(stored)?.[1] ?? null;
    },
    blindIndex: (plain) => digest(current, plain),
    blindIndexes: (plain) => derived.map((d) => digest(d, plain)),
  };
}

/**
 * A data key as an operator writes it: 32 bytes in base64 (44 characters, `openssl rand -base64
 * 32`) or hex (64 characters, `openssl rand -hex 32`). Null when it is neither.
 */
export function parseDataKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === DATA_KEY_BYTES ? key : null;
  }
  return null;
}
