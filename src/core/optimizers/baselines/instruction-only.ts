import { summarizeDataset } from '../dataset-summary';
import { proposeInstructions } from '../instruction-proposer';
import type { OptimizerResult } from '../records';
import { phaseRng, requestSeed } from '../seeds';
import type { OptimizerTask } from '../session';
import { runBaseline, type BaselineOptions } from './baseline-run';

/**
 * A COPRO-like instruction search: `cycles` rounds of `instructionCandidates` proposals, each
 * grounded only in the data summary and every earlier attempt with its score (no demos, no
 * failures), each scored on the full validation set. Demos are left as they are.
 */
export function runInstructionOnly(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('instruction-only', task, options, async (session, config, best) => {
    const summary = summarizeDataset(task.program, task.trainset);
    const history: Record<string, { instruction: string; score: number }[]> = {};
    for (const s of task.program.steps)
      history[s.name] = [{ instruction: s.signature.instruction, score: best.current.score }];
    for (let depth = 0; depth < config.cycles; depth++) {
      const start = best.current.program;
      for (const step of start.steps) {
        const proposals = await proposeInstructions(
          session,
          {
            datasetSummary: summary,
            program: start,
            predictor: step.name,
            failures: [],
            history: history[step.name] ?? [],
            hideDemos: true,
          },
          {
            count: config.instructionCandidates,
            maxInstructionChars: config.maxInstructionChars,
            seed: requestSeed(config.seed, depth, `copro:${step.name}`),
            tag: `copro${config.seed}d${depth}:${step.name}`,
          },
          phaseRng(config.seed, depth, `copro-tips:${step.name}`),
        );
        for (const text of proposals.instructions.slice(1)) {
          const program = best.current.program.withInstruction(step.name, text);
          const r = await session.score(program, task.valset);
          (history[step.name] ??= []).push({ instruction: text, score: r.score });
          best.offer({ program, score: r.score, exampleScores: r.results.map((x) => x.score) });
        }
      }
    }
  });
}
