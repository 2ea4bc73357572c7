import { describe, expect, it } from 'vitest';
import { chatHead, claimRow, enqueue, markSent } from '../../db/repositories/outbox-repository.js';
import { useTempDatabase } from '../support/temp-db.js';

const NOW = '2026-12-01T01:00:00.000Z';
const LATER = '2026-12-01T01:00:30.000Z';
const until = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('claiming outbox rows when several processes send', () => {
  const t = useTempDatabase('outbox-claims');

  async function queueReply() {
    await enqueue(
      t.db,
      [
        {
          dedupeKey: 'ev1:0',
          recipient: 'U1',
          messages: [{ type: 'text', text: 'a' }],
          replyToken: 'token-1',
          replyTokenExpiresAt: until(NOW, 50_000),
        },
        {
          dedupeKey: 'ev1:1',
          recipient: 'U1',
          messages: [{ type: 'text', text: 'b' }],
          replyToken: null,
          replyTokenExpiresAt: null,
        },
      ],
      NOW,
    );
    return (await chatHead(t.db, 'U1', NOW)).row!;
  }

  it('lets one process hold a row; the others see the chat as busy until the claim runs out', async () => {
    const head = await queueReply();
    const mine = await claimRow(t.db, head.id, NOW, until(NOW, 20_000));
    expect(mine).toMatchObject({ id: head.id, claimed_until: until(NOW, 20_000), reply_maybe_used: 0 });
    // A second process, a moment later: neither the row nor the chat's next one is free to send.
    expect(await claimRow(t.db, head.id, until(NOW, 1000), until(NOW, 21_000))).toBeUndefined();
    expect((await chatHead(t.db, 'U1', until(NOW, 1000))).row).toBeUndefined();
    // The holder sent it: the claim is gone with it, and the chat's next row is free.
    await markSent(t.db, head.id, until(NOW, 2000));
    const next = (await chatHead(t.db, 'U1', until(NOW, 2000))).row;
    expect(next).toMatchObject({ dedupe_key: 'ev1:1', claimed_until: null });
  });

  it('takes a row over once its claim ran out, counting its reply token as possibly used', async () => {
    const head = await queueReply();
    await claimRow(t.db, head.id, NOW, until(NOW, 20_000));
    // The holder stopped without a word; 30 s later another process takes the row over.
    expect((await chatHead(t.db, 'U1', LATER)).row?.id).toBe(head.id);
    const taken = await claimRow(t.db, head.id, LATER, until(LATER, 20_000));
    expect(taken).toMatchObject({ id: head.id, claimed_until: until(LATER, 20_000), reply_maybe_used: 1 });
  });

  it('does not take a row that is no longer pending', async () => {
    const head = await queueReply();
    await markSent(t.db, head.id, NOW);
    expect(await claimRow(t.db, head.id, NOW, until(NOW, 20_000))).toBeUndefined();
  });
});
