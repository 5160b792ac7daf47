import { metricName } from '../../core/metric-names';
import type { RunReport } from '../../worker/api';
import { stopReasonText } from '../optimize/run-view';
import { pct } from './percent';
import { budgetLimitsText } from './run-report-markdown';

/** One line of two runs side by side: what it is, each run's value, and whether they differ. */
export interface ComparisonRow {
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

/** One step's final instruction in each run (empty text where a run has no such step). */
export interface InstructionPair {
  step: string;
  a: string;
  b: string;
  differs: boolean;
}

const n = (count: number): string => count.toLocaleString('en');

/** Seconds under a minute and a half, minutes above (a stand-in run takes seconds). */
export function elapsedWords(ms: number | undefined): string {
  if (ms === undefined) return 'not recorded';
  const seconds = ms / 1000;
  if (seconds < 90) return `${seconds.toFixed(1)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

/** The start program's validation score, said with what it rests on (as the report says it). */
function startScore(r: RunReport): string {
  if (r.baselineExamples === 0) return 'not scored';
  if (r.baselineExamples !== undefined)
    return `${pct(r.baselineScore)} (on ${r.baselineExamples} examples)`;
  return pct(r.baselineScore);
}

/**
 * What a learner compares between two stored runs, each as the run's report tells it: data,
 * model, the settings, what was spent, scores, phases accepted, time, and why it stopped.
 */
export function comparisonRows(a: RunReport, b: RunReport): ComparisonRow[] {
  const rows: [string, (r: RunReport) => string][] = [
    [
      'Data',
      (r) =>
        `${r.dataset.name ?? `built-in data of ${r.dataset.task}`}${r.dataset.programEdited ? ' (edited program)' : ''}`,
    ],
    ['Model', (r) => r.model.label],
    ['Metric', (r) => (r.metricId ? metricName(r.metricId) : 'not recorded')],
    ['Seed', (r) => String(r.settings.seed)],
    ['Cycles', (r) => String(r.settings.cycles)],
    ['Starts with', (r) => (r.settings.startWith === 'compilation' ? 'demos' : 'instruction')],
    ['Demo-set candidates', (r) => String(r.settings.demoCandidates)],
    ['Instruction candidates', (r) => String(r.settings.instructionCandidates)],
    [
      'Demos at most',
      (r) =>
        `${r.settings.maxBootstrappedDemos} bootstrapped, ${r.settings.maxLabeledDemos} labeled, ${n(r.settings.demoTokenBudget)} tokens`,
    ],
    ['Minibatch', (r) => String(r.settings.minibatchSize)],
    ['Acceptance margin', (r) => `${r.settings.acceptMargin} SE`],
    ['Budget', (r) => budgetLimitsText(r.settings.budget) || 'no limit'],
    ['Model calls', (r) => `${n(r.totals.calls)} (${n(r.totals.cachedCalls)} more from the cache)`],
    ['Tokens', (r) => n(r.totals.promptTokens + r.totals.completionTokens)],
    ['Validation, start program', startScore],
    [
      'Validation, final program',
      // A run stopped before any program was scored has a bestScore of 0 that means nothing.
      (r) =>
        r.baselineExamples === 0 && r.bestScore <= r.baselineScore
          ? 'not scored'
          : r.bestExamples !== undefined
            ? `the start program, kept: ${startScore(r)}`
            : pct(r.bestScore),
    ],
    // The date of the evaluation is left out: two runs are never evaluated at the same minute.
    [
      'Test, start program',
      (r) =>
        r.evaluation
          ? `${pct(r.evaluation.baseline)} (on ${n(r.evaluation.examples)} examples)`
          : 'not evaluated',
    ],
    [
      'Test, final program',
      (r) =>
        r.evaluation
          ? r.evaluation.optimized === null
            ? 'not scored'
            : `${pct(r.evaluation.optimized)} (on ${n(r.evaluation.examples)} examples)`
          : 'not evaluated',
    ],
    [
      'Phases accepted',
      (r) => `${r.phases.filter((p) => p.accepted).length} of ${r.phases.length}`,
    ],
    ['Time taken', (r) => elapsedWords(r.totals.wallMs)],
    [
      'Why it stopped',
      (r) =>
        r.stopReason === null
          ? 'not ended (can be resumed)'
          : stopReasonText(r.stopReason, null, r.settings.minImprovement),
    ],
  ];
  return rows.map(([label, of]) => {
    const [x, y] = [of(a), of(b)];
    return { label, a: x, b: y, differs: x !== y };
  });
}

/** The final instruction of every step either run's program has, by step name. */
export function instructionPairs(a: RunReport, b: RunReport): InstructionPair[] {
  const of = (r: RunReport, step: string): string =>
    r.program.steps.find((s) => s.name === step)?.signature.instruction ?? '';
  const steps = [...new Set([...a.program.steps, ...b.program.steps].map((s) => s.name))];
  return steps.map((step) => {
    const [x, y] = [of(a, step), of(b, step)];
    return { step, a: x, b: y, differs: x !== y };
  });
}
