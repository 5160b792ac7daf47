import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UNIT = join(__dirname);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A call that replaces a module for the whole file (vi.mock is hoisted above the imports). */
const REPLACES_A_MODULE = /\bvi\.(mock|doMock|unmock|doUnmock|resetModules)\(/;

describe('The unit test layout', () => {
  // The unit files share one module graph per worker (vite.config.ts), so a module one file
  // replaced would be the replacement in the next file too, or the replacement would come
  // too late because the real module was loaded first.
  it('names every file that replaces a module *.isolated.test.ts, which runs in its own graph', () => {
    const misplaced = testFiles(UNIT)
      .filter((f) => !f.endsWith('.isolated.test.ts'))
      .filter((f) => REPLACES_A_MODULE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(UNIT, f));
    expect(misplaced).toEqual([]);
  });

  it('finds the files that replace a module (the check above reads the right files)', () => {
    const isolated = testFiles(UNIT).filter((f) => f.endsWith('.isolated.test.ts'));
    expect(isolated.length).toBeGreaterThan(0);
    for (const f of isolated) expect(readFileSync(f, 'utf8')).toMatch(REPLACES_A_MODULE);
  });
});
