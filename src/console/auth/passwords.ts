import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The shortest password an account may have (docs/staff-console.md). */
export const MIN_PASSWORD_LENGTH = 12;
/** Long passphrases are welcome; this only stops absurd inputs from costing CPU. */
export const MAX_PASSWORD_LENGTH = 200;

/**
 * scrypt's cost: N=2^15, r=8 takes about 50-100 ms and 32 MiB per hash here, slow enough to make
 * guessing from a stolen database expensive and quick enough for a sign-in. Stored with the hash,
 * so raising it later keeps older hashes readable.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

const COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, o: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * 'scrypt$N$r$p$salt$hash' with salt and hash in base64url. `cost` is today's unless given (tests
 * seed their accounts cheaper; checking reads the cost from the stored form).
 */
export async function hashPassword(password: string, cost: ScryptCost = COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A stored form to check a password against when the login id is unknown, so that case takes as
 * long as a wrong password: today's cost, a random salt and a random "hash" that no password
 * derives to (one chance in 2^256). Made without hashing anything, so building the sign-in page's
 * routes costs no scrypt run.
 */
export function decoyHash(): string {
  const random = (bytes: number) => randomBytes(bytes).toString('base64url');
  return ['scrypt', COST.N, COST.r, COST.p, random(16), random(KEY_LENGTH)].join('$');
}

/** True when `password` matches `stored`; false for anything malformed, in constant time for the match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Why a new password is refused, in the words staff read; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`;
  if (password.length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  if (/^(.)\1*$/u.test(password)) return '同じ文字だけのパスワードは使えません。';
  return null;
}
