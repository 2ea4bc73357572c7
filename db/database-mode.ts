import type { DatabaseMode } from './repositories/database-mode-repository.js';

export type { DatabaseMode } from './repositories/database-mode-repository.js';

export interface DatabaseFacts {
  /** The mode recorded in the database, null if none is. */
  recorded: DatabaseMode | null;
  /** Whether it already holds accounts, events, bookings or messages. */
  active: boolean;
}

/** Use the database, recording `mode` in it if none is recorded; or refuse it, saying why. */
export type ModeDecision = { ok: true; record: boolean } | { ok: false; reason: string };

/**
 * Whether a server in `mode` may open a database, given what it holds. Demo mode sends every
 * message to a fake LINE and lets anyone move the clock, so on a real database it would take
 * real users' pending answers and run their reminders, deadlines, no-shows and erasures early;
 * connected to LINE, a demo database would send demo bookings and messages to real accounts.
 * So a database keeps the mode it was first used in. One used before modes were recorded is
 * taken as a real one: demo mode refuses it, and a connected server records it as its own.
 */
/** Which database, and the variable that chose it (SQLITE_PATH or DATABASE_URL). */
export interface DatabasePlace {
  label: string;
  variable: 'SQLITE_PATH' | 'DATABASE_URL';
}

export function decideDatabaseMode(mode: DatabaseMode, facts: DatabaseFacts, place: DatabasePlace): ModeDecision {
  const path = place.label;
  const elsewhereForDemo =
    place.variable === 'SQLITE_PATH'
      ? 'Leave SQLITE_PATH unset (demo mode then uses data/demo.db) or set it to another file.'
      : 'Unset DATABASE_URL (demo mode then uses data/demo.db) or point it at another database.';
  const elsewhereForLine =
    place.variable === 'SQLITE_PATH'
      ? 'Set SQLITE_PATH to the production database, or to a new file.'
      : 'Point DATABASE_URL at the production database, or at a new one.';
  if (facts.recorded === mode) return { ok: true, record: false };
  if (facts.recorded === 'line') {
    return {
      ok: false,
      reason:
        `the database ${path} has been used connected to LINE, with real users' data. Demo mode will not open it: ` +
        'their waiting messages would go to the fake LINE, and moving the demo clock would run their reminders, deadlines and clean-ups. ' +
        elsewhereForDemo,
    };
  }
  if (facts.recorded === 'demo') {
    return {
      ok: false,
      reason:
        `the database ${path} holds demo data (it was used in demo mode). Connected to LINE, its bookings, reminders and messages would reach real users. ` +
        elsewhereForLine,
    };
  }
  if (mode === 'demo' && facts.active) {
    return {
      ok: false,
      reason:
        `the database ${path} already holds conversations or bookings from before databases recorded their mode, so they may be real. ` +
        `Demo mode will not open it. ${elsewhereForDemo}`,
    };
  }
  return { ok: true, record: true };
}
