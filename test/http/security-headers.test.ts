import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_API_TOKEN, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

it('sends the usual security headers on every kind of answer: health, webhook, API, unknown paths', async () => {
  const answers = [
    await fetch(`${h.baseUrl}/healthz`),
    await fetch(`${h.baseUrl}/webhook`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    }),
    await fetch(`${h.baseUrl}/api/bookings`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } }),
    await fetch(`${h.baseUrl}/api/bookings`),
    await fetch(`${h.baseUrl}/no-such-path`),
  ];
  for (const res of answers) {
    const where = `${res.url} ${res.status}`;
    expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), where).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
    expect(res.headers.get('content-security-policy'), where).toBe("default-src 'none';frame-ancestors 'none'");
    // Plain HTTP in tests: HSTS only in production, where the server sits behind HTTPS.
    expect(res.headers.get('strict-transport-security'), where).toBeNull();
    expect(res.headers.get('x-powered-by'), where).toBeNull();
  }
});
