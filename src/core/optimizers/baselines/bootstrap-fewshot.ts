import { bootstrapDemos } from '../bootstrap';
import { withDemoSet } from '../demo-set';
import type { Program } from '../../program';
import type { OptimizerResult } from '../records';
import { phaseRng } from '../seeds';
import type { OptimizerSession, OptimizerTask } from '../session';
import {
  baselineBootstrap,
  runBaseline,
  type BaselineConfig,
  type BaselineOptions,
} from './baseline-run';

/** DSPy's BootstrapFewShot: one bootstrap over the shuffled training set; returns what it compiled. */
export function runBootstrapFewShot(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('bootstrap-fewshot', task, options, async (session, config, best) => {
    const program = await compileBootstrapFewShot(session, task, config, `bfs${config.seed}`);
    const scored = await session.score(program, task.valset);
    best.replace({
      program,
      score: scored.score,
      exampleScores: scored.results.map((r) => r.score),
    });
  });
}

/**
 * The program with the demos one BootstrapFewShot walk collects (what the reflective search
 * starts from too); `tag` keeps each baseline's samples its own.
 */
export async function compileBootstrapFewShot(
  session: OptimizerSession,
  task: OptimizerTask,
  config: BaselineConfig,
  tag: string,
): Promise<Program> {
  const result = await bootstrapDemos(
    session,
    task.program,
    task.trainset,
    baselineBootstrap(config, tag),
    phaseRng(config.seed, 0, 'bootstrap'),
  );
  session.emit({ type: 'bootstrap-progress', phase: 0, ...result.stats });
  return withDemoSet(task.program, result.demos);
}
