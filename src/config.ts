import { z } from 'zod';
import { DEFAULT_FAQ_FILE, loadFaqFile, type FaqEntry } from './office/faq.js';
import { lineUrlProblem, staffTokenProblem } from './config-checks.js';
import { officeSettingsFrom, type OfficeSettings } from './office/settings.js';
import type { StoreConfig } from '../db/store-config.js';
import { DataKeyConfigError, dataKeyFrom, dataKeyVariables } from './data-key-config.js';
import type { DataKeyConfig } from '../db/data-key-config.js';

/**
 * Everything configurable, read once at start-up from the environment (which overrides `.env`).
 * Every variable is documented in `.env.example`. Invalid values stop the server with a message
 * naming the variable, instead of surfacing later as a wrong answer to a user.
 */
export interface Config {
  port: number;
  /** Address to listen on when connected to LINE (default 0.0.0.0); demo mode always uses 127.0.0.1. */
  host: string | null;
  /**
   * Which reverse proxies in front of the server to believe about the caller's address
   * (X-Forwarded-For): Express's `trust proxy`, a hop count or addresses. False when unset: behind
   * a proxy, every caller would otherwise have the proxy's address, and the staff API's failed-login
   * limit (per address) would lock every office tool out at once.
   */
  trustProxy: number | string | false;
  nodeEnv: string;
  /** True when no LINE channel is configured: a fake LINE platform runs inside the process. */
  demoMode: boolean;
  line: {
    channelSecret: string;
    channelAccessToken: string;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
    /** A reply or push LINE has not answered by then is given up (docs/line-platform.md §3, §4). */
    replyTimeoutMs: number;
    pushTimeoutMs: number;
  };
  /**
   * Where the data is kept: PostgreSQL when DATABASE_URL is set, else the SQLite file at
   * SQLITE_PATH (by default data/booking.db connected to LINE, data/demo.db in demo mode).
   */
  store: StoreConfig;
  /** The key personal data is encrypted under (DATA_ENCRYPTION_KEY...; docs/storage.md). */
  dataKey: DataKeyConfig;
  staffGroupId: string;
  staffApiToken: string | null;
  appNow: string | null;
  logLevel: string;
  office: OfficeSettings;
  /**
   * `placeholder`: TERMS_URL was not set, so the link is the default (the Labour Bureau's home
   * page), not the published terms; only demo mode may run so (production refuses to start).
   */
  terms: { version: string; effectiveFrom: string; url: string; placeholder: boolean };
  /**
   * Days after a booking is over (its last time and its last change both that long past) when the
   * person's details on it are erased; null keeps them (the office decides: see README).
   */
  personalDataRetentionDays: number | null;
  /** The staff console: minutes a sign-in stays alive unused. */
  console: { idleMinutes: number };
  /** Where people's phones and staff reach this server (PUBLIC_BASE_URL, no trailing slash); null when unset. */
  publicBaseUrl: string | null;
  /** The office's answers to common questions, read from FAQ_FILE (default config/faq.json). */
  faq: FaqEntry[];
}

const DEMO_SECRET = 'demo-channel-secret-not-for-production';
const DEMO_TOKEN = 'demo-channel-access-token';
export const DEMO_STAFF_GROUP_ID = 'Cdemo0000000000000000000000000000';

const timeOfDay = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
  .transform((s) => {
    const [h, m] = s.split(':').map(Number) as [number, number];
    return h * 60 + m;
  });

