import { BootstrapSession } from '../bootstrap';
import { buildDemoCandidates } from '../demo-candidates';
import { withDemoSet } from '../demo-set';
import type { OptimizerResult } from '../records';
import { phaseRng, requestSeed } from '../seeds';
import type { OptimizerTask } from '../session';
import { runBaseline, type BaselineOptions } from './baseline-run';

/**
 * DSPy's BootstrapFewShotWithRandomSearch: `demoCandidates` demo sets (empty, labeled-only,
 * unshuffled and shuffled bootstraps), each scored on the full validation set; the best wins.
 */
export function runRandomSearch(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('random-search', task, options, async (session, config, best) => {
    const boot = new BootstrapSession(
      session,
      task.program,
      {
        maxBootstrappedDemos: config.maxBootstrappedDemos,
        maxLabeledDemos: config.maxLabeledDemos,
        maxRounds: config.maxRounds,
        metricThreshold: config.metricThreshold,
        seed: requestSeed(config.seed, 0, 'bootstrap'),
        tag: `rs${config.seed}`,
      },
      task.trainset,
      phaseRng(config.seed, 0, 'teacher'),
    );
    const sets = await buildDemoCandidates(
      boot,
      task.program,
      task.trainset,
      {
        count: config.demoCandidates,
        maxBootstrappedDemos: config.maxBootstrappedDemos,
        maxLabeledDemos: config.maxLabeledDemos,
      },
      phaseRng(config.seed, 0, 'demo-sets'),
    );
    for (const set of sets) {
      const program = withDemoSet(task.program, set.demos);
      const r = await session.score(program, task.valset);
      session.emit({
        type: 'candidate-scored',
        phase: 0,
        candidateId: set.id,
        stage: 'full',
        score: r.score,
        examples: task.valset.length,
      });
      best.offer({ program, score: r.score, exampleScores: r.results.map((x) => x.score) });
    }
  });
}
