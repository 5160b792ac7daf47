import { withDemoSet } from '../demo-set';
import type { OptimizerResult } from '../records';
import type { OptimizerTask } from '../session';
import { baselineDemoSets, runBaseline, type BaselineOptions } from './baseline-run';

/**
 * DSPy's BootstrapFewShotWithRandomSearch: `demoCandidates` demo sets (empty, labeled-only,
 * unshuffled and shuffled bootstraps), each scored on the full validation set; the best wins.
 */
export function runRandomSearch(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('random-search', task, options, async (session, config, best) => {
    const sets = await baselineDemoSets(session, task, config, `rs${config.seed}`);
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