const optional = (s: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

const lineTimeout = z.coerce
  .number({ error: 'expected a whole number of milliseconds from 500 to 60000' })
  .int('expected a whole number of milliseconds from 500 to 60000')
  .min(500, 'expected at least 500 ms')
  .max(60_000, 'expected at most 60000 ms');

const envSchema = z.object({
  PORT: optional(z.coerce.number().int().min(0).max(65535)),
  NODE_ENV: optional(
    z.enum(['development', 'test', 'production'], { error: 'expected development, test or production' }),
  ),
  // Checked as a host name or address only loosely: listen() reports anything it cannot bind.
  HOST: optional(z.string().regex(/^[A-Za-z0-9.:_-]{1,253}$/, 'expected a host name or IP address, e.g. 0.0.0.0')),
  TRUST_PROXY: optional(
    z
      .string()
      .regex(
        /^(?:\d{1,2}|(?:loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(?:\/\d{1,3})?)(?:\s*,\s*(?:loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(?:\/\d{1,3})?))*)$/,
        'expected the number of proxies in front (e.g. 1), or their addresses: loopback, 10.0.0.0/8, ...',
      ),
  ),
  LINE_CHANNEL_SECRET: optional(z.string().min(1)),
  LINE_CHANNEL_ACCESS_TOKEN: optional(z.string().min(1)),
  LINE_API_BASE_URL: optional(z.url()),
  LINE_DATA_API_BASE_URL: optional(z.url()),
  LINE_REPLY_TIMEOUT_MS: optional(lineTimeout),
  LINE_PUSH_TIMEOUT_MS: optional(lineTimeout),
  SQLITE_PATH: optional(z.string().min(1)),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'expected postgres://user:password@host:5432/database'),
  ),
  DATABASE_POOL_SIZE: optional(
    z.coerce
      .number({ error: 'expected a whole number of connections from 1 to 100' })
      .int('expected a whole number of connections from 1 to 100')
      .min(1, 'expected at least 1 connection')
      .max(100, 'expected at most 100 connections'),
  ),
  DATABASE_STATEMENT_TIMEOUT_MS: optional(
    z.coerce
      .number({ error: 'expected a whole number of milliseconds from 100 to 600000' })
      .int('expected a whole number of milliseconds from 100 to 600000')
      .min(100, 'expected at least 100 ms')
      .max(600_000, 'expected at most 600000 ms'),
  ),
  ...dataKeyVariables,
  STAFF_GROUP_ID: optional(z.string().min(1)),
  STAFF_API_TOKEN: optional(
    z
      .string()
      .min(16, 'use at least 16 characters')
      .superRefine((token, ctx) => {
        const problem = staffTokenProblem(token);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  ),
  APP_NOW: optional(z.iso.datetime({ offset: true })),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  OFFICE_NAME: optional(z.string().min(1)),
  OFFICE_PHONE: optional(z.string().min(1)),
  OFFICE_OPENING_TIME: optional(timeOfDay),
  OFFICE_CLOSING_TIME: optional(timeOfDay),
  REGULAR_WINDOWS: optional(
    z
      .string()
      .regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}(,\d{1,2}:\d{2}-\d{1,2}:\d{2})*$/, 'expected e.g. 10:00-12:00,13:30-15:30'),
  ),
  MOTHERS_STARTS: optional(z.string().regex(/^\d{1,2}:\d{2}(,\d{1,2}:\d{2})*$/, 'expected e.g. 11:00,13:30,14:30')),
  MOTHERS_WEEKDAYS: optional(z.string().regex(/^[0-6](,[0-6])*$/, 'expected weekday numbers, 0=Sunday, e.g. 2,4')),
  SLOT_STEP_MINUTES: optional(z.coerce.number().int().positive()),
  SLOT_CAPACITY: optional(z.coerce.number().int().positive()),
  BOOKING_HORIZON_WEEKS: optional(z.coerce.number().int().positive()),
  ELIGIBILITY_VALID_MONTHS: optional(
    z.coerce
      .number({ error: 'expected a whole number of months from 1 to 24' })
      .int('expected a whole number of months from 1 to 24')
      .min(1, 'expected at least 1 month')
      .max(24, 'expected at most 24 months'),
  ),
  TERMS_URL: optional(z.url()),
  ZOOM_TERMS_URL: optional(z.url()),
  OFFICE_EMAIL: optional(z.email()),
  FAQ_FILE: optional(z.string().min(1)),
  // Where staff reach this server (https://booking.example.jp): staff-group cards link to the console there.
  PUBLIC_BASE_URL: optional(z.url()),
  // The same rule as an id registered through the staff API (POST /api/terms).
  TERMS_VERSION: optional(
    z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'expected 1 to 40 letters, digits, dots, hyphens or underscores'),
  ),
  TERMS_EFFECTIVE_FROM: optional(z.iso.date()),
  // At least 30 days: staff follow up on sessions for a while after they are held.
  CONSOLE_IDLE_MINUTES: optional(
    z.coerce
      .number({ error: 'expected a whole number of minutes from 5 to 480' })
      .int('expected a whole number of minutes from 5 to 480')
      .min(5, 'expected at least 5 minutes')
      .max(480, 'expected at most 480 minutes'),
  ),
  PERSONAL_DATA_RETENTION_DAYS: optional(
    z.coerce
      .number({ error: 'expected a whole number of days from 30 to 3650' })
      .int('expected a whole number of days from 30 to 3650')
      .min(30, 'expected at least 30 days')
      .max(3650, 'expected at most 3650 days'),
  ),
});

