/**
 * `npm run bench`: zero-shot, each baseline and COPA with the stand-in model on every built-in
 * task and (when ../shared/data is present) TREC and SST-2 samples, for several seeds. Prints a
 * table and writes bench-results.json. All results are stand-in results.
 */
import { writeFileSync } from 'node:fs';
import { chatAdapter } from '../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor, type ConstraintSpec } from '../src/core/constraints';
import { evaluate } from '../src/core/evaluate';
import type { Example } from '../src/core/example';
import type { Metric } from '../src/core/metric';
import { BASELINES, runCopa, type BaselineMethod } from '../src/core/optimizers';
import { standardError } from '../src/core/optimizers/selection';
import { Program } from '../src/core/program';
import { StandInModel } from '../src/engines/standin/standin-model';
import { BUILT_IN_TASKS } from '../src/tasks';
import { loadSst2, loadTrec, sharedDataAvailable } from './bench/shared-datasets';
import { TimedModel } from './bench/timed-model';

interface BenchTask {
  id: string;
  program: Program;
  metric: Metric;
  constraints: readonly ConstraintSpec[];
  splits: { train: Example[]; val: Example[]; test: Example[] };
}

interface MethodRow {
  method: string;
  seed: number;
  lmCalls: number;
  promptTokens: number;
  completionTokens: number;
  valScore: number;
  testScore: number;
  wallMs: number;
  overheadMsPerCall: number;
  curve: [number, number][];
}

// Ten seeds: on the tasks where the stand-in barely learns, methods differ by less than the
// spread between seeds, and three seeds cannot tell such differences apart.
const SEEDS = (process.env.BENCH_SEEDS ?? '0,1,2,3,4,5,6,7,8,9').split(',').map(Number);
const METHODS = [
  'zero-shot',
  'bootstrap-fewshot',
  'random-search',
  'instruction-only',
  'joint-search',
  'copa',
  'copa-matched',
] as const;
type Method = (typeof METHODS)[number];

/**
 * `copa-matched` is COPA given a hard call budget equal to what the joint search spent on the
 * same task and seed: the comparison at equal cost.
 */
