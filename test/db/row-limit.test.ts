import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { rowLimit } from '../../db/row-limit.js';

describe('row limits written into the SQL', () => {
  it('puts the number in the statement, not among its parameters, so the prepared statement is kept', async () => {
    const db = await openDatabase({ path: ':memory:' });
    const compiled = db
      .selectFrom('bookings')
      .selectAll()
      .where('line_user_id', '=', 'U1')
      .limit(rowLimit(3))
      .compile();
    expect(compiled.sql).toMatch(/limit 3$/);
    expect(compiled.parameters).toEqual(['U1']);
    await db.destroy();
  });

  it('refuses anything but a whole number, so nothing else can reach the SQL text', () => {
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '1; drop table users' as unknown as number]) {
      expect(() => rowLimit(bad)).toThrow(RangeError);
    }
    expect(() => rowLimit(0)).not.toThrow();
  });
});
