import { bootstrapDemos } from '../bootstrap';
import { withDemoSet } from '../demo-set';
import type { OptimizerResult } from '../records';
import { phaseRng, requestSeed } from '../seeds';
import type { OptimizerTask } from '../session';
import { runBaseline, type BaselineOptions } from './baseline-run';

/** DSPy's BootstrapFewShot: one bootstrap over the shuffled training set; returns what it compiled. */
export function runBootstrapFewShot(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('bootstrap-fewshot', task, options, async (session, config, best) => {
    const result = await bootstrapDemos(
      session,
      task.program,
      task.trainset,
      {
        maxBootstrappedDemos: config.maxBootstrappedDemos,
        maxLabeledDemos: config.maxLabeledDemos,
        maxRounds: config.maxRounds,
        metricThreshold: config.metricThreshold,
        seed: requestSeed(config.seed, 0, 'bootstrap'),
        tag: `bfs${config.seed}`,
      },
      phaseRng(config.seed, 0, 'bootstrap'),
    );
    session.emit({ type: 'bootstrap-progress', phase: 0, ...result.stats });
    const program = withDemoSet(task.program, result.demos);
    const scored = await session.score(program, task.valset);
    best.replace({
      program,
      score: scored.score,
      exampleScores: scored.results.map((r) => r.score),
    });
  });
}
