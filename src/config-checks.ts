import { MIN_TOKEN_BITS, strongEnough } from './infra/token-strength.js';
/**
 * Checks on configuration values that zod's shapes cannot express: pure functions returning
 * what is wrong (or null), so loadConfig can name the variable and the tests can call them alone.
 */

/**
 * Why a staff API token cannot be used, or null. Clients and Node strip the spaces around a
 * header value, so a token with leading or trailing whitespace can never match: the staff API
 * would be off with no message. A token of one character repeated is a placeholder, not a secret.
 */
export function staffTokenProblem(token: string): string | null {
  if (token.trim() !== token)
    return 'must not begin or end with spaces or line breaks (clients cannot send them, so no request would match)';
  if (new Set(token).size === 1)
    return 'must not be one character repeated; use a random value, e.g. `openssl rand -base64 32`';
  if (!strongEnough(token))
    return `must carry at least ${MIN_TOKEN_BITS} bits of randomness (e.g. 22 random letters and digits); use \`openssl rand -base64 32\`, or better, a named token from the console`;
  return null;
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/**
 * Why `url` may not carry the channel access token in production, or null: anything but https
 * would send it in the clear. Plain http is allowed to this machine only (a local proxy or the
 * fake platform), where it never crosses a network.
 */
export function lineUrlProblem(url: string): string | null {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:') return null;
  if (protocol === 'http:' && LOOPBACK_HOST.test(hostname)) return null;
  return 'must be an https URL when NODE_ENV=production (http only to this machine: localhost, 127.0.0.1, [::1])';
}
