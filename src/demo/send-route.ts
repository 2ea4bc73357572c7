import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { DemoContext } from './demo-context.js';
import { buildWebhookEvent, type DemoInput } from './line-event-factory.js';
import { postSignedWebhook } from './webhook-poster.js';

/** LINE's own limits: text 5000 characters, postback data 300, displayText 300. */
const sendBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    chat: z.string().min(1),
    as: z.string().optional(),
    text: z.string().trim().min(1).max(5000),
  }),
  z.object({
    kind: z.literal('postback'),
    chat: z.string().min(1),
    as: z.string().optional(),
    data: z.string().max(300),
    displayText: z.string().max(300).optional(),
    params: z.partialRecord(z.enum(['date', 'time', 'datetime']), z.string().max(20)).optional(),
  }),
  z.object({ kind: z.literal('follow'), chat: z.string().min(1) }),
]);
type SendBody = z.infer<typeof sendBody>;

interface Sender {
  userId: string;
  name: string;
  groupId?: string;
}

/** Who is speaking: the user of a one-to-one chat, or a staff member in the staff group. */
function senderOf(ctx: DemoContext, body: SendBody): Sender | string {
  if (body.chat === ctx.config.staffGroupId) {
    if (body.kind === 'follow') return 'a group cannot follow the account';
    const staff = body.as === undefined ? ctx.people.staff()[0] : ctx.people.findStaff(body.as);
    return staff ? { userId: staff.id, name: staff.name, groupId: body.chat } : `unknown staff member ${body.as}`;
  }
  const user = ctx.people.findUser(body.chat);
  return user ? { userId: user.id, name: user.name } : `unknown chat ${body.chat}`;
}

/** The bubble LINE shows for the person's action: typed text, or a postback's displayText. */
function bubbleText(body: SendBody): string | undefined {
  if (body.kind === 'text') return body.text;
  if (body.kind === 'postback') return body.displayText;
  return undefined;
}

function inputOf(body: SendBody): DemoInput {
  if (body.kind === 'text') return { kind: 'text', text: body.text };
  if (body.kind === 'follow') return { kind: 'follow' };
  return body.params
    ? { kind: 'postback', data: body.data, params: body.params }
    : { kind: 'postback', data: body.data };
}

/**
 * POST /demo/api/send: turns a tap or typed line into the webhook event LINE would send, signs
 * it and posts it to the app's own /webhook. The person's bubble is shown first, as LINE does.
 */
export function sendRoute(ctx: DemoContext): RequestHandler {
  return async (req, res, next) => {
    try {
      const parsed = sendBody.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({
          code: 'bad_request',
          message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
        return;
      }
      const body = parsed.data;
      const sender = senderOf(ctx, body);
      if (typeof sender === 'string') {
        res.status(404).json({ code: 'not_found', message: sender });
        return;
      }
      const at = ctx.clock.now().getTime();
      const text = bubbleText(body);
      if (text !== undefined && text !== '') {
        const item = ctx.transcript.record({
          chat: body.chat,
          senderId: sender.userId,
          senderName: sender.name,
          text,
          at,
          afterSeq: ctx.platform.delivered().length,
        });
        ctx.events.publish({ type: 'item', item });
      }
      const replyToken = ctx.platform.issueReplyToken(body.chat);
      const event = buildWebhookEvent(inputOf(body), {
        userId: sender.userId,
        ...(sender.groupId ? { groupId: sender.groupId } : {}),
        replyToken,
        timestamp: at,
      });
      const status = await postSignedWebhook(ctx.webhookUrl(), ctx.config.line.channelSecret, [event]);
      if (status !== 200) {
        res.status(502).json({ code: 'webhook_failed', message: `the webhook answered ${status}` });
        return;
      }
      if (body.kind === 'follow') {
        ctx.people.markFollowed(body.chat);
        ctx.events.publish({ type: 'people' });
      }
      res.json({ ok: true });
    } catch (e: unknown) {
      next(e);
    }
  };
}
