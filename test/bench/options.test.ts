import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_DATABASE_URL, parseOptions } from '../../bench/options.js';
import { oursVariants } from '../../bench/server-variants.js';

const NO_ENV = {};

describe('bench flags: the store of the capacity comparison', () => {
  it('keeps SQLite and one process when no store flag is given', () => {
    const o = parseOptions([], NO_ENV);
    expect(o.store).toBe('sqlite');
    expect(o.processes).toBe(1);
    expect(oursVariants(o)).toEqual([{ key: 'ours', label: 'ours', store: 'sqlite', processes: 1 }]);
  });

  it('takes --store both with --processes 2: SQLite, one PostgreSQL process and two, in that order', () => {
    const o = parseOptions(['--store', 'both', '--processes', '2', '--rounds', '1'], NO_ENV);
    expect(o).toMatchObject({ store: 'both', processes: 2, rounds: 1 });
    expect(oursVariants(o).map((v) => [v.key, v.store, v.processes])).toEqual([
      ['ours', 'sqlite', 1],
      ['oursPostgres', 'postgres', 1],
      ['oursPostgresX2', 'postgres', 2],
    ]);
  });

  it('runs only PostgreSQL with --store postgres, as many processes as asked', () => {
    expect(oursVariants(parseOptions(['--store', 'postgres'], NO_ENV)).map((v) => v.label)).toEqual(['ours PG']);
    expect(oursVariants(parseOptions(['--store', 'postgres', '--processes', '3'], NO_ENV)).map((v) => v.label)).toEqual(
      ['ours PG x3'],
    );
  });

  it('refuses several processes on SQLite, saying which store they need', () => {
    expect(() => parseOptions(['--processes', '2'], NO_ENV)).toThrow(
      /^--processes 2 needs --store postgres or --store both/,
    );
    expect(() => parseOptions(['--store', 'sqlite', '--processes', '4'], NO_ENV)).toThrow(/--processes 4 needs/);
    // One process is what SQLite runs anyway.
    expect(parseOptions(['--processes', '1'], NO_ENV).processes).toBe(1);
  });

  it('refuses an unknown store and a process count that is not a positive whole number', () => {
    expect(() => parseOptions(['--store', 'mysql'], NO_ENV)).toThrow(
      /--store needs sqlite, postgres or both, got mysql/,
    );
    expect(() => parseOptions(['--store'], NO_ENV)).toThrow(/got nothing/);
    for (const bad of ['0', '-1', '1.5', 'two'])
      expect(() => parseOptions(['--store', 'postgres', '--processes', bad], NO_ENV)).toThrow(
        /--processes needs a positive whole number/,
      );
  });
});

describe('bench flags: where the PostgreSQL server is', () => {
  it('uses the default URL when neither the flag nor BENCH_DATABASE_URL is set', () => {
    const o = parseOptions(['--store', 'postgres'], NO_ENV);
    expect(o.databaseUrl).toBe(DEFAULT_BENCH_DATABASE_URL);
    expect(o.databaseUrlSource).toBe('default');
  });

  it('takes BENCH_DATABASE_URL from the environment, and --database-url over it', () => {
    const env = { BENCH_DATABASE_URL: 'postgres://a:b@db.example:6543/x' };
    expect(parseOptions(['--store', 'postgres'], env)).toMatchObject({
      databaseUrl: 'postgres://a:b@db.example:6543/x',
      databaseUrlSource: 'BENCH_DATABASE_URL',
    });
    expect(parseOptions(['--store', 'postgres', '--database-url', 'postgresql://c@h/y'], env)).toMatchObject({
      databaseUrl: 'postgresql://c@h/y',
      databaseUrlSource: '--database-url',
    });
  });

  it('refuses a --database-url that is not a postgres:// URL', () => {
    expect(() => parseOptions(['--database-url', 'mysql://h/db'], NO_ENV)).toThrow(
      /--database-url needs postgres:\/\//,
    );
    expect(() => parseOptions(['--database-url'], NO_ENV)).toThrow(/--database-url needs/);
  });
});
