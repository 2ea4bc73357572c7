import { z } from 'zod';
import { isOfficeDate, toLocal, type IsoDate } from '../calendar/index.js';
import { fail, type Failure } from './outcome.js';

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
// The calendar module requires an explicit offset; seconds are optional but must be zero below.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Who made the change: a short staff name, stored as `api:<by>`. */
export const by = z
  .string({ error: 'by is required: the short name of the staff member making the change' })
  .trim()
  .min(1, 'by must not be empty')
  .max(40, 'by must be at most 40 characters')
  .refine((s) => !CONTROL_CHARS.test(s), 'by must not contain control characters');

export const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .refine((s) => isOfficeDate(s), 'expected a real date YYYY-MM-DD in the years 2000 to 2999');

/** An ISO-8601 instant with an offset, on a whole minute (sessions start on minutes). */
export const instant = z
  .string({ error: 'expected an ISO-8601 date-time with offset, e.g. 2026-12-03T10:00:00+09:00' })
  .refine(
    (s) => INSTANT.test(s) && !Number.isNaN(Date.parse(s)),
    'expected an ISO-8601 date-time with offset, e.g. 2026-12-03T10:00:00+09:00',
  )
  .refine((s) => Date.parse(s) % 60_000 === 0, 'a start must be on a whole minute')
  .refine(
    (s) => Number.isNaN(Date.parse(s)) || isOfficeDate(toLocal(new Date(Date.parse(s)).toISOString()).date),
    'a start must be in the years 2000 to 2999',
  );

/** 'HH:MM' as minutes since midnight. */
export const timeOfDay = z
  .string({ error: 'expected a time HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

const shortText = (name: string, max: number) =>
  z
    .string({ error: `${name} must be a string` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s.replace(/\n/g, '')), `${name} must not contain control characters`);

const meetingFields = {
  meetingId: shortText('meetingId', 40).optional(),
  passcode: shortText('passcode', 40).optional(),
  /** A Zoom join link, beside or instead of the ID and passcode (「Zoom で参加」 on the person's card). */
  joinUrl: z
    .url({ protocol: /^https$/, error: 'joinUrl must be an https URL' })
    .max(500, 'joinUrl must be at most 500 characters')
    .optional(),
};

/** The meeting a body gives: the ID and passcode (a pair), the join link, or both; undefined for none. */
export function meetingFromBody(b: {
  meetingId?: string | undefined;
  passcode?: string | undefined;
  joinUrl?: string | undefined;
}): { meetingId?: string; passcode?: string; joinUrl?: string } | undefined {
  const pair =
    b.meetingId !== undefined && b.passcode !== undefined ? { meetingId: b.meetingId, passcode: b.passcode } : {};
  if (b.joinUrl === undefined) return 'meetingId' in pair ? pair : undefined;
  return { ...pair, joinUrl: b.joinUrl };
}

/** Zoom meeting details come as a pair or not at all. */
function meetingPair(v: { meetingId?: string | undefined; passcode?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.meetingId !== undefined && v.passcode === undefined)
    ctx.addIssue({ code: 'custom', path: ['passcode'], message: 'passcode is required with meetingId' });
  if (v.passcode !== undefined && v.meetingId === undefined)
    ctx.addIssue({ code: 'custom', path: ['meetingId'], message: 'meetingId is required with passcode' });
}

export const confirmBody = z
  .strictObject({
    choice: z.union([z.literal(1), z.literal(2)], { error: 'choice must be 1 or 2' }).optional(),
    start: instant.optional(),
    ...meetingFields,
    by,
  })
  .superRefine((v, ctx) => {
    if (v.choice === undefined && v.start === undefined)
      ctx.addIssue({ code: 'custom', path: ['choice'], message: 'give choice (1 or 2) or start' });
    if (v.choice !== undefined && v.start !== undefined)
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'give either choice or start, not both' });
    meetingPair(v, ctx);
  });

export const proposeBody = z.strictObject({ start: instant, ...meetingFields, by }).superRefine(meetingPair);

/** Staff booking a person's next session (terms 6(2)); their details come from their latest booking. */
export const bookForPersonBody = z
  .strictObject({
    kind: z.enum(['regular', 'mothers'], { error: 'kind must be regular or mothers' }),
    app: z.enum(['zoom', 'teleoffice'], { error: 'app must be zoom or teleoffice' }),
    start: instant,
    ...meetingFields,
    by,
  })
  .superRefine(meetingPair);

