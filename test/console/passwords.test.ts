import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from '../../src/console/auth/passwords.js';

describe('staff passwords (scrypt)', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery!', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'scrypt$1$1$1$bad')).toBe(false);
  });

  it('makes a decoy with the cost of a real hash that no password matches', async () => {
    const costOf = (stored: string) => stored.split('$').slice(0, 4).join('$');
    const decoy = decoyHash();
    // The same cost: checking against the decoy (an unknown login id) takes as long as a wrong password.
    expect(costOf(decoy)).toBe(costOf(await hashPassword('any password 123')));
    expect(decoyHash()).not.toBe(decoy);
    expect(await verifyPassword('', decoy)).toBe(false);
    expect(await verifyPassword('decoy-password-never-matches', decoy)).toBe(false);
  });
});