type Env = Record<string, string | undefined>;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function officeFrom(e: z.infer<typeof envSchema>): OfficeSettings {
  const windows = (e.REGULAR_WINDOWS as string | undefined)?.split(',').map((w) => {
    const [start, end] = w.split('-') as [string, string];
    return { start: minutesOf(start), end: minutesOf(end) };
  });
  return officeSettingsFrom({
    officeName: e.OFFICE_NAME as string | undefined,
    officePhone: e.OFFICE_PHONE as string | undefined,
    openingMinutes: e.OFFICE_OPENING_TIME as number | undefined,
    closingMinutes: e.OFFICE_CLOSING_TIME as number | undefined,
    regularWindows: windows,
    mothersStarts: (e.MOTHERS_STARTS as string | undefined)?.split(',').map(minutesOf),
    mothersWeekdays: (e.MOTHERS_WEEKDAYS as string | undefined)?.split(',').map(Number),
    gridStepMinutes: e.SLOT_STEP_MINUTES as number | undefined,
    capacity: e.SLOT_CAPACITY as number | undefined,
    horizonWeeks: e.BOOKING_HORIZON_WEEKS as number | undefined,
    eligibilityValidMonths: e.ELIGIBILITY_VALID_MONTHS as number | undefined,
    termsUrl: e.TERMS_URL as string | undefined,
    zoomTermsUrl: e.ZOOM_TERMS_URL as string | undefined,
    officeEmail: e.OFFICE_EMAIL as string | undefined,
    consoleUrl: e.PUBLIC_BASE_URL === undefined ? undefined : `${stripSlash(e.PUBLIC_BASE_URL as string)}/staff`,
  });
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Builds the configuration from an environment; throws ConfigError naming what is wrong. */
export function loadConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const nodeEnv = (e.NODE_ENV as string | undefined) ?? 'development';
  const production = nodeEnv === 'production';
  const secret = e.LINE_CHANNEL_SECRET as string | undefined;
  const token = e.LINE_CHANNEL_ACCESS_TOKEN as string | undefined;
  if ((secret === undefined) !== (token === undefined)) {
    throw new ConfigError('set both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or neither (demo mode)');
  }
  const demoMode = secret === undefined;
  if (production && demoMode) {
    throw new ConfigError(
      'NODE_ENV=production needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN; demo mode is for local use only',
    );
  }
  if (production && e.APP_NOW !== undefined)
    throw new ConfigError('APP_NOW is for demos and tests and is refused when NODE_ENV=production');
  if (production && e.STAFF_GROUP_ID === undefined)
    throw new ConfigError('NODE_ENV=production needs STAFF_GROUP_ID: requests would reach no one');
  // People agree to the terms behind this link; the default is only the Labour Bureau's home page.
  if (production && e.TERMS_URL === undefined)
    throw new ConfigError(
      'NODE_ENV=production needs TERMS_URL: the page of the published terms of use people agree to',
    );
  if (production) {
    for (const name of ['LINE_API_BASE_URL', 'LINE_DATA_API_BASE_URL'] as const) {
      const url = e[name] as string | undefined;
      const problem = url === undefined ? null : lineUrlProblem(url);
      if (problem) throw new ConfigError(`${name}: ${problem}`);
    }
  }
  let office: OfficeSettings;
  try {
    office = officeFrom(e);
  } catch (err: unknown) {
    throw new ConfigError(namingVariables(err instanceof Error ? err.message : String(err)));
  }
  const store = storeFrom(e, demoMode);
  let dataKey: DataKeyConfig;
  try {
    dataKey = dataKeyFrom(e, store, production);
  } catch (err: unknown) {
    if (err instanceof DataKeyConfigError) throw new ConfigError(err.message);
    throw err;
  }
  return {
    port: (e.PORT as number | undefined) ?? 3000,
    host: (e.HOST as string | undefined) ?? null,
    trustProxy: trustProxyOf(e.TRUST_PROXY as string | undefined),
    nodeEnv,
    demoMode,
    line: {
      channelSecret: secret ?? DEMO_SECRET,
      channelAccessToken: token ?? DEMO_TOKEN,
      apiBaseUrl: stripSlash((e.LINE_API_BASE_URL as string | undefined) ?? 'https://api.line.me'),
      dataApiBaseUrl: stripSlash(
        (e.LINE_DATA_API_BASE_URL as string | undefined) ??
          (e.LINE_API_BASE_URL as string | undefined) ??
          'https://api-data.line.me',
      ),
      // LINE answers a reply in milliseconds; a longer wait holds the person's answer back.
      replyTimeoutMs: (e.LINE_REPLY_TIMEOUT_MS as number | undefined) ?? 5_000,
      pushTimeoutMs: (e.LINE_PUSH_TIMEOUT_MS as number | undefined) ?? 15_000,
    },
    store,
    dataKey,
    staffGroupId: (e.STAFF_GROUP_ID as string | undefined) ?? DEMO_STAFF_GROUP_ID,
    staffApiToken: (e.STAFF_API_TOKEN as string | undefined) ?? null,
    appNow: (e.APP_NOW as string | undefined) ?? null,
    logLevel: (e.LOG_LEVEL as string | undefined) ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    office,
    terms: {
      version: (e.TERMS_VERSION as string | undefined) ?? '2024-06-06',
      effectiveFrom: (e.TERMS_EFFECTIVE_FROM as string | undefined) ?? '2024-06-06',
      url: office.termsUrl,
      placeholder: e.TERMS_URL === undefined,
    },
    personalDataRetentionDays: (e.PERSONAL_DATA_RETENTION_DAYS as number | undefined) ?? null,
    console: { idleMinutes: (e.CONSOLE_IDLE_MINUTES as number | undefined) ?? 30 },
    faq: faqFrom(e.FAQ_FILE as string | undefined),
    publicBaseUrl: e.PUBLIC_BASE_URL === undefined ? null : stripSlash(e.PUBLIC_BASE_URL as string),
  };
}

