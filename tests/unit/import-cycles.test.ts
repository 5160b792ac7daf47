import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, importCycles, importGraph, importsOf, SRC } from './helpers/import-graph';

describe('import cycles', () => {
  it('no files of src import each other, even for types only', () => {
    const graph = importGraph(filesUnder(SRC));
    const cycles = importCycles(graph).map((files) => files.map((f) => relative(SRC, f)));
    expect(cycles).toEqual([]);
  });
});

describe('the cycle finder itself', () => {
  it('finds a cycle of three files and a file importing itself, and nothing in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['e']],
      ['e', []],
      ['f', ['f']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['f']]);
  });

  it('sees every kind of import in the graph of src', () => {
    const graph = importGraph(filesUnder(SRC));
    const targets = (file: string) =>
      (graph.get(`${SRC}/${file}`) ?? []).map((f) => relative(SRC, f));
    // A type-only import, a re-export of types, and a dynamic import.
    expect(targets('core/run-program.ts')).toContain('core/adapters/adapter.ts');
    expect(targets('worker/api/index.ts')).toContain('worker/api/runs-api.ts');
    const runtime = importsOf(`${SRC}/engines/webllm/runtime.ts`);
    expect(runtime.map((l) => l.specifier)).toContain('@mlc-ai/web-llm');
  });
});
