import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getBooking, updateBooking } from '../../db/repositories/bookings-repository.js';
import { createFieldCipher, parseDataKey } from '../../db/field-cipher.js';
import { jobSeekerNumberKey } from '../../db/encrypted-columns.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver } from '../support/chat-driver.js';
import { numberIndexOf, opened, TEST_DATA_KEY, testCipher } from '../support/data-key.js';
import { probe } from '../support/db-inspect.js';
import {
  STAFF_API_TOKEN,
  STAFF_GROUP,
  startHarness,
  TEST_SECRET,
  TEST_TOKEN,
  type Harness,
} from '../support/harness.js';
import { postStaffApi } from '../support/staff-api.js';
import { onPostgres } from '../support/test-store.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const USER = 'Uencrypted000000000000000000000001';
/** As stored (the phone number typed as 090-1234-5678 is kept as its digits). */
const PERSON = { name: '十和田 花子', email: 'hanako@example.jp', number: '02010-12345678', phone: '09012345678' };
const PLAIN = [
  PERSON.name,
  PERSON.email,
  PERSON.number,
  PERSON.phone,
  '090-1234-5678',
  jobSeekerNumberKey(PERSON.number),
];
const DAY = 24 * 60 * 60 * 1000;
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The SQLite file as it is on disk, with its log and shared-memory files: what `strings` would read. */
function fileBytes(harness: Harness): Buffer {
  const parts = ['', '-wal', '-shm']
    .map((suffix) => `${harness.sqlitePath}${suffix}`)
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

const holds = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

/** The environment the harness started its server with, with the key variables replaced. */
function envOf(harness: Harness, keys: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LINE_CHANNEL_SECRET: TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_TOKEN,
    LINE_API_BASE_URL: harness.platform.url,
    ...(harness.databaseUrl ? { DATABASE_URL: harness.databaseUrl } : { SQLITE_PATH: harness.sqlitePath }),
    STAFF_GROUP_ID: STAFF_GROUP,
    STAFF_API_TOKEN,
    LOG_LEVEL: 'silent',
    ...keys,
  };
}

/** Runs a script of the project as `npm run` would, with only the given environment. */
async function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

async function startWith(harness: Harness, keys: Record<string, string>) {
  return createApp(loadConfig(envOf(harness, keys)), { clock: harness.clock });
}

async function booked(env: Record<string, string> = {}): Promise<{ h: Harness; id: string }> {
  // The tests read the file's bytes between steps of their own: a timed job committing in
  // between (the start-up's terms notice, one made due by moving the clock) would write to the log.
  const harness = await startHarness({ now: '2026-12-01T00:00:00Z', env, app: { jobTimer: false } });
  h = harness;
  await bookByButtons(new ChatDriver(harness, USER), 'Zoom', PERSON.name);
  await harness.settle();
  const row = await probe(harness).get<{ id: string }>('select id from bookings where line_user_id = ?', USER);
  return { h: harness, id: row!.id };
}

interface StoredPerson {
  name: string;
  email: string;
  phone: string;
  job_seeker_number: string;
  job_seeker_number_index: string | null;
}

const storedPerson = async (harness: Harness, id: string) =>
  (await probe(harness).get<StoredPerson>(
    'select name, email, phone, job_seeker_number, job_seeker_number_index from bookings where id = ?',
    id,
  ))!;

