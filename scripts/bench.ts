/**
 * `npm run bench`: zero-shot, five baselines and COPA (default, and at the joint search's calls)
 * on samples of public datasets (TREC, SST-2, CLINC150, GSM8K; from ../shared/data, skipped when
 * absent) and on the built-in tasks, with every simulated model, for several seeds. Prints one
 * table per (task, model), COPA against the best baseline, a pass/fail summary, every method's
 * gain over zero-shot (validation and test) per suite, and writes bench-results.json. All
 * results are simulated-model results, not a real LLM's.
 *
 * Knobs (comma-separated): BENCH_TASKS, BENCH_MODELS, BENCH_METHODS, BENCH_SEEDS (e.g. 0-4);
 * BENCH_COPA / BENCH_BASELINE: JSON config overrides; BENCH_CONTEXT_WINDOW: a context window in
 * tokens for every method (the real-model preset always runs with the catalog's 4,096).
 */
import { writeFileSync } from 'node:fs';
import { SIMULATED_MODELS, type SimulatedModelInfo } from '../src/engines/standin/simulated-models';
import { gainLines, gainsByModelLines, gainsOverZeroShot } from './bench/gains';
import { parseContextWindow, parseList, parseOverrides, parseSeeds } from './bench/options';
import {
  comparisonLines,
  compare,
  methodTable,
  presetLine,
  summaryLine,
  targetCounts,
} from './bench/report';
import { METHODS, runMethod, type Method } from './bench/run-method';
import { loadTasks, TASK_IDS } from './bench/tasks';
import type { BenchTask, MethodRow, TaskModelResult } from './bench/types';

// Five seeds: the fewest the issue allows; with every model and task a full run took about four
// minutes on two cores (2026-11-30). BENCH_SEEDS=0-9 for tighter standard errors.
const DEFAULT_SEEDS = [0, 1, 2, 3, 4];

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${(s % 60).toString().padStart(2, '0')}s`;
}

async function main(): Promise<void> {
  const taskIds = parseList('BENCH_TASKS', process.env.BENCH_TASKS, TASK_IDS);
  const modelIds = parseList(
    'BENCH_MODELS',
    process.env.BENCH_MODELS,
    SIMULATED_MODELS.map((m) => m.id),
  );
  const methods = parseList('BENCH_METHODS', process.env.BENCH_METHODS, METHODS) as Method[];
  const seeds = parseSeeds(process.env.BENCH_SEEDS, DEFAULT_SEEDS);
  const settings = {
    copaOverrides: parseOverrides('BENCH_COPA', process.env.BENCH_COPA),
    baselineOverrides: parseOverrides('BENCH_BASELINE', process.env.BENCH_BASELINE),
    contextWindow: parseContextWindow(process.env.BENCH_CONTEXT_WINDOW),
  };
  const models = modelIds.map((id) => SIMULATED_MODELS.find((m) => m.id === id)!);
  const tasks = loadTasks(taskIds);
  if (methods.includes('copa-matched') && !methods.includes('joint-search'))
    console.log('copa-matched needs joint-search (its call budget): it is skipped.\n');

  const total = tasks.length * models.length * methods.length * seeds.length;
  const started = performance.now();
  let done = 0;
  const results: (TaskModelResult & { suite: BenchTask['suite']; wallMs: number })[] = [];
  for (const task of tasks)
    for (const model of models) {
      const t0 = performance.now();
      const rows: MethodRow[] = [];
      for (const method of methods)
        for (const seed of seeds) {
          done++;
          const joint = rows.find((r) => r.method === 'joint-search' && r.seed === seed);
          if (method === 'copa-matched' && !joint) continue;
          const row = await runMethod(task, model, method, seed, settings, joint?.lmCalls);
          rows.push(row);
          progress(done, total, started, task, model, row);
        }
      results.push({
        task: task.id,
        model: model.id,
        suite: task.suite,
        methods: rows,
        wallMs: performance.now() - t0,
      });
    }
  const wallMs = performance.now() - started;

  writeFileSync(
    'bench-results.json',
    JSON.stringify(
      {
        seeds,
        models: models.map((m) => m.id),
        tasks: results.map(({ task, model, suite, methods }) => ({ task, model, suite, methods })),
      },
      null,
      2,
    ),
  );

  console.log(
    `\nSimulated-model results (not a real LLM's), seeds ${seeds.join(', ')}: means over seeds.`,
  );
  for (const [suite, title] of [
    ['public', 'Public datasets (fixed samples)'],
    ['built-in', 'Built-in tasks'],
  ] as const) {
    const mine = results.filter((r) => r.suite === suite);
    if (mine.length === 0) continue;
    console.log(`\n=== ${title} ===`);
    for (const r of mine) {
      console.log(`\n${r.task} · ${r.model} (${minutes(r.wallMs)})`);
      for (const line of methodTable(r)) console.log(`  ${line}`);
      const c = compare(r);
      if (c) for (const line of comparisonLines(c)) console.log(`  ${line}`);
      const preset = presetLine(r);
      if (preset) console.log(`  ${preset}`);
    }
  }
  console.log('\n=== Summary: copa-matched vs the best baseline; copa calls to reach it ===');
  for (const [suite, title] of SUITES) {
    const mine = results.filter((x) => x.suite === suite);
    if (mine.length > 0) console.log(`${title}:`);
    for (const r of mine) console.log(`  ${summaryLine(r, compare(r))}`);
    if (mine.length > 0) console.log(`  ${targetCounts(mine.map(compare))}`);
  }
  console.log('\n=== Gain over zero-shot, paired by seed, mean over (task, model) ===');
  for (const [suite, title] of SUITES) {
    const lines = gainLines(
      gainsOverZeroShot(results.filter((x) => x.suite === suite).map((x) => x.methods)),
    );
    if (lines.length > 0) console.log(`${title}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log('\n=== Test gain over zero-shot by model (does a gain hold on every model?) ===');
  for (const [suite, title] of SUITES) {
    const lines = gainsByModelLines(results.filter((x) => x.suite === suite));
    if (lines.length > 0) console.log(`${title}:`);
    for (const line of lines) console.log(`  ${line}`);
  }
  console.log(`\nWrote bench-results.json. Total ${minutes(wallMs)}.`);
}

/** The two suites of the summaries, public first. */
const SUITES = [
  ['public', 'Public datasets'],
  ['built-in', 'Built-in tasks'],
] as const;

function progress(
  done: number,
  total: number,
  started: number,
  task: BenchTask,
  model: SimulatedModelInfo,
  row: MethodRow,
): void {
  process.stderr.write(
    `[${done.toString().padStart(String(total).length)}/${total} ${minutes(performance.now() - started)}] ` +
      `${task.id} · ${model.id} · ${row.method} seed ${row.seed}: test ${row.testScore.toFixed(3)}, ` +
      `${row.lmCalls} calls, ${(row.wallMs / 1000).toFixed(1)} s\n`,
  );
}

await main();
