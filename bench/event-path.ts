/**
 * Which of the product's files one LINE event passes through, from POST /webhook to the message
 * LINE receives: the measure of how far a newcomer must read to follow one event.
 *
 * One person books by buttons against the real server (in this process, on a fresh SQLite file,
 * with the fake LINE platform). Around each event V8's precise coverage is taken with call counts;
 * taking it resets the counts, so what it returns after an event's answer has arrived is exactly
 * what ran for that event. A file is crossed when any function in it ran. Only the server's own
 * files count (src/, machines/, db/); libraries, the stand-in for LINE and this script do not.
 *
 *   npx tsx bench/event-path.ts [--files]
 *
 * prints, for each event of the conversation, how many files it crossed, then the median and the
 * largest; --files also lists the files of the event that crossed the most.
 */
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startFakeLinePlatform } from '../src/line/fake-line-platform.js';
import { followEvent, postbackEvent, signedWebhookRequest, textEvent } from '../src/line/webhook-events.js';
import { bookingScript, personaFor, type Step } from './conversation-script.js';

const SECRET = 'event-path-secret';
const TOKEN = 'event-path-token';
const APP_NOW = '2026-12-01T00:00:00Z';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OWN_FOLDERS = ['src', 'machines', 'db'].map((f) => path.join(ROOT, f) + path.sep);
/** The stand-in for LINE (it runs in this process) and what builds this script's events: not the server's path. */
const NOT_THE_SERVER = ['src/line/fake-platform/', 'src/line/fake-line-platform.ts', 'src/line/webhook-events.ts'];

type Json = Record<string, unknown>;

/** The project's files in which some function ran, from one precise-coverage result. */
function filesThatRan(result: Awaited<ReturnType<typeof takeCoverage>>): string[] {
  const files = new Set<string>();
  for (const script of result) {
    if (!script.url.startsWith('file://')) continue;
    const file = fileURLToPath(script.url);
    if (!OWN_FOLDERS.some((f) => file.startsWith(f))) continue;
    if (NOT_THE_SERVER.some((p) => path.relative(ROOT, file).startsWith(p))) continue;
    if (script.functions.some((fn) => fn.ranges.some((r) => r.count > 0))) files.add(path.relative(ROOT, file));
  }
  return [...files].sort();
}

async function takeCoverage(session: Session) {
  const { result } = await session.post('Profiler.takePreciseCoverage');
  return result;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function toEvent(step: Step, userId: string, replyToken: string, timestamp: number): webhook.Event {
  if (step.type === 'follow') return followEvent({ userId, replyToken, timestamp });
  if (step.type === 'text') return textEvent({ userId, replyToken, text: step.text, timestamp });
  return postbackEvent({ userId, replyToken, data: step.data, timestamp });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const listFiles = process.argv.includes('--files');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-path-'));
  const platform = await startFakeLinePlatform({ channelAccessToken: TOKEN });
  const config = loadConfig({
    SQLITE_PATH: path.join(dir, 'bot.sqlite'),
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: platform.url,
    STAFF_GROUP_ID: 'Cevent-path-staff',
    APP_NOW,
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config);
  const session = new Session();
  session.connect();
  try {
    const port = await app.listen(0, '127.0.0.1');
    const webhookUrl = `http://127.0.0.1:${port}/webhook`;
    const clockOffsetMs = Date.parse(APP_NOW) - Date.now();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });

    const script = bookingScript(personaFor(1));
    const userId = `U${randomBytes(16).toString('hex')}`;
    const crossed: { step: string; files: string[] }[] = [];
    let answer: Json[] = [];
    for (let i = 0; i < 60; i += 1) {
      const next = script.next(answer);
      if ('done' in next) break;
      if ('error' in next) throw new Error(next.error);
      const seen = platform.delivered().length;
      await takeCoverage(session); // resets the counts: what follows is this event's alone
      const event = toEvent(next.step, userId, platform.issueReplyToken(userId), Date.now() + clockOffsetMs);
      const { body, headers } = signedWebhookRequest(SECRET, [event]);
      const status = await post(webhookUrl, body, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      if (status !== 200) throw new Error(`webhook answered ${status}`);
      const delivered = await platform.waitFor((d) => d.slice(seen).some((m) => m.to === userId), 10_000);
      // Everything of one send arrives together; let the sender finish marking it sent.
      await new Promise((r) => setTimeout(r, 50));
      crossed.push({
        step: next.step.type === 'text' ? 'text' : next.step.type === 'follow' ? 'follow' : 'postback',
        files: filesThatRan(await takeCoverage(session)),
      });
      answer = delivered
        .slice(seen)
        .filter((m) => m.to === userId)
        .map((m) => m.message);
    }
    const counts = crossed.map((c) => c.files.length);
    crossed.forEach((c, i) =>
      process.stdout.write(`event ${String(i + 1).padStart(2)} (${c.step}): ${c.files.length} files\n`),
    );
    process.stdout.write(
      `\n${crossed.length} events; files crossed per event: median ${median(counts)}, largest ${Math.max(...counts)}\n`,
    );
    if (listFiles) {
      const widest = crossed.reduce((a, b) => (b.files.length > a.files.length ? b : a));
      process.stdout.write(`\nfiles of the widest event (${widest.step}):\n${widest.files.join('\n')}\n`);
    }
  } finally {
    session.disconnect();
    await app.close();
    await platform.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
