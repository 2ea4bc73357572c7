import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING } from '../../vitest.config.js';

/** Every test file, relative to the repository root, with forward slashes. */
function testFiles(dir = 'test'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('test files that share a module cache', () => {
  it('should not replace modules, fake timers or stub globals unless the config gives them their own modules', () => {
    const replacing = testFiles().filter((f) =>
      /\bvi\.(mock|doMock|useFakeTimers|stubGlobal|stubEnv)\(/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(replacing.filter((f) => !MOCKING.includes(f))).toEqual([]);
    expect(replacing.length).toBeGreaterThan(0); // the check above reads real files
  });
});
