import { createHash, randomBytes } from 'node:crypto';

/** The least randomness a staff API token may carry (docs/staff-api.md). */
export const MIN_TOKEN_BITS = 128;

/**
 * An upper estimate of a token's randomness: its length times the bits of the character classes
 * it uses. It cannot tell a random token from a made-up one, but it refuses the short, the
 * one-class and the repetitive (fewer than 10 different characters), which is what weak tokens
 * typed by hand look like.
 */
export function estimatedBits(token: string): number {
  const chars = [...token];
  if (new Set(chars).size < 10) return 0;
  let pool = 0;
  if (/[a-z]/.test(token)) pool += 26;
  if (/[A-Z]/.test(token)) pool += 26;
  if (/[0-9]/.test(token)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(token)) pool += 33;
  return Math.floor(chars.length * Math.log2(pool));
}

export const strongEnough = (token: string): boolean => estimatedBits(token) >= MIN_TOKEN_BITS;

/** A new token: 256 random bits, URL-safe, with a prefix that tells what it is when found in a file. */
export function newApiToken(): string {
  return `hwa_${randomBytes(32).toString('base64url')}`;
}

/** How tokens are stored and looked up: SHA-256, hex (the tokens are random, so no salt or slow hash is needed). */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