async function runMethod(
  task: BenchTask,
  method: Method,
  seed: number,
  matchedCalls?: number,
): Promise<MethodRow> {
  const model = new TimedModel(new StandInModel({ seed }));
  const constraints = task.constraints.map(constraintFromSpec);
  const optimizerTask = {
    program: task.program,
    trainset: task.splits.train,
    valset: task.splits.val,
    metric: task.metric,
    constraints,
  };
  const start = performance.now();
  let program = task.program;
  let valScore: number;
  let curve: [number, number][];
  if (method === 'zero-shot') {
    const val = await evaluate({
      program,
      examples: task.splits.val,
      metric: task.metric,
      ctx: { lm: model, adapter: chatAdapter, seed, validate: validatorFor(constraints) },
    });
    valScore = val.score;
    curve = [[model.calls, val.score]];
  } else {
    // BENCH_COPA / BENCH_BASELINE: JSON config overrides, for exploring settings.
    const overrides = JSON.parse(
      (method.startsWith('copa') ? process.env.BENCH_COPA : process.env.BENCH_BASELINE) ?? '{}',
    ) as Record<string, unknown>;
    const budget = method === 'copa-matched' ? { budget: { maxCalls: matchedCalls } } : {};
    const options = { lm: model, adapter: chatAdapter, config: { ...overrides, ...budget, seed } };
    const result =
      method === 'copa' || method === 'copa-matched'
        ? await runCopa(optimizerTask, options)
        : await BASELINES[method as BaselineMethod](optimizerTask, options);
    program = Program.fromState(result.program);
    valScore = result.bestScore;
    curve = result.curve.map(([calls, score]) => [calls, score]);
  }
  const wallMs = performance.now() - start;
  const lmCalls = model.calls;
  const overheadMsPerCall = lmCalls > 0 ? (wallMs - model.modelMs) / lmCalls : 0;
  // The test set is scored outside the measured run, with a fresh model of the same seed.
  const test = await evaluate({
    program,
    examples: task.splits.test,
    metric: task.metric,
    ctx: {
      lm: new StandInModel({ seed }),
      adapter: chatAdapter,
      seed,
      validate: validatorFor(constraints),
    },
  });
  return {
    method,
    seed,
    lmCalls,
    promptTokens: model.promptTokens,
    completionTokens: model.completionTokens,
    valScore,
    testScore: test.score,
    wallMs: Math.round(wallMs),
    overheadMsPerCall,
    curve,
  };
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

async function main(): Promise<void> {
  const tasks: BenchTask[] = BUILT_IN_TASKS.map((t) => ({ ...t }));
  if (sharedDataAvailable()) tasks.push(loadTrec(), loadSst2());
  else console.log('../shared/data not found: TREC and SST-2 skipped.');
  const only = process.env.BENCH_TASKS?.split(',');
  const onlyMethods = process.env.BENCH_METHODS?.split(',');
  const selected = only ? tasks.filter((t) => only.includes(t.id)) : tasks;

  const results: { task: string; methods: MethodRow[] }[] = [];
  console.log(`Stand-in model results (seeds ${SEEDS.join(', ')}); means over seeds.\n`);
  console.log(
    'task                 method              test    val     LM calls  tokens     overhead ms/call',
  );
  for (const task of selected) {
    const rows: MethodRow[] = [];
    for (const method of METHODS.filter((m) => !onlyMethods || onlyMethods.includes(m)))
      for (const seed of SEEDS) {
        const joint = rows.find((r) => r.method === 'joint-search' && r.seed === seed);
        if (method === 'copa-matched' && !joint) continue;
        rows.push(await runMethod(task, method, seed, joint?.lmCalls));
      }
    results.push({ task: task.id, methods: rows });
    for (const method of METHODS) {
      const mine = rows.filter((r) => r.method === method);
      console.log(
        [
          task.id.padEnd(20),
          method.padEnd(19),
          mean(mine.map((r) => r.testScore))
            .toFixed(3)
            .padEnd(7),
          mean(mine.map((r) => r.valScore))
            .toFixed(3)
            .padEnd(7),
          Math.round(mean(mine.map((r) => r.lmCalls)))
            .toString()
            .padEnd(9),
          Math.round(mean(mine.map((r) => r.promptTokens + r.completionTokens)))
            .toString()
            .padEnd(10),
          mean(mine.map((r) => r.overheadMsPerCall)).toFixed(4),
        ].join(' '),
      );
    }
    console.log('');
  }
  writeFileSync('bench-results.json', JSON.stringify({ tasks: results }, null, 2));
  console.log('Wrote bench-results.json');
  report(results);
}

/** COPA (unlimited and call-matched) against the best baseline and the joint search's calls. */
function report(results: { task: string; methods: MethodRow[] }[]): void {
  console.log('\nCOPA vs the best baseline (mean test score; mean LM calls vs the joint search):');
  for (const { task, methods } of results) {
    const avg = (m: string, pick: (r: MethodRow) => number): number =>
      mean(methods.filter((r) => r.method === m).map(pick));
    const present = (m: string): boolean => methods.some((r) => r.method === m);
    const baselines = METHODS.filter((m) => !m.startsWith('copa') && present(m)).map((m) => ({
      m,
      test: avg(m, (r) => r.testScore),
    }));
    if (baselines.length === 0) continue;
    const best = baselines.reduce((a, b) => (b.test > a.test ? b : a));
    const jointCalls = avg('joint-search', (r) => r.lmCalls);
    for (const variant of ['copa', 'copa-matched'].filter(present)) {
      const test = avg(variant, (r) => r.testScore);
      const calls = avg(variant, (r) => r.lmCalls);
      // Paired by seed: how far apart the two are, against the spread between seeds.
      const diffs = methods
        .filter((r) => r.method === variant)
        .map((r) => {
          const other = methods.find((b) => b.method === best.m && b.seed === r.seed);
          return r.testScore - (other?.testScore ?? NaN);
        })
        .filter((d) => Number.isFinite(d));
      console.log(
        `  ${task} ${variant}: ${test.toFixed(4)} vs ${best.m} ${best.test.toFixed(4)} ` +
          `(${test >= best.test ? 'at least as good' : 'lower'}; paired difference ` +
          `${signed(mean(diffs))} ± ${standardError(diffs).toFixed(4)} SE over ${diffs.length} seeds); ` +
          `calls ${Math.round(calls)} vs ${Math.round(jointCalls)} ` +
          `(${calls <= jointCalls ? 'no more' : 'more'})`,
      );
    }
  }
}

await main();
