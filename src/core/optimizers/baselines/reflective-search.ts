import { summarizeDataset } from '../dataset-summary';
import { failuresOf } from '../failures';
import { proposeInstructions } from '../instruction-proposer';
import type { Program } from '../../program';
import type { OptimizerResult } from '../records';
import { phaseRng, requestSeed } from '../seeds';
import type { OptimizerTask } from '../session';
import { runBaseline, type BaselineOptions } from './baseline-run';
import { compileBootstrapFewShot } from './bootstrap-fewshot';
import { paretoPick } from './pareto-pick';
import { REFLECTIVE_DEFAULTS } from './reflective-defaults';

/** One program of the pool, with its score on every validation example. */
interface PoolEntry {
  program: Program;
  exampleScores: number[];
}

/**
 * A GEPA-like reflective instruction search after BootstrapFewShot, as Ax's `optimize()` runs
 * them (the TypeScript port COPA was measured against): compile demos once, then for each trial
 * draw a parent from the pool by Pareto sampling (paretoPick), run it on a fresh minibatch of
 * training examples, show the proposer its failures there (expected and given outputs) and ask
 * for one improved instruction for one predictor (round-robin), score the child on the same
 * minibatch, and only when it is at least as good as its parent (Ax accepts ties) score it on
 * the full validation set and add it to the pool. The best pool program on validation wins.
 * The proposer sees what GEPA's reflection sees: the parent's instruction and its minibatch
 * failures with the expected outputs (up to five, as COPA's; Ax lists all twenty cases and adds
 * a critic's summary, one more call per trial), not the demos. Left out: Ax's periodic crossover
 * of two parents' instructions and its feedback memory; the Pareto set is the whole validation
 * set, as DSPy's GEPA (Ax caps it at 60 examples).
 */
export function runReflectiveSearch(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('reflective-search', task, options, async (session, config, best) => {
    const compiled = await compileBootstrapFewShot(session, task, config, `gepa${config.seed}`);
    const first = await session.score(compiled, task.valset);
    const pool: PoolEntry[] = [
      { program: compiled, exampleScores: first.results.map((r) => r.score) },
    ];
    best.offer({ program: compiled, score: first.score, exampleScores: pool[0]!.exampleScores });

    const summary = summarizeDataset(task.program, task.trainset);
    const steps = task.program.steps.map((s) => s.name);
    const trials = config.trials ?? REFLECTIVE_DEFAULTS.trials;
    const batchSize = Math.min(REFLECTIVE_DEFAULTS.minibatch, task.trainset.length);
    let stalled = 0;
    for (let t = 0; t < trials && stalled < REFLECTIVE_DEFAULTS.patience; t++) {
      const rng = phaseRng(config.seed, t + 1, 'reflect');
      const parent =
        pool[
          paretoPick(
            pool.map((p) => p.exampleScores),
            rng,
          )
        ] ?? pool[0]!;
      const step = steps[t % steps.length] ?? '';
      const batch = rng.sample(task.trainset, batchSize);
      const parentRun = await session.score(parent.program, batch);
      const failures = failuresOf(parent.program, batch, parentRun);
      const proposals = await proposeInstructions(
        session,
        {
          datasetSummary: summary,
          program: parent.program,
          predictor: step,
          failures: failures.blocks,
          history: [],
          hideDemos: true,
        },
        {
          count: 1,
          maxInstructionChars: config.maxInstructionChars,
          seed: requestSeed(config.seed, t + 1, `reflect:${step}`),
          tag: `gepa${config.seed}t${t}:${step}`,
        },
        phaseRng(config.seed, t + 1, `reflect-tips:${step}`),
      );
      const text = proposals.instructions[1];
      if (text === undefined) {
        stalled++;
        continue;
      }
      const child = parent.program.withInstruction(step, text);
      const childRun = await session.score(child, batch);
      session.emit({
        type: 'candidate-scored',
        phase: 0,
        candidateId: `trial-${t}`,
        stage: 'minibatch',
        score: childRun.score,
        examples: batch.length,
      });
      if (childRun.score < parentRun.score) {
        stalled++;
        continue;
      }
      const full = await session.score(child, task.valset);
      session.emit({
        type: 'candidate-scored',
        phase: 0,
        candidateId: `trial-${t}`,
        stage: 'full',
        score: full.score,
        examples: task.valset.length,
      });
      const exampleScores = full.results.map((r) => r.score);
      pool.push({ program: child, exampleScores });
      stalled = best.offer({ program: child, score: full.score, exampleScores }) ? 0 : stalled + 1;
    }
  });
}
