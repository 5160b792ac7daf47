/**
 * `npm run study:selection`: how many validation examples a budget-bound COPA run should select
 * on (see src/core/optimizers/selection-set.ts). Each run gets the same call budget and selects
 * on all the validation examples, on as many as the budget rule picks, or on a fixed number
 * (a seeded sample); its program is then scored on the task's test split.
 *
 * The bench's built-in tasks have 60 validation examples, too few for the question, so this
 * study joins the validation splits the task generator makes for task seeds 1, 2 and 3 (180
 * examples); training and test examples are task seed 1's, as in the bench. Nothing here is
 * tuned to a ranking: the tasks, models and seeds are the bench's.
 * Knobs: STUDY_TASKS (ticket-routing,date-normalization), STUDY_MODELS, STUDY_SEEDS (0-9),
 * STUDY_BUDGETS (520,1000), STUDY_SIZES (comma-separated: all, rule, or a number).
 */
import { chatAdapter } from '../src/core/adapters/chat-adapter';
import { constraintFromSpec, validatorFor } from '../src/core/constraints';
import { evaluate } from '../src/core/evaluate';
import { runCopa } from '../src/core/optimizers';
import { Program } from '../src/core/program';
import { SIMULATED_MODELS } from '../src/engines/standin/simulated-models';
import { buildTask } from '../src/tasks';
import { parseList, parseSeeds } from './bench/options';

const TASKS = ['ticket-routing', 'date-normalization'];
const tasks = parseList('STUDY_TASKS', process.env.STUDY_TASKS, TASKS);
const models = parseList(
  'STUDY_MODELS',
  process.env.STUDY_MODELS,
  SIMULATED_MODELS.map((m) => m.id),
).map((id) => SIMULATED_MODELS.find((m) => m.id === id)!);
const seeds = parseSeeds(process.env.STUDY_SEEDS, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
const budgets = (process.env.STUDY_BUDGETS ?? '520,1000').split(',').map(Number);
const sizes = (process.env.STUDY_SIZES ?? 'all,rule').split(',').map((s) => s.trim());
for (const size of sizes)
  if (size !== 'all' && size !== 'rule' && !(Number(size) > 0))
    throw new Error(`STUDY_SIZES: "${size}" is not all, rule or a positive number.`);

const started = performance.now();
console.log('task · model · budget · selected on: mean test score, mean examples, mean calls');
for (const id of tasks) {
  const base = buildTask(id, 1);
  const valset = [1, 2, 3].flatMap((taskSeed) =>
    buildTask(id, taskSeed).splits.val.map((e, i) => ({ ...e, id: `seed${taskSeed}-val-${i}` })),
  );
  const constraints = base.constraints.map(constraintFromSpec);
  const task = {
    program: base.program,
    trainset: base.splits.train,
    valset,
    metric: base.metric,
    constraints,
  };
  for (const model of models)
    for (const budget of budgets)
      for (const size of sizes) {
        let test = 0;
        let calls = 0;
        let examples = 0;
        for (const seed of seeds) {
          let selected = valset.length;
          const r = await runCopa(task, {
            lm: model.create(seed),
            adapter: chatAdapter,
            config: { seed, budget: { maxCalls: budget } },
            ...(size === 'rule'
              ? {}
              : { selectionExamples: size === 'all' ? valset.length : Number(size) }),
            onEvent: (e) => {
              if (e.type === 'run-started' && e.selection) selected = e.selection.examples;
            },
          });
          const scored = await evaluate({
            program: Program.fromState(r.program),
            examples: base.splits.test,
            metric: base.metric,
            ctx: {
              lm: model.create(seed),
              adapter: chatAdapter,
              seed,
              validate: validatorFor(constraints),
            },
          });
          test += scored.score;
          calls += r.totals.calls;
          examples += selected;
        }
        const n = seeds.length;
        console.log(
          `${id} · ${model.id} · ${budget} calls · ${size}: test ${(test / n).toFixed(3)}, ` +
            `${(examples / n).toFixed(0)} of ${valset.length} examples, ${(calls / n).toFixed(0)} calls`,
        );
      }
}
console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
