import { describe, expect, it } from 'vitest';
import { CLINC_SIZES, loadClinc150 } from '../../../scripts/bench/clinc150';
import { GSM8K_SIZES, loadGsm8k } from '../../../scripts/bench/gsm8k';
import { loadSst2, loadTrec } from '../../../scripts/bench/shared-datasets';
import type { BenchTask } from '../../../scripts/bench/types';
import { HAS_BENCH_DATA, SKIP_NOTE } from './bench-data';

function sizes(task: BenchTask): { train: number; val: number; test: number } {
  return {
    train: task.splits.train.length,
    val: task.splits.val.length,
    test: task.splits.test.length,
  };
}

describe.skipIf(!HAS_BENCH_DATA)(`the bench's public-data samples${SKIP_NOTE}`, () => {
  it('CLINC150: the issue sizes, all 150 intents in training, no out-of-scope rows', () => {
    const task = loadClinc150();
    expect(sizes(task)).toEqual(CLINC_SIZES);
    const constraint = task.constraints[0];
    const labels = constraint?.kind === 'one-of' ? constraint.values : [];
    expect(labels).toHaveLength(150);
    expect(labels).not.toContain('oos');
    expect(
      task.program.steps[0]?.signature.outputs.find((o) => o.name === 'intent')?.labels,
    ).toEqual(labels);
    const trainIntents = new Set(task.splits.train.map((e) => e.data.intent));
    expect(trainIntents.size).toBe(150);
    for (const e of [...task.splits.val, ...task.splits.test]) {
      expect(labels).toContain(e.data.intent);
      expect(typeof e.data.query).toBe('string');
    }
  });

  it('GSM8K: one shuffled sample split three ways, numeric answers, no question twice', () => {
    const task = loadGsm8k();
    expect(sizes(task)).toEqual(GSM8K_SIZES);
    const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
    expect(new Set(all.map((e) => e.data.question)).size).toBe(all.length);
    expect(all.every((e) => typeof e.data.answer === 'number')).toBe(true);
    expect(task.constraints).toEqual([{ kind: 'number', field: 'answer' }]);
  });

  it('samples are fixed: loading again gives the same rows', () => {
    for (const load of [loadTrec, loadSst2, loadClinc150, loadGsm8k]) {
      const [a, b] = [load(), load()];
      expect(b.splits).toEqual(a.splits);
      expect(a.suite).toBe('public');
    }
  });

  it('TREC and SST-2 keep their earlier sizes', () => {
    expect(sizes(loadTrec())).toEqual({ train: 100, val: 100, test: 200 });
    expect(sizes(loadSst2())).toEqual({ train: 100, val: 100, test: 200 });
  });
});