describe('personal data at rest', () => {
  it('stores name, number, e-mail, phone, drafts and queued messages encrypted under the key, with the number blind-indexed', async () => {
    const { h, id } = await booked();
    const db = probe(h);
    const stored = await storedPerson(h, id);
    const keyId = testCipher().currentKeyId;
    for (const column of ['name', 'email', 'phone', 'job_seeker_number'] as const)
      expect(stored[column], column).toMatch(new RegExp(`^v1:${keyId}:`));
    expect([opened(stored.name), opened(stored.email), opened(stored.phone), opened(stored.job_seeker_number)]).toEqual(
      [PERSON.name, PERSON.email, PERSON.phone, PERSON.number],
    );
    expect(stored.job_seeker_number_index).toBe(numberIndexOf(PERSON.number));
    // Queued cards (the staff group's carries every detail), drafts and raw events: none plain.
    const plainRows = await db.get<{ n: number }>(
      `select
         (select count(*) from outbox where messages not like 'v1:%') +
         (select count(*) from conversations where snapshot not like 'v1:%') +
         (select count(*) from inbox where payload is not null and payload not like 'v1:%') as n`,
    );
    expect(plainRows!.n).toBe(0);
    expect((await db.get<{ n: number }>('select count(*) as n from outbox'))!.n).toBeGreaterThan(0);
    const cards = await db.all<{ messages: string }>('select messages from outbox');
    expect(cards.some((c) => opened(c.messages).includes(PERSON.email))).toBe(true);
    // Asked the way an operator would: no column holds any of the values in the clear.
    for (const value of PLAIN) {
      const like = `%${value}%`;
      const found = await db.get<{ n: number }>(
        `select
           (select count(*) from bookings where name like ? or email like ? or phone like ? or job_seeker_number like ?) +
           (select count(*) from outbox where messages like ?) +
           (select count(*) from conversations where snapshot like ?) +
           (select count(*) from inbox where payload like ?) as n`,
        like,
        like,
        like,
        like,
        like,
        like,
        like,
      );
      expect(found!.n, value).toBe(0);
    }
    if (!onPostgres) {
      const bytes = fileBytes(h);
      expect(holds(bytes, USER)).toBe(true); // the file is read: what is not encrypted is found
      for (const value of PLAIN) expect(holds(bytes, value), value).toBe(false);
    }
    // The server itself reads them as they were given.
    expect(await getBooking(h.app.db, id)).toMatchObject({ name: PERSON.name, email: PERSON.email });
  });

  it.skipIf(onPostgres)(
    'leaves no trace of erased details in the database file, its log included (SQLite)',
    async () => {
      const { h, id } = await booked({ PERSONAL_DATA_RETENTION_DAYS: '30' });
      const db = probe(h);
      const stored = await storedPerson(h, id);
      const outbox = await db.all<{ messages: string }>('select messages from outbox');
      const drafts = await db.all<{ snapshot: string }>('select snapshot from conversations');
      // A stretch of each ciphertext is enough to recognise it anywhere in the file.
      const traces = [
        stored.name,
        stored.email,
        stored.phone,
        stored.job_seeker_number,
        ...outbox.map((r) => r.messages),
        ...drafts.map((r) => r.snapshot),
      ].map((v) => v.slice(-24));
      traces.push(stored.job_seeker_number_index!);
      const before = fileBytes(h);
      expect(traces.filter((t) => holds(before, t)).length).toBe(traces.length);

      // Long past every time on the booking: the hourly clean-up erases it and deletes the rest.
      h.clock.advance(120 * DAY);
      await h.app.jobs.purge();
      expect(await storedPerson(h, id)).toEqual({
        name: '',
        email: '',
        phone: '',
        job_seeker_number: '',
        job_seeker_number_index: null,
      });
      const after = fileBytes(h);
      expect(traces.filter((t) => holds(after, t))).toEqual([]);
      expect(fs.existsSync(`${h.sqlitePath}-wal`) ? fs.statSync(`${h.sqlitePath}-wal`).size : 0).toBe(0);
    },
  );

  it('keeps a staff API answer replayable under its Idempotency-Key encrypted (it holds the booking and its details)', async () => {
    const { h, id } = await booked();
    const send = () =>
      fetch(`${h.baseUrl}/api/bookings/${id}/cancel`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${STAFF_API_TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': 'cancel-once-0001',
        },
        body: JSON.stringify({ reason: '担当者の都合により', by: '山田' }),
      });
    const first = await send();
    expect(first.status).toBe(200);
    const kept = await probe(h).get<{ body: string }>('select body from idempotency_keys');
    expect(kept!.body).toMatch(/^v1:/);
    expect(opened(kept!.body)).toContain(PERSON.email);
    // Replayed from the encrypted copy, word for word.
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
  });

  it("encrypts staff's own words (a cancel reason, an action's detail), and keeps the system's reasons plain for counting", async () => {
    const { h, id } = await booked();
    const reason = 'ご本人から電話、体調不良のため';
    expect((await postStaffApi(h, `/api/bookings/${id}/cancel`, { reason, by: '山田' })).status).toBe(200);
    const stored = await probe(h).get<{ cancel_reason: string }>('select cancel_reason from bookings where id = ?', id);
    expect(stored!.cancel_reason).toMatch(/^v1:/);
    expect(opened(stored!.cancel_reason)).toBe(reason);
    const action = await probe(h).get<{ detail: string }>(
      "select detail from staff_actions where subject_id = ? and action = 'cancel'",
      id,
    );
    expect(action!.detail).toMatch(/^v1:/);
    expect(opened(action!.detail)).toContain(reason);
    // Read back as written, through the store.
    expect((await getBooking(h.app.db, id))?.cancelReason).toBe(reason);
    // Every audit entry's detail is encrypted too.
    const audit = await probe(h).all<{ detail: string | null }>(
      'select detail from audit_log where detail is not null',
    );
    expect(audit.every((a) => a.detail!.startsWith('v1:'))).toBe(true);

    // A reason the system writes is a code, not anyone's words: it stays plain, so SQL counts it.
    await probe(h).run('update bookings set cancel_reason = null where id = ?', id);
    await updateBooking(h.app.db, id, { cancelReason: 'expired' }, h.clock.now().toISOString());
    expect(
      (await probe(h).get<{ cancel_reason: string }>('select cancel_reason from bookings where id = ?', id))!
        .cancel_reason,
    ).toBe('expired');
  });

  it('seals, on the next start, what an older version stored plain in a column it did not encrypt', async () => {
    const { h, id } = await booked();
    // As an older version left it: staff's words plain, and no record of the newer columns.
    await h.stop();
    await probe(h).run("update bookings set cancel_reason = '平文の理由', status = 'cancelled' where id = ?", id);
    await probe(h).run(
      `insert into staff_actions (subject_id, action, staff_id, via, detail, at) values (?, 'cancel', 'api:山田', 'api', '{"reason":"平文の理由"}', '2026-12-01T00:00:00.000Z')`,
      id,
    );
    await probe(h).run("delete from office_state where key = 'encrypted_columns'");
    await h.start();
    const row = await probe(h).get<{ cancel_reason: string }>('select cancel_reason from bookings where id = ?', id);
    expect(row!.cancel_reason).toMatch(/^v1:/);
    expect(opened(row!.cancel_reason)).toBe('平文の理由');
    const details = await probe(h).all<{ detail: string | null }>(
      'select detail from staff_actions where subject_id = ?',
      id,
    );
    expect(details.length).toBeGreaterThan(0);
    expect(details.filter((d) => d.detail !== null && !d.detail.startsWith('v1:'))).toEqual([]);
    // A version that encrypts one more column than the last one seals it the same way.
    await h.stop();
    await probe(h).run("update bookings set cancel_reason = '平文の理由' where id = ?", id);
    await probe(h).run("update office_state set value = 'bookings.name' where key = 'encrypted_columns'");
    await h.start();
    const resealed = await probe(h).get<{ cancel_reason: string }>(
      'select cancel_reason from bookings where id = ?',
      id,
    );
    expect(resealed!.cancel_reason).toMatch(/^v1:/);
    // Later starts find nothing left to seal and leave the values as they are.
    await h.restart();
    expect(
      (await probe(h).get<{ cancel_reason: string }>('select cancel_reason from bookings where id = ?', id))!
        .cancel_reason,
    ).toBe(resealed!.cancel_reason);
  });

  it.skipIf(onPostgres)(
    'leaves no trace in the file after erasing a person on their request (消去), its log included (SQLite)',
    async () => {
      const { h, id } = await booked();
      const stored = await storedPerson(h, id);
      const traces = [stored.name, stored.email, stored.phone, stored.job_seeker_number].map((v) => v.slice(-24));
      expect(traces.filter((t) => holds(fileBytes(h), t)).length).toBe(traces.length);

      // An open request is cancelled first; then the person is erased at once, not at retention.
      const cancel = await postStaffApi(h, `/api/bookings/${id}/cancel`, { reason: 'ご本人の申出により', by: '山田' });
      expect(cancel.status).toBe(200);
      const erase = await postStaffApi(h, `/api/users/${USER}/erase`, { by: '山田' });
      expect(erase.status).toBe(200);
      expect((await storedPerson(h, id)).email).toBe('');
      expect(traces.filter((t) => holds(fileBytes(h), t))).toEqual([]);
      expect(fs.statSync(`${h.sqlitePath}-wal`).size).toBe(0);
    },
  );

  it.skipIf(onPostgres)(
    'creates the database, its log and the generated key readable by their owner only',
    async () => {
      const { h } = await booked();
      for (const f of [h.sqlitePath, `${h.sqlitePath}-wal`, `${h.sqlitePath}-shm`])
        expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
      // Nothing configured (development): the server makes a key of its own beside the database.
      await h.stop();
      const dir = path.dirname(h.sqlitePath);
      const fresh = path.join(dir, 'fresh.db');
      const env = envOf(h, { SQLITE_PATH: fresh });
      delete env.DATA_ENCRYPTION_KEY;
      const config = loadConfig(env);
      expect(config.dataKey).toEqual({ kind: 'generated', path: path.join(dir, 'fresh.key') });
      const previous = process.umask(0o000); // the most permissive umask must not widen them
      let app;
      try {
        app = await createApp(config, { clock: h.clock });
      } finally {
        process.umask(previous);
      }
      await app.close();
      for (const f of [fresh, path.join(dir, 'fresh.key')])
        expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
      expect(parseDataKey(fs.readFileSync(path.join(dir, 'fresh.key'), 'utf8'))).not.toBeNull();
    },
  );

  it('rotates: `npm run rotate-key` re-encrypts everything under the new key, after which the old one can be dropped', async () => {
    const { h, id } = await booked();
    await h.stop();
    const newKey = randomBytes(32).toString('base64');
    const newCipher = createFieldCipher([parseDataKey(newKey)!]);
    // The new key alone cannot read what is stored: start-up refuses until the old one is kept.
    await expect(startWith(h, { DATA_ENCRYPTION_KEY: newKey })).rejects.toThrow(/^DATA_ENCRYPTION_KEY: not the key/);
    const rotating = { DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_OLD_KEYS: TEST_DATA_KEY };
    const both = await startWith(h, rotating);
    expect(await getBooking(both.db, id)).toMatchObject({ email: PERSON.email });
    await both.close();

    // `npm run rotate-key`, as an operator runs it.
    const script = await runScript('scripts/rotate-key.ts', envOf(h, rotating));
    expect(script.code, script.err).toBe(0);
    expect(script.out).toMatch(new RegExp(`^\\d+ rows re-encrypted under key ${newCipher.currentKeyId}`));
    expect(script.out).toContain('DATA_ENCRYPTION_OLD_KEYS may now be removed');
    const stored = await storedPerson(h, id);
    expect(newCipher.keyIdOf(stored.email)).toBe(newCipher.currentKeyId);
    expect(newCipher.decrypt(stored.email)).toBe(PERSON.email);
    expect(stored.job_seeker_number_index).toBe(newCipher.blindIndex(jobSeekerNumberKey(PERSON.number)));
    const old = await probe(h).get<{ n: number }>(
      `select
         (select count(*) from bookings where email like ? or name like ?) +
         (select count(*) from outbox where messages like ?) +
         (select count(*) from conversations where snapshot like ?) as n`,
      ...Array<string>(4).fill(`v1:${testCipher().currentKeyId}:%`),
    );
    expect(old!.n).toBe(0);

    // The old key dropped: the server starts and reads the person's details; the old key alone no longer opens them.
    const rotated = await startWith(h, { DATA_ENCRYPTION_KEY: newKey });
    expect(await getBooking(rotated.db, id)).toMatchObject({ name: PERSON.name, phone: PERSON.phone });
    await rotated.close();
    await expect(startWith(h, { DATA_ENCRYPTION_KEY: TEST_DATA_KEY })).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it('refuses to start without the key once data is encrypted, touching nothing', async () => {
    const { h } = await booked();
    await h.stop();
    const before = await probe(h).all('select key, value, updated_at from office_state order by key');
    const env = envOf(h, {});
    delete env.DATA_ENCRYPTION_KEY;
    // On PostgreSQL the generated key's place (data/postgres-data.key) is shared by every database
    // of this checkout: a demo may have left a key there, which is then the wrong one.
    await expect(startWith(h, env)).rejects.toThrow(
      onPostgres
        ? /^DATA_ENCRYPTION_KEY \(or DATA_ENCRYPTION_KEY_FILE\)(: not the key| is not set and)/
        : /^DATA_ENCRYPTION_KEY \(or DATA_ENCRYPTION_KEY_FILE\) is not set and .* is missing, but the database holds personal data encrypted under key [0-9a-f]{8}/,
    );
    expect(await probe(h).all('select key, value, updated_at from office_state order by key')).toEqual(before);
    if (!onPostgres) expect(fs.existsSync(h.sqlitePath.replace(/\.db$/, '.key'))).toBe(false);
    // The same key from a file (DATA_ENCRYPTION_KEY_FILE) opens it.
    const file = path.join(path.dirname(h.sqlitePath), 'office.key');
    fs.writeFileSync(file, `# the office's data key\n${TEST_DATA_KEY}\n`, { mode: 0o600 });
    const fromFile = await startWith(h, { ...env, DATA_ENCRYPTION_KEY_FILE: file });
    expect(
      (await getBooking(fromFile.db, (await probe(h).get<{ id: string }>('select id from bookings'))!.id))?.email,
    ).toBe(PERSON.email);
    await fromFile.close();
  });

  it.skipIf(onPostgres)(
    'a server process given the wrong key stops with one line naming the variable and leaves the file as it was',
    async () => {
      const { h } = await booked();
      await h.stop();
      const hash = () => createHash('sha256').update(fileBytes(h)).digest('hex');
      const before = hash();
      const wrong = randomBytes(32).toString('hex');
      const { code, err } = await runScript('src/main.ts', envOf(h, { DATA_ENCRYPTION_KEY: wrong, PORT: '0' }));
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Cannot start: DATA_ENCRYPTION_KEY: not the key this database's personal data is encrypted under/,
        ),
      ]);
      expect(err).not.toContain(wrong);
      expect(hash()).toBe(before);
    },
  );
});
