import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { staffApiRouter } from '../../src/staff/staff-api.js';
import { testAppContext } from '../support/app-context.js';

const TOKEN = 'durable-replies-token-0123456789';
let db: Db;
beforeEach(async () => {
  db = await openDatabase({ path: ':memory:' });
});
afterEach(async () => {
  await db.destroy();
});

function appWith(durable: () => Promise<void>) {
  const app = express();
  app.use(express.json());
  app.use(staffApiRouter(testAppContext(db, { durable }), TOKEN));
  return app;
}

describe('staff API answers wait for the disk', () => {
  it('answers only once everything committed before the answer is on the disk', async () => {
    let synced!: () => void;
    const sync = new Promise<void>((resolve) => (synced = resolve));
    let answered = false;
    const pending = request(appWith(() => sync))
      .get('/api/bookings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    synced();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ bookings: [], nextCursor: null });
  });

  it('answers 503 when the disk can no longer sync', async () => {
    const res = await request(appWith(() => Promise.reject(new Error('EIO'))))
      .get('/api/bookings')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.code).toBe('unavailable');
  });
});
