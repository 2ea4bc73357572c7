import fs from 'node:fs';
import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Where tests put their SQLite files. Every commit the server makes is synced to disk (that is
 * part of what the end-to-end tests exercise), and a booking conversation makes dozens, so on a
 * real disk the suite spends much of its time waiting for fsync. A RAM-backed /dev/shm answers the
 * same calls in microseconds: the code paths and their order are the same, only the medium is
 * faster. Used only when it exists with room to spare (Docker's default is 64 MB) and nobody set
 * TMPDIR on purpose.
 */
function fastTempDir(): string | undefined {
  // No /dev/shm on macOS or Windows: the system's temporary folder it is.
  if (process.env.TMPDIR || !fs.existsSync('/dev/shm')) return undefined;
  const s = fs.statfsSync('/dev/shm');
  return s.bavail * s.bsize > 1024 ** 3 ? '/dev/shm' : undefined;
}

const tmp = fastTempDir();

/** Files that replace a module with vi.mock: they get modules of their own (see isolate below). */
export const MOCKING = ['test/machines/read-once.test.ts'];

/**
 * Files that start several server processes and drive hundreds of people through them. They test
 * that nothing is lost or answered twice, not speed; but sharing two cores with the other files
 * they crawled, and a run stopped by its time limit looked like lost answers. They run after all
 * the other files, one at a time, with the machine to themselves.
 */
export const WHOLE_MACHINE = ['test/multi-process/**/*.test.ts'];

const shared = {
  // End-to-end tests start real servers and SQLite files; give them room on a 2-core machine.
  testTimeout: 30_000,
  hookTimeout: 30_000,
  // expect.poll waits 1 s by default; a browser page that hashes a password (scrypt) and renders on
  // a loaded 2-core machine can take longer, and a poll that gives up early is a flaky test.
  expect: { poll: { timeout: 15_000, interval: 50 } },
  ...(tmp ? { env: { TMPDIR: tmp } } : {}),
};

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores, which is a single worker on a 2-core
    // machine; but the slow files mostly wait (on loopback HTTP, fsync, child processes), so two
    // workers overlap that waiting instead of running every file back to back.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // On a PostgreSQL run (DATABASE_URL set), the migrated template test databases are cloned from.
    globalSetup: ['test/support/postgres-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'shared-modules',
          include: ['test/**/*.test.ts'],
          exclude: [...MOCKING, ...WHOLE_MACHINE],
          // Files share a worker's module cache instead of re-importing the whole application for
          // each of the ~100 files, which halved the CPU time of the unit tests. Safe because nothing
          // in src/, machines/ or db/ keeps module-level mutable state, and no file here mocks
          // modules, fakes timers or stubs globals; every test builds its own app, database and clock.
          isolate: false,
        },
      },
      // A module replaced with vi.mock must not leak into, or be missed by, files sharing a cache.
      { test: { ...shared, name: 'own-modules', include: MOCKING, isolate: true } },
      {
        test: {
          ...shared,
          name: 'whole-machine',
          include: WHOLE_MACHINE,
          // Projects of a higher group order start once those of lower ones have finished.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