/** The FAQ file is the office's to edit: a mistake in it stops the start, naming the variable. */
function faqFrom(file: string | undefined): FaqEntry[] {
  try {
    return loadFaqFile(file ?? DEFAULT_FAQ_FILE);
  } catch (e) {
    throw new ConfigError(`FAQ_FILE: ${(e as Error).message}`, { cause: e });
  }
}

function storeFrom(e: z.infer<typeof envSchema>, demoMode: boolean): StoreConfig {
  const url = e.DATABASE_URL as string | undefined;
  if (url !== undefined) {
    if (e.SQLITE_PATH !== undefined)
      throw new ConfigError('set DATABASE_URL (PostgreSQL) or SQLITE_PATH (a SQLite file), not both');
    return {
      kind: 'postgres',
      url,
      poolSize: (e.DATABASE_POOL_SIZE as number | undefined) ?? 10,
      statementTimeoutMs: (e.DATABASE_STATEMENT_TIMEOUT_MS as number | undefined) ?? 10_000,
    };
  }
  // Demo mode has a file of its own, so trying the demo on a server never opens the real one.
  return {
    kind: 'sqlite',
    path: (e.SQLITE_PATH as string | undefined) ?? (demoMode ? 'data/demo.db' : 'data/booking.db'),
  };
}

/** The office settings' own field names, as the variables that set them. */
const VARIABLE_OF: Record<string, string> = {
  officeName: 'OFFICE_NAME',
  officePhone: 'OFFICE_PHONE',
  openingMinutes: 'OFFICE_OPENING_TIME',
  closingMinutes: 'OFFICE_CLOSING_TIME',
  regularWindows: 'REGULAR_WINDOWS',
  mothersStarts: 'MOTHERS_STARTS',
  mothersWeekdays: 'MOTHERS_WEEKDAYS',
  gridStepMinutes: 'SLOT_STEP_MINUTES',
  capacity: 'SLOT_CAPACITY',
  horizonWeeks: 'BOOKING_HORIZON_WEEKS',
  eligibilityValidMonths: 'ELIGIBILITY_VALID_MONTHS',
  termsUrl: 'TERMS_URL',
  zoomTermsUrl: 'ZOOM_TERMS_URL',
  officeEmail: 'OFFICE_EMAIL',
  consoleUrl: 'PUBLIC_BASE_URL',
};

/** An office-settings error names the variable the person set, not the field behind it. */
function namingVariables(message: string): string {
  return message.replace(/\b([a-z][A-Za-z]+)\b/g, (word) => VARIABLE_OF[word] ?? word);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** TRUST_PROXY as Express takes it: a hop count, or the proxies' addresses; false when unset. */
function trustProxyOf(value: string | undefined): number | string | false {
  if (value === undefined || value.trim() === '') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
