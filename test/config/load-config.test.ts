import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { configWarnings } from '../../src/config-warnings.js';

// A data key too: production refuses to start without one (see the data key tests below).
const KEY = 'q0Ygr3fU0b3hXN8pOWvS4m1v8dYJ6V7a9m2kB0cHn+o=';
const LINE = { LINE_CHANNEL_SECRET: 'secret', LINE_CHANNEL_ACCESS_TOKEN: 'token', DATA_ENCRYPTION_KEY: KEY };
const TERMS_URL = 'https://aomori-roudoukyoku.example/terms';

describe('loadConfig', () => {
  it('starts in demo mode with nothing set, on a SQLite file of its own and port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      demoMode: true,
      port: 3000,
      host: null,
      store: { kind: 'sqlite', path: 'data/demo.db' },
      nodeEnv: 'development',
    });
  });

  it('keeps the demo off the real database by default: data/booking.db only when connected to LINE', () => {
    expect(loadConfig({ ...LINE }).store).toEqual({ kind: 'sqlite', path: 'data/booking.db' });
    expect(loadConfig({}).store).toEqual({ kind: 'sqlite', path: 'data/demo.db' });
    expect(loadConfig({ SQLITE_PATH: '/srv/x.db' }).store).toEqual({ kind: 'sqlite', path: '/srv/x.db' });
  });

  it('chooses PostgreSQL by DATABASE_URL, with a pool size and statement timeout of its own or the defaults', () => {
    const url = 'postgres://bot:secret@127.0.0.1:5432/office';
    expect(loadConfig({ DATABASE_URL: url }).store).toEqual({
      kind: 'postgres',
      url,
      poolSize: 10,
      statementTimeoutMs: 10_000,
    });
    expect(
      loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '4', DATABASE_STATEMENT_TIMEOUT_MS: '2500' }).store,
    ).toMatchObject({ poolSize: 4, statementTimeoutMs: 2500 });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL: expected postgres:/);
    expect(() => loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_URL: url, SQLITE_PATH: 'x.db' })).toThrow(/not both/);
  });

  it('needs both LINE credentials or neither, and in production the credentials and a staff group', () => {
    expect(() => loadConfig({ LINE_CHANNEL_SECRET: 'only-one' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LINE_CHANNEL_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...LINE })).toThrow(/STAFF_GROUP_ID/);
    expect(loadConfig({ NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup', TERMS_URL }).demoMode).toBe(false);
  });

  it('in production, needs the page of the published terms (the default is only the Labour Bureau home page)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup' })).toThrow(
      /NODE_ENV=production needs TERMS_URL/,
    );
    expect(loadConfig({ NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup', TERMS_URL }).office.termsUrl).toBe(
      TERMS_URL,
    );
    // Outside production the default stands, so the demo and the tests start with nothing set.
    expect(loadConfig({ ...LINE }).office.termsUrl).toMatch(/^https:/);
  });

  it('refuses a misspelt NODE_ENV instead of silently skipping the production checks', () => {
    expect(() => loadConfig({ NODE_ENV: 'prodution', ...LINE })).toThrow(
      /NODE_ENV: expected development, test or production/,
    );
  });

  it('keeps personal details unless a retention period of 30 to 3650 days is set', () => {
    expect(loadConfig({}).personalDataRetentionDays).toBeNull();
    expect(loadConfig({ PERSONAL_DATA_RETENTION_DAYS: '365' }).personalDataRetentionDays).toBe(365);
    for (const bad of ['7', '1.5', 'a year', '99999'])
      expect(() => loadConfig({ PERSONAL_DATA_RETENTION_DAYS: bad })).toThrow(/PERSONAL_DATA_RETENTION_DAYS/);
  });

  it('builds the console address for staff-group cards from PUBLIC_BASE_URL, and reads the console idle time', () => {
    expect(loadConfig({}).office.consoleUrl).toBeNull();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://booking.example.jp/' }).office.consoleUrl).toBe(
      'https://booking.example.jp/staff',
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'booking.example.jp' })).toThrow(/PUBLIC_BASE_URL/);
    expect(loadConfig({}).console.idleMinutes).toBe(30);
    expect(loadConfig({ CONSOLE_IDLE_MINUTES: '60' }).console.idleMinutes).toBe(60);
    expect(() => loadConfig({ CONSOLE_IDLE_MINUTES: '2' })).toThrow(
      /CONSOLE_IDLE_MINUTES: expected at least 5 minutes/,
    );
  });

  it('holds eligibility answers 6 months for immediate sessions unless the office sets 1 to 24', () => {
    expect(loadConfig({}).office.eligibilityValidMonths).toBe(6);
    expect(loadConfig({ ELIGIBILITY_VALID_MONTHS: '3' }).office.eligibilityValidMonths).toBe(3);
    for (const bad of ['0', '25', '1.5', 'half a year'])
      expect(() => loadConfig({ ELIGIBILITY_VALID_MONTHS: bad })).toThrow(/ELIGIBILITY_VALID_MONTHS/);
  });

  it('marks the terms link a placeholder only while TERMS_URL is not set', () => {
    expect(loadConfig({}).terms.placeholder).toBe(true);
    expect(loadConfig({ TERMS_URL }).terms).toMatchObject({ url: TERMS_URL, placeholder: false });
  });

  it('reads HOST, and refuses one that cannot be a host', () => {
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: 'not a host!!' })).toThrow(/HOST/);
  });

  it('names the variable, not the internal field, when office settings do not fit together', () => {
    expect(() => loadConfig({ OFFICE_OPENING_TIME: '18:00' })).toThrow(
      /OFFICE_CLOSING_TIME.*OFFICE_OPENING_TIME|OFFICE_OPENING_TIME.*OFFICE_CLOSING_TIME/,
    );
    expect(() => loadConfig({ OFFICE_OPENING_TIME: '18:00' })).not.toThrow(/Minutes/);
  });

  it('holds TERMS_VERSION to the rule of a version id registered through the staff API', () => {
    expect(loadConfig({ TERMS_VERSION: '2027-04-01' }).terms.version).toBe('2027-04-01');
    expect(() => loadConfig({ TERMS_VERSION: 'v 2027/04 新' })).toThrow(/TERMS_VERSION/);
  });

  it('refuses a STAFF_API_TOKEN that could never match or is a placeholder, naming the variable', () => {
    for (const bad of [
      ' '.repeat(16),
      'abcdefghijklmnop ',
      ' abcdefghijklmnop',
      'abcdefghijklmnop\n',
      'a'.repeat(16),
      'x'.repeat(40),
    ]) {
      expect(() => loadConfig({ STAFF_API_TOKEN: bad }), JSON.stringify(bad)).toThrow(/STAFF_API_TOKEN: must not/);
    }
    expect(() => loadConfig({ STAFF_API_TOKEN: 'short' })).toThrow(/STAFF_API_TOKEN: use at least 16 characters/);
    expect(loadConfig({ STAFF_API_TOKEN: 'k3Jx 9vQ2-pL7mZ0aB-w8Rt' }).staffApiToken).toBe('k3Jx 9vQ2-pL7mZ0aB-w8Rt');
  });

  it('refuses a STAFF_API_TOKEN with less than 128 bits of randomness (short, one kind of character, repetitive)', () => {
    for (const weak of [
      'k3Jx 9vQ2-pL7mZ0aB', // 18 characters of every kind: about 118 bits
      'k3Jx9vQ2pL7mZ0aB', // 16 letters and digits: about 95 bits
      '31415926535897932384626433832795028841', // 38 decimal digits: about 126 bits
      'abababababababababababababababababab', // long, but two characters
    ])
      expect(() => loadConfig({ STAFF_API_TOKEN: weak }), weak).toThrow(
        /STAFF_API_TOKEN: must carry at least 128 bits/,
      );
    expect(loadConfig({ STAFF_API_TOKEN: '314159265358979323846264338327950288419' }).staffApiToken).toHaveLength(39);
  });

  it('in production, sends the channel access token to LINE over https only (plain http only to this machine)', () => {
    const prod = { NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup', TERMS_URL };
    expect(() => loadConfig({ ...prod, LINE_API_BASE_URL: 'http://example.com' })).toThrow(
      /LINE_API_BASE_URL: must be an https URL/,
    );
    expect(() => loadConfig({ ...prod, LINE_DATA_API_BASE_URL: 'http://api-data.line.me' })).toThrow(
      /LINE_DATA_API_BASE_URL: must be an https URL/,
    );
    expect(() => loadConfig({ ...prod, LINE_API_BASE_URL: 'http://127.0.0.1.nip.io' })).toThrow(/LINE_API_BASE_URL/);
    expect(() => loadConfig({ ...prod, LINE_API_BASE_URL: 'ftp://127.0.0.1' })).toThrow(/LINE_API_BASE_URL/);
    for (const ok of [
      'https://line-proxy.example.jp',
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
    ]) {
      expect(loadConfig({ ...prod, LINE_API_BASE_URL: ok }).line.apiBaseUrl, ok).toBe(ok);
    }
    // Outside production (tests, a local proxy) http stays allowed.
    expect(loadConfig({ ...LINE, LINE_API_BASE_URL: 'http://example.com' }).line.apiBaseUrl).toBe('http://example.com');
  });

  it('warns once, in production, that the shared STAFF_API_TOKEN is deprecated (named tokens replace it)', () => {
    const prod = { NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup', TERMS_URL };
    expect(configWarnings(loadConfig(prod))).toEqual([]);
    expect(configWarnings(loadConfig({ ...prod, STAFF_API_TOKEN: 'k3Jx9vQ2pL7mZ0aBw8RtY5' }))).toEqual([
      expect.stringMatching(/STAFF_API_TOKEN is deprecated .* named API token/),
    ]);
    expect(configWarnings(loadConfig({ ...LINE }))).toEqual([]);
  });

  it('sends rich-menu uploads to the LINE API origin when only that is set (a proxy or the fake platform), else to api-data.line.me', () => {
    expect(loadConfig({}).line.dataApiBaseUrl).toBe('https://api-data.line.me');
    expect(loadConfig({ LINE_API_BASE_URL: 'http://127.0.0.1:9999/' }).line.dataApiBaseUrl).toBe(
      'http://127.0.0.1:9999',
    );
  });

  describe('the data key (DATA_ENCRYPTION_KEY)', () => {
    const prod = { NODE_ENV: 'production', ...LINE, STAFF_GROUP_ID: 'Cgroup', TERMS_URL };
    const { DATA_ENCRYPTION_KEY: _set, ...prodWithoutKey } = prod;

    it('is required in production, from the variable or a key file', () => {
      expect(() => loadConfig(prodWithoutKey)).toThrow(
        /NODE_ENV=production needs DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE/,
      );
      expect(loadConfig(prod).dataKey).toMatchObject({ kind: 'keys', keys: [expect.any(Buffer)] });
      expect(loadConfig({ ...prodWithoutKey, DATA_ENCRYPTION_KEY_FILE: '/etc/bot/data.key' }).dataKey).toEqual({
        kind: 'file',
        path: '/etc/bot/data.key',
      });
    });

    it('takes 32 bytes in base64 or hex, with older keys for rotation, and refuses anything else naming the variable', () => {
      const hex = 'ab'.repeat(32);
      expect(
        loadConfig({ ...prod, DATA_ENCRYPTION_KEY: hex, DATA_ENCRYPTION_OLD_KEYS: `${KEY},${hex}` }).dataKey,
      ).toMatchObject({
        kind: 'keys',
        keys: [Buffer.from(hex, 'hex'), Buffer.from(KEY, 'base64'), Buffer.from(hex, 'hex')],
      });
      expect(() => loadConfig({ ...prod, DATA_ENCRYPTION_KEY: 'too-short' })).toThrow(
        /DATA_ENCRYPTION_KEY: expected 32 bytes/,
      );
      expect(() => loadConfig({ ...prod, DATA_ENCRYPTION_OLD_KEYS: `${KEY},nope` })).toThrow(
        /DATA_ENCRYPTION_OLD_KEYS: each/,
      );
      expect(() => loadConfig({ ...prod, DATA_ENCRYPTION_KEY_FILE: '/k' })).toThrow(/not both/);
      expect(() => loadConfig({ ...prodWithoutKey, DATA_ENCRYPTION_OLD_KEYS: KEY })).toThrow(
        /needs DATA_ENCRYPTION_KEY/,
      );
    });

    it('outside production, with nothing set, is a key of the database’s own beside it (in memory for :memory:)', () => {
      expect(loadConfig({}).dataKey).toEqual({ kind: 'generated', path: 'data/demo.key' });
      expect(loadConfig({ SQLITE_PATH: '/srv/bot/booking.db' }).dataKey).toEqual({
        kind: 'generated',
        path: '/srv/bot/booking.key',
      });
      expect(loadConfig({ SQLITE_PATH: ':memory:' }).dataKey).toEqual({ kind: 'generated', path: null });
    });
  });
});
