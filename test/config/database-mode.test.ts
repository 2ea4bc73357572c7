import { describe, expect, it } from 'vitest';
import { decideDatabaseMode } from '../../db/database-mode.js';

const PATH = { label: 'data/x.db', variable: 'SQLITE_PATH' } as const;
const PG = { label: 'postgres://bot@db.example:5432/office', variable: 'DATABASE_URL' } as const;

describe('decideDatabaseMode', () => {
  it('should record the mode of a database used for the first time', () => {
    expect(decideDatabaseMode('demo', { recorded: null, active: false }, PATH)).toEqual({ ok: true, record: true });
    expect(decideDatabaseMode('line', { recorded: null, active: false }, PATH)).toEqual({ ok: true, record: true });
  });

  it('should open a database in the mode it was first used in', () => {
    expect(decideDatabaseMode('demo', { recorded: 'demo', active: true }, PATH)).toEqual({ ok: true, record: false });
    expect(decideDatabaseMode('line', { recorded: 'line', active: true }, PATH)).toEqual({ ok: true, record: false });
  });

  it('should refuse demo mode on a database used with LINE, and the reverse, naming the file and what to do', () => {
    const demoOnReal = decideDatabaseMode('demo', { recorded: 'line', active: false }, PATH);
    expect(demoOnReal).toMatchObject({
      ok: false,
      reason: expect.stringContaining('data/x.db has been used connected to LINE'),
    });
    expect(demoOnReal).toMatchObject({ reason: expect.stringContaining('data/demo.db') });
    const realOnDemo = decideDatabaseMode('line', { recorded: 'demo', active: false }, PATH);
    expect(realOnDemo).toMatchObject({ ok: false, reason: expect.stringContaining('data/x.db holds demo data') });
    expect(realOnDemo).toMatchObject({ reason: expect.stringContaining('SQLITE_PATH') });
  });

  it('should take a used database from before modes were recorded as real: demo refuses it, LINE claims it', () => {
    expect(decideDatabaseMode('demo', { recorded: null, active: true }, PATH)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('may be real'),
    });
    expect(decideDatabaseMode('line', { recorded: null, active: true }, PATH)).toEqual({ ok: true, record: true });
  });

  it('should name DATABASE_URL, not SQLITE_PATH, when the database is PostgreSQL', () => {
    const refused = decideDatabaseMode('line', { recorded: 'demo', active: false }, PG);
    expect(refused).toMatchObject({
      ok: false,
      reason: expect.stringContaining('postgres://bot@db.example:5432/office'),
    });
    expect(refused).toMatchObject({ reason: expect.stringContaining('DATABASE_URL') });
    expect(refused).not.toMatchObject({ reason: expect.stringContaining('SQLITE_PATH') });
  });
});
