import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The office's answers to common questions (office hours, what to prepare, how to join, what the
 * service is, where the terms are), kept as data the office edits: config/faq.json, or the file
 * FAQ_FILE names. docs/faq.md describes the format.
 */
export interface FaqEntry {
  id: string;
  /** Any one of them, found anywhere in what the person typed, brings the answer up. */
  keywords: readonly string[];
  /** May hold {officeName}, {officePhone}, {hours}, {termsUrl}, {zoomTermsUrl}. */
  answer: string;
}

/** The file that ships with the product. */
export const DEFAULT_FAQ_FILE = path.resolve(import.meta.dirname, '../../config/faq.json');

/** LINE's text message limit is 5,000 characters; an answer is one short message. */
const MAX_ANSWER = 1000;

const faqSchema = z.object({
  entries: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        keywords: z.array(z.string().trim().min(1).max(40)).min(1).max(40),
        answer: z.string().trim().min(1).max(MAX_ANSWER),
      }),
    )
    .max(50),
});

/** Reads the FAQ from its JSON text; throws naming the first problem (checked at start-up). */
export function parseFaq(json: string, where = 'FAQ'): FaqEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const parsed = faqSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.entries;
}

export function loadFaqFile(file: string = DEFAULT_FAQ_FILE): FaqEntry[] {
  return parseFaq(fs.readFileSync(file, 'utf8'), file);
}
