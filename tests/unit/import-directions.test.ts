import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, importsOf, SRC } from './helpers/import-graph';

/**
 * DESIGN.md section 4: arrows point inward. Each top-level folder of src/ may import only the
 * folders listed here (plus itself). Packages are checked separately below.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  engines: ['core'],
  storage: ['core'],
  tasks: ['core'],
  worker: ['core', 'engines', 'storage', 'tasks'],
  ui: ['worker', 'core', 'tasks'],
};

/** Packages a folder must never import at run time. */
const FORBIDDEN_PACKAGES: Record<string, readonly RegExp[]> = {
  core: [/^svelte/, /^@mlc-ai\/web-llm/, /^idb-keyval/, /^comlink/, /^papaparse/],
  engines: [/^svelte/, /^idb-keyval/],
  storage: [/^svelte/, /^@mlc-ai\/web-llm/],
  tasks: [/^svelte/, /^@mlc-ai\/web-llm/, /^idb-keyval/],
  worker: [/^svelte/],
  ui: [/^@mlc-ai\/web-llm/, /^idb-keyval/],
};

/** Browser globals that core must not touch (it runs in Node tests and in the worker). */
const CORE_FORBIDDEN_GLOBALS = /(^|[^\w.])(document|window|localStorage|indexedDB|navigator)\s*\./;

function folderOf(path: string): string {
  return relative(SRC, path).split(sep)[0] ?? '';
}

const files = filesUnder(SRC);

describe('import directions', () => {
  it('finds source files to check', () => {
    expect(files.some((f) => folderOf(f) === 'core')).toBe(true);
  });

  it('every relative import points inward (DESIGN.md section 4)', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) continue;
      for (const imp of importsOf(file)) {
        if (!imp.specifier.startsWith('.')) continue;
        const target = folderOf(resolve(dirname(file), imp.specifier));
        if (target === from || allowed.includes(target)) continue;
        wrong.push(`${relative(SRC, file)} imports ${imp.specifier} (${from} -> ${target})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no folder imports a package it must not use at run time', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const rules = FORBIDDEN_PACKAGES[folderOf(file)] ?? [];
      for (const imp of importsOf(file)) {
        if (imp.typeOnly) continue;
        if (rules.some((r) => r.test(imp.specifier)))
          wrong.push(`${relative(SRC, file)} imports ${imp.specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('storage imports only types from core', () => {
    const wrong = files
      .filter((f) => folderOf(f) === 'storage')
      .flatMap(importsOf)
      .filter((imp) => imp.specifier.startsWith('.') && !imp.typeOnly)
      .filter((imp) => folderOf(resolve(dirname(imp.file), imp.specifier)) === 'core')
      .map((imp) => `${relative(SRC, imp.file)} imports ${imp.specifier} at run time`);
    expect(wrong).toEqual([]);
  });

  it('core touches no browser globals', () => {
    const wrong = files
      .filter((f) => folderOf(f) === 'core')
      .filter((f) => CORE_FORBIDDEN_GLOBALS.test(withoutComments(readFileSync(f, 'utf8'))))
      .map((f) => relative(SRC, f));
    expect(wrong).toEqual([]);
  });
});

describe('the import checker itself', () => {
  it('recognizes static, type-only and dynamic imports', () => {
    const lines = importsOf(join(SRC, 'core/run-program.ts'));
    expect(lines.some((l) => l.specifier === './errors' && !l.typeOnly)).toBe(true);
    expect(lines.find((l) => l.specifier === './adapters/adapter')?.typeOnly).toBe(true);
  });
});

/**
 * The code without its comments: prose such as "a small model's context window." is not a use
 * of the `window` global. Rough (a `//` inside a string is cut too), which only hides text.
 */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}
