/**
 * `npm run study:acceptance`: how often each acceptance margin would accept a change that is
 * worse on held-back data (a false accept) or reject one that is better (a false reject).
 *
 * COPA runs with the plain strict rule (margin 0) on every bench task, simulated model and
 * seed; every time a candidate is scored on the whole validation set beside the incumbent and
 * scores higher, both programs are also scored on the task's test split (held back from the
 * run). For each margin m (in standard errors of the paired validation differences) the
 * decision "accept when gain ≥ m·SE" is checked against the sign of the test difference.
 * Knobs: STUDY_TASKS, STUDY_MODELS, STUDY_SEEDS (as the bench's), STUDY_MARGINS.
 */
import { writeFileSync } from 'node:fs';
import { chatAdapter } from '../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor } from '../src/core/constraints';
import { evaluate } from '../src/core/evaluate';
import { runCopa } from '../src/core/optimizers';
import type { FullComparison } from '../src/core/optimizers/session';
import { SIMULATED_MODELS } from '../src/engines/standin/simulated-models';
import { decisionCounts, type StudiedDecision } from './bench/acceptance';
import { parseList, parseSeeds } from './bench/options';
import { loadTasks, TASK_IDS } from './bench/tasks';

const margins = (process.env.STUDY_MARGINS ?? '0,0.5,1,1.5,2').split(',').map(Number);
const seeds = parseSeeds(process.env.STUDY_SEEDS, [0, 1, 2, 3, 4]);
const tasks = loadTasks(parseList('STUDY_TASKS', process.env.STUDY_TASKS, TASK_IDS));
const models = parseList(
  'STUDY_MODELS',
  process.env.STUDY_MODELS,
  SIMULATED_MODELS.map((m) => m.id),
).map((id) => SIMULATED_MODELS.find((m) => m.id === id)!);

const decisions: StudiedDecision[] = [];
const started = performance.now();
for (const task of tasks)
  for (const model of models)
    for (const seed of seeds) {
      const constraints = task.constraints.map(constraintFromSpec);
      const seen: FullComparison[] = [];
      await runCopa(
        {
          program: task.program,
          trainset: task.splits.train,
          valset: task.splits.val,
          metric: task.metric,
          constraints,
        },
        {
          lm: model.create(seed),
          adapter: chatAdapter,
          config: { seed, acceptMargin: 0 },
          onComparison: (c) => seen.push(c),
        },
      );
      const testScore = async (program: FullComparison['candidate']): Promise<number> =>
        (
          await evaluate({
            program,
            examples: task.splits.test,
            metric: task.metric,
            ctx: {
              lm: model.create(seed),
              adapter: chatAdapter,
              seed,
              validate: validatorFor(constraints),
            },
          })
        ).score;
      for (const c of seen) {
        const diffs = c.candidateScores.map((s, i) => s - (c.incumbentScores[i] ?? 0));
        const gain = diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
        if (gain <= 0) continue;
        const testGain = (await testScore(c.candidate)) - (await testScore(c.incumbent));
        decisions.push({ task: task.id, model: model.id, seed, diffs, testGain });
      }
      process.stderr.write(
        `${task.id} · ${model.id} · seed ${seed}: ${decisions.length} decisions so far\n`,
      );
    }

console.log(
  `Acceptance study: ${decisions.length} validation gains from ${tasks.length} tasks × ${models.length} models × ${seeds.length} seeds (${Math.round((performance.now() - started) / 1000)} s).`,
);
console.log(
  'margin  accepted  false accepts  false rejects  test gain of accepted (sum, mean)  test gain rejected (sum)',
);
const rows = margins.map((m) => decisionCounts(decisions, m));
for (const r of rows)
  console.log(
    [
      `${r.margin} SE`.padEnd(7),
      String(r.accepted).padEnd(9),
      `${r.falseAccepts} (${pct(r.falseAccepts, r.accepted)})`.padEnd(14),
      `${r.falseRejects} (${pct(r.falseRejects, r.rejected)})`.padEnd(14),
      `${(r.meanAcceptedTestGain * r.accepted).toFixed(3)}, ${r.meanAcceptedTestGain.toFixed(4)}`.padEnd(
        34,
      ),
      r.rejectedTestGain.toFixed(3),
    ].join(' '),
  );
writeFileSync('acceptance-study.json', JSON.stringify({ margins: rows, decisions }, null, 2));
console.log('Wrote acceptance-study.json');

function pct(n: number, of: number): string {
  return of === 0 ? '–' : `${Math.round((100 * n) / of)}%`;
}
