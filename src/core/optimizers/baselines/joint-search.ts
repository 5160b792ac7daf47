import { summarizeDataset } from '../dataset-summary';
import { withDemoSet } from '../demo-set';
import { proposeInstructions } from '../instruction-proposer';
import type { Program } from '../../program';
import type { OptimizerResult } from '../records';
import { phaseRng, requestSeed } from '../seeds';
import type { OptimizerTask } from '../session';
import { baselineDemoSets, runBaseline, type BaselineOptions } from './baseline-run';

/**
 * A MIPRO-like joint search: bootstrap demo sets once, propose instructions once (grounded in
 * the data summary and the bootstrapped demos), then try `trials` random (instruction, demo
 * set) combinations, each on its own random minibatch as MIPRO does, and score the three best
 * by minibatch on the full validation set.
 */
export function runJointSearch(
  task: OptimizerTask,
  options: BaselineOptions,
): Promise<OptimizerResult> {
  return runBaseline('joint-search', task, options, async (session, config, best) => {
    const sets = await baselineDemoSets(session, task, config, `mipro${config.seed}`);
    const shown = sets.find((s) => s.kind === 'bootstrap') ?? sets[0];
    const grounded = shown ? withDemoSet(task.program, shown.demos) : task.program;
    const summary = summarizeDataset(task.program, task.trainset);
    const instructions: Record<string, string[]> = {};
    for (const step of task.program.steps) {
      const p = await proposeInstructions(
        session,
        {
          datasetSummary: summary,
          program: grounded,
          predictor: step.name,
          failures: [],
          history: [],
        },
        {
          count: config.instructionCandidates,
          maxInstructionChars: config.maxInstructionChars,
          seed: requestSeed(config.seed, 0, `mipro:${step.name}`),
          tag: `mipro${config.seed}:${step.name}`,
        },
        phaseRng(config.seed, 0, `mipro-tips:${step.name}`),
      );
      instructions[step.name] = p.instructions;
    }
    const width = Math.max(1, ...Object.values(instructions).map((l) => l.length));
    const combos: [number, number][] = [];
    for (let i = 0; i < width; i++) for (let j = 0; j < sets.length; j++) combos.push([i, j]);
    const rng = phaseRng(config.seed, 0, 'trials');
    const trials = rng.sample(combos, config.trials ?? config.demoCandidates * 2);
    const batchSize = Math.min(config.minibatchSize, task.valset.length);
    const tried: { program: Program; score: number }[] = [];
    for (const [t, [i, j]] of trials.entries()) {
      let program = withDemoSet(task.program, sets[j]?.demos ?? {});
      for (const step of task.program.steps) {
        const list = instructions[step.name] ?? [];
        program = program.withInstruction(step.name, list[i] ?? step.signature.instruction);
      }
      const batch = rng.fork(`batch-${t}`).sample(task.valset, batchSize);
      const r = await session.score(program, batch);
      session.emit({
        type: 'candidate-scored',
        phase: 0,
        candidateId: `trial-${t}`,
        stage: 'minibatch',
        score: r.score,
        examples: batch.length,
      });
      tried.push({ program, score: r.score });
    }
    const top = tried
      .map((x, k) => ({ ...x, k }))
      .sort((a, b) => b.score - a.score || a.k - b.k)
      .slice(0, 3);
    for (const c of top) {
      const r = await session.score(c.program, task.valset);
      session.emit({
        type: 'candidate-scored',
        phase: 0,
        candidateId: `trial-${c.k}`,
        stage: 'full',
        score: r.score,
        examples: task.valset.length,
      });
      best.offer({
        program: c.program,
        score: r.score,
        exampleScores: r.results.map((x) => x.score),
      });
    }
  });
}
