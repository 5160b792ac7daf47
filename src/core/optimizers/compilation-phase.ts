import { BootstrapSession } from './bootstrap';
import { buildDemoCandidates } from './demo-candidates';
import { demoCounts, demosOf, withDemoSet } from './demo-set';
import { labelKeyOf } from './label-coverage';
import { focusFirst, noGainText, type Insight } from './insight';
import type { PhaseContext, PhaseOutcome } from './phase-context';
import type { CandidateRecord } from './records';
import { phaseRecord, phaseStart, selectForPhase } from './phase-steps';
import type { Candidate } from './candidate-pool';
import { beforeScoreWords, pct } from './selection';
import { phaseRng, requestSeed } from './seeds';

/**
 * The compilation phase: BootstrapFewShot with the current program (current instruction) as
 * teacher, demo-set candidates, and paired selection on validation.
 */
export async function runCompilationPhase(ctx: PhaseContext): Promise<PhaseOutcome> {
  const { session, task, config, index, incumbent } = ctx;
  const start = phaseStart(ctx);
  const labelKey = labelKeyOf(incumbent.program);
  const boot = new BootstrapSession(
    session,
    incumbent.program,
    {
      maxBootstrappedDemos: config.maxBootstrappedDemos,
      maxLabeledDemos: config.maxLabeledDemos,
      maxRounds: config.maxRounds,
      metricThreshold: config.metricThreshold,
      seed: requestSeed(config.seed, index, 'bootstrap'),
      tag: `s${config.seed}p${index}`,
      patience: config.bootstrapPatience,
      labelKey,
      demoTokenBudget: config.demoTokenBudget,
    },
    task.trainset,
    phaseRng(config.seed, index, 'teacher'),
  );
  // Knowledge transfer: examples the program failed last phase are tried first, and may be
  // added to the demos that won before.
  const focusIds = ctx.insight?.focusIds ?? [];
  const order = focusFirst(task.trainset, focusIds);
  const focus = new Set(focusIds);
  const demoSets = await buildDemoCandidates(
    boot,
    incumbent.program,
    order,
    {
      count: config.demoCandidates,
      maxBootstrappedDemos: config.maxBootstrappedDemos,
      maxLabeledDemos: config.maxLabeledDemos,
      labelKey,
      demoTokenBudget: config.demoTokenBudget,
      extend: {
        current: demosOf(incumbent.program),
        failing: task.trainset.filter((e) => focus.has(e.id)),
      },
    },
    phaseRng(config.seed, index, 'demo-sets'),
    (stats) => session.emit({ type: 'bootstrap-progress', phase: index, ...stats }),
  );

  // Bootstrapping has shown the run's pace: the selection is sized again to the budget left,
  // keeping the first demo sets (the extended set, when there is one, comes first).
  const selection = ctx.replanSelection?.() ?? config;
  const kept = demoSets.slice(0, selection.demoCandidates);
  const candidates: Candidate[] = kept.map((d) => {
    const record: CandidateRecord = {
      id: d.id,
      label: d.label,
      kind: 'demos',
      demoCounts: demoCounts(d.demos),
      demos: d.demos,
      minibatchScore: null,
      minibatchExamples: 0,
      fullScore: null,
      dropped: false,
    };
    session.emit({ type: 'candidate-proposed', phase: index, candidate: record });
    return { record, program: withDemoSet(incumbent.program, d.demos) };
  });

  const outcome = await selectForPhase({ ...ctx, config: selection }, candidates);

  const { attempts, successes } = boot.totals;
  const demos = demosOf(outcome.incumbent.program);
  const total = Object.values(demos).reduce((a, d) => a + d.length, 0);
  const augmented = Object.values(demos).reduce(
    (a, d) => a + d.filter((x) => x.augmented).length,
    0,
  );
  const winner = candidates.find((c) => c.record.id === outcome.winnerId);
  const text = [
    `Bootstrapping with the current instruction passed ${successes} of ${attempts} training attempts.`,
    outcome.accepted && winner
      ? `The "${winner.record.label}" demo set raised validation from ${beforeScoreWords(outcome.before)} to ${pct(outcome.incumbent.score)}${outcome.before.examples ? ` on ${outcome.setWords}` : ''}; the program now shows ${total} demos (${augmented} bootstrapped).`
      : `${noGainText('demo set', outcome)}; the demos stay as they were.`,
    successes === 0
      ? 'The teacher solved no training example: the instruction needs work first.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const insight: Insight = { phase: index, kind: 'compilation', text, focusIds: [] };

  return {
    incumbent: outcome.incumbent,
    before: outcome.before,
    insight,
    record: {
      ...phaseRecord(ctx, 'compilation', candidates, outcome, text, start),
      bootstrap: { attempts, successes },
    },
  };
}