export const cancelBody = z.strictObject({ reason: shortText('reason', 200), by });

export const attendanceBody = z.strictObject({ attended: z.boolean({ error: 'attended must be true or false' }), by });

export const closureBody = z.strictObject({ note: shortText('note', 200).optional(), by });

export const byOnlyBody = z.strictObject({ by });

export const capacityBody = z.strictObject({
  kind: z.enum(['regular', 'mothers'], { error: 'kind must be regular or mothers' }),
  date: isoDate,
  start: timeOfDay,
  capacity: z
    .number({ error: 'capacity must be a whole number from 0 to 100' })
    .int('capacity must be a whole number')
    .min(0)
    .max(100),
  by,
});

export const blockBody = z.strictObject({ reason: shortText('reason', 200).optional(), by });

/** A summary of what a terms version changes: short enough to read in one LINE message. */
export const TERMS_SUMMARY_MAX = 400;
/** The summary of the terms shown before consent: one card in the chat. */
export const CONSENT_SUMMARY_MAX = 1000;

/** Staff text shown to people as written: line breaks kept, other control characters refused. */
const summaryText = (name: string, max: number, missing: string) =>
  z
    .string({ error: missing })
    // A form's text area sends CRLF: one line break, counted once.
    .overwrite((s) => s.replace(/\r\n?/g, '\n').trim())
    .min(1, `${name} must not be empty`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s.replace(/\n/g, '')), `${name} must not contain control characters`);

export const termsBody = z.strictObject({
  id: z
    .string({ error: 'id is required, e.g. 2027-04-01' })
    .regex(/^[A-Za-z0-9._-]{1,40}$/, 'id must be 1 to 40 letters, digits, dots, hyphens or underscores'),
  effectiveFrom: isoDate,
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }).max(500),
  summary: summaryText(
    'summary',
    TERMS_SUMMARY_MAX,
    'summary is required: what this version changes, in plain Japanese',
  ),
  consentSummary: summaryText(
    'consentSummary',
    CONSENT_SUMMARY_MAX,
    "consentSummary must be a string (leave it out to keep the previous version's)",
  ).optional(),
  by,
});

export const immediateBody = z.strictObject({ enabled: z.boolean({ error: 'enabled must be true or false' }), by });

// Strict like the bodies: a misspelt filter (?stauts=) is refused, not silently dropped.
export const bookingQuery = z.strictObject({
  status: z
    .enum(['requested', 'confirmed', 'cancelled', 'no_show', 'attended'], {
      error: 'status must be one of requested, confirmed, cancelled, no_show, attended',
    })
    .optional(),
  kind: z.enum(['regular', 'mothers'], { error: 'kind must be regular or mothers' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  user: z.string().min(1).max(100).optional(),
  limit: z.coerce.number({ error: 'limit must be a whole number from 1 to 1000' }).int().min(1).max(1000).optional(),
  /** `nextCursor` of the page before (docs/staff-api.md). */
  cursor: z.string().max(200).optional(),
});

export const fromQuery = z.strictObject({ from: isoDate.optional() });

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return issue.keys[0];
  const path = issue.path.map(String).join('.');
  return path === '' ? undefined : path;
}

/**
 * Reads `input` with `schema`; the first problem becomes a 400 naming its field. An unknown
 * field is refused too (it is usually a typo that would otherwise be silently ignored).
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | Failure {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return fail(400, 'invalid_body', 'the request could not be read');
  const field = fieldOf(issue);
  const message = issue.code === 'unrecognized_keys' ? `unknown field ${field ?? ''}`.trim() : issue.message;
  return fail(400, 'invalid_field', message, field);
}

/** A date in the path (closures): a 400 naming `date` unless it is a real YYYY-MM-DD. */
export function pathDate(value: string | undefined): { ok: true; value: IsoDate } | Failure {
  return value !== undefined && isOfficeDate(value)
    ? { ok: true, value }
    : fail(400, 'invalid_field', 'expected a real date YYYY-MM-DD in the years 2000 to 2999', 'date');
}
