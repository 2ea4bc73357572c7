import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of the README's architecture section, checked on the code: a file imports only
 * from its own layer or the ones below, and no files import each other in a loop. The composition
 * root (src/app.ts, src/main.ts) and demo mode sit on top and may import anything.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Path prefixes and their layers, as the README's table lists them (longest prefix wins). */
const LAYERS: ReadonlyArray<readonly [string, number]> = [
  ['src/office/', 1],
  ['src/validation/', 1],
  ['src/infra/', 1],
  ['src/calendar/', 2],
  ['db/', 3],
  ['machines/', 3],
  // The configuration, read from the environment once at start-up.
  ['src/config', 3],
  ['src/data-key-config.ts', 3],
  ['src/line/', 4],
  ['src/bookings/', 5],
  ['src/messages/', 6],
  ['src/app-context.ts', 6],
  ['src/conversation/', 7],
  ['src/jobs/', 8],
  ['src/http/', 8],
  ['src/staff/', 9],
  ['src/console/', 10],
  ['src/app.ts', 11],
  ['src/main.ts', 11],
  ['src/demo/', 11],
];

function layerOf(file: string): number | undefined {
  const match = LAYERS.filter(([prefix]) => file.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return match?.[1];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'public' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The project files a file imports (static and dynamic imports, types included), as paths from the root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.flatMap((s) => {
    const resolved = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), s));
    const candidates = [resolved.replace(/\.js$/, '.ts'), resolved.replace(/\.js$/, '.tsx'), resolved];
    const found = candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile());
    return found ? [found] : [];
  });
}

const files = ['src', 'db', 'machines'].flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the layering rule (README, Architecture)', () => {
  it('places every source file in a layer', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('imports nothing from a higher layer', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((i) => (layerOf(i) ?? 0) > layerOf(file)!).map((i) => `${file} -> ${i}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    // Depth-first search; a file met again while still on the path closes a loop.
    const state = new Map<string, 'open' | 'done'>();
    const loops: string[] = [];
    const visit = (file: string, trail: string[]) => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') loops.push([...trail.slice(trail.indexOf(next)), file, next].join(' -> '));
        else if (!state.has(next)) visit(next, [...trail, file]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, []);
    expect(loops).toEqual([]);
  });

  it('sees an import that runs upward (the check itself works)', () => {
    expect(importsOf('src/app.ts')).toContain('src/conversation/event-processor.ts');
    expect(layerOf('src/app.ts')! > layerOf('src/conversation/event-processor.ts')!).toBe(true);
  });
});
