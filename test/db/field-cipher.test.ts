import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createFieldCipher, FieldCipherError, isEncryptedValue, parseDataKey } from '../../db/field-cipher.js';
import { FieldCipherPlugin } from '../../db/encrypted-columns.js';
import { openDatabase } from '../../db/database.js';

const A = parseDataKey('ab'.repeat(32))!;
const B = parseDataKey('q0Ygr3fU0b3hXN8pOWvS4m1v8dYJ6V7a9m2kB0cHn+o=')!;

describe('the field cipher (AES-256-GCM, key id beside each value)', () => {
  it('encrypts each value afresh, under the current key, and opens it again', () => {
    const cipher = createFieldCipher([A]);
    const one = cipher.encrypt('青森 花子');
    const two = cipher.encrypt('青森 花子');
    expect(one).not.toBe(two); // a fresh IV each time: equal names do not show as equal
    expect(one).toMatch(new RegExp(`^v1:${cipher.currentKeyId}:`));
    expect(isEncryptedValue(one)).toBe(true);
    expect([cipher.decrypt(one), cipher.decrypt(two)]).toEqual(['青森 花子', '青森 花子']);
    expect(cipher.decrypt('')).toBe('');
    expect(cipher.decrypt('plain text from before')).toBe('plain text from before');
  });

  it('refuses a value that was altered, or that is under a key it does not hold', () => {
    const cipher = createFieldCipher([A]);
    const stored = cipher.encrypt('hanako@example.jp');
    // One bit of the ciphertext flipped. (Changing its last base64 character is not enough: that
    // character may carry only padding bits, which decode to the same bytes.)
    const parts = stored.split(':');
    const bytes = Buffer.from(parts.at(-1)!, 'base64url');
    bytes[0]! ^= 1;
    const altered = [...parts.slice(0, -1), bytes.toString('base64url')].join(':');
    expect(altered).not.toBe(stored);
    expect(() => cipher.decrypt(altered)).toThrow(FieldCipherError);
    expect(() => createFieldCipher([B]).decrypt(stored)).toThrow(/not configured/);
  });

  it('reads values under older keys and writes under the current one only', () => {
    const old = createFieldCipher([A]).encrypt('02010-12345678');
    const rotating = createFieldCipher([B, A]);
    expect(rotating.decrypt(old)).toBe('02010-12345678');
    expect(rotating.keyIdOf(rotating.encrypt('x'))).toBe(createFieldCipher([B]).currentKeyId);
    expect(rotating.keyIds).toEqual([createFieldCipher([B]).currentKeyId, createFieldCipher([A]).currentKeyId]);
  });

  it('gives a blind index that is stable per key, differs between keys and reveals nothing of the key id', () => {
    const a = createFieldCipher([A]);
    const b = createFieldCipher([B]);
    expect(a.blindIndex('0201012345678')).toBe(a.blindIndex('0201012345678'));
    expect(a.blindIndex('0201012345678')).not.toBe(b.blindIndex('0201012345678'));
    expect(createFieldCipher([B, A]).blindIndexes('0201012345678')).toEqual([
      b.blindIndex('0201012345678'),
      a.blindIndex('0201012345678'),
    ]);
  });

  it('takes keys of 32 bytes in hex or base64 only', () => {
    expect(parseDataKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseDataKey(B.toString('base64url'))?.equals(B)).toBe(true);
    for (const bad of ['', 'ab'.repeat(31), 'short', B.toString('base64').slice(0, 40)])
      expect(parseDataKey(bad)).toBeNull();
  });
});

describe('the cipher installed on a database', () => {
  it('writes personal columns only as values, never as expressions that would store plain text', async () => {
    const raw = await openDatabase({ path: ':memory:' });
    const db = raw.withPlugin(new FieldCipherPlugin(createFieldCipher([A])));
    try {
      await expect(
        db
          .updateTable('bookings')
          .set({ email: sql<string>`lower(email)` })
          .where('id', '=', 'x')
          .execute(),
      ).rejects.toThrow(/bookings\.email is encrypted/);
      // Other tables' columns of the same name (a staff member's name) are left alone.
      await db
        .insertInto('staff_accounts')
        .values({
          login_id: 'yamada',
          name: '山田',
          role: 'staff',
          password_hash: 'h',
          disabled_at: null,
          locked_until: null,
          created_at: 'now',
          updated_at: 'now',
        })
        .execute();
      expect((await raw.selectFrom('staff_accounts').select('name').executeTakeFirst())?.name).toBe('山田');
    } finally {
      await raw.destroy();
    }
  });

  it('encrypts a raw event as stored and opens it for the server, in one row or several', async () => {
    const raw = await openDatabase({ path: ':memory:' });
    const db = raw.withPlugin(new FieldCipherPlugin(createFieldCipher([A])));
    try {
      const row = (id: string) => ({
        webhook_event_id: id,
        chat_key: 'U1',
        payload: `{"text":"hanako@example.jp ${id}"}`,
        received_at: 'now',
        status: 'pending' as const,
        processed_at: null,
      });
      await db.insertInto('inbox').values(row('e1')).execute();
      await db
        .insertInto('inbox')
        .values([row('e2'), row('e3')])
        .execute();
      const stored = await raw.selectFrom('inbox').select('payload').orderBy('webhook_event_id').execute();
      expect(stored.every((r) => isEncryptedValue(r.payload!))).toBe(true);
      const read = await db.selectFrom('inbox').select('payload').orderBy('webhook_event_id').execute();
      expect(read.map((r) => r.payload)).toEqual(['e1', 'e2', 'e3'].map((id) => `{"text":"hanako@example.jp ${id}"}`));
    } finally {
      await raw.destroy();
    }
  });

  it('lets an upsert keep the value its insert encrypted, and no other column', async () => {
    const raw = await openDatabase({ path: ':memory:' });
    const db = raw.withPlugin(new FieldCipherPlugin(createFieldCipher([A])));
    try {
      const save = (snapshot: string) =>
        db
          .insertInto('conversations')
          .values({ line_user_id: 'U1', machine_version: 1, snapshot, updated_at: 'now' })
          .onConflict((oc) =>
            oc.column('line_user_id').doUpdateSet((eb) => ({ snapshot: eb.ref('excluded.snapshot') })),
          )
          .execute();
      await save('{"name":"青森 花子"}');
      await save('{"name":"青森 太郎"}');
      const stored = await raw.selectFrom('conversations').select('snapshot').executeTakeFirstOrThrow();
      expect(isEncryptedValue(stored.snapshot)).toBe(true);
      expect((await db.selectFrom('conversations').select('snapshot').executeTakeFirstOrThrow()).snapshot).toBe(
        '{"name":"青森 太郎"}',
      );
      // Another column's inserted value would be stored as it is: refused.
      const wrong = db
        .insertInto('conversations')
        .values({ line_user_id: 'U1', machine_version: 1, snapshot: 'x', updated_at: 'now' })
        .onConflict((oc) =>
          oc.column('line_user_id').doUpdateSet((eb) => ({ snapshot: eb.ref('excluded.updated_at') })),
        );
      await expect(wrong.execute()).rejects.toThrow(/encrypted/);
    } finally {
      await raw.destroy();
    }
  });
});
