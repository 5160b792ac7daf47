import { finalistOutcomeWords } from './finalist-words';
import { metricName } from '../../core/metric-names';
import type { CandidateRecord, PhaseRecord } from '../../core/optimizers/records';
import type { ValidationSample } from '../../core/optimizers/selection-set';
import type { RunReport } from '../../worker/api';
import { decisionScoresWords, DROP_WORDS, stopReasonText } from '../optimize/run-view';
import { PHASE_TITLE } from '../optimize/phase-words';
import { markdownInline as inline, markdownQuote as quote } from './neutral-text';
import { budgetFitWords } from './budget-fit-words';
import { exportSlug } from '../../core/interop/dataset/task-naming';
import { pct } from './percent';
import { validationSampleWords } from './validation-sample-words';
import { countWords } from './count-words';

/** Counts grouped by thousands, as the app shows them (481,793 tokens). */
const n = (count: number): string => count.toLocaleString('en');

export type RunReportFormat = 'markdown' | 'json';

/** The report as a file to save: Markdown to read or paste, JSON to process. */
export function runReportFile(
  report: RunReport,
  format: RunReportFormat,
): { fileName: string; mimeType: string; text: string } {
  // Named after the run's task, as the other exports are ("clinc150-….dspy.json"): reports of
  // runs on several datasets would otherwise differ only by the minute they started.
  const base = `copa-run-${exportSlug(report.name)}-${report.createdAt.slice(0, 16).replace(/[^0-9T]/g, '-')}`;
  return format === 'markdown'
    ? { fileName: `${base}.md`, mimeType: 'text/markdown', text: runReportMarkdown(report) }
    : {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        text: `${JSON.stringify(report, null, 2)}\n`,
      };
}

/**
 * A run report as Markdown, for reading or pasting into a note or an issue: the setup, each
 * phase's candidates and decision, and the program the run ended with. Dataset text and model
 * output are written as text (table cells and quotes are escaped), never as markup to render.
 */
export function runReportMarkdown(report: RunReport): string {
  const s = report.settings;
  const lines: string[] = [
    `# COPA run: ${inline(report.name)}`,
    '',
    `- **Model:** ${inline(report.model.label)}`,
    ...(report.model.standIn
      ? ['- **These are stand-in results:** a simulated model answered, not a real language model.']
      : []),
    `- **Data:** ${inline(report.dataset.name ?? `built-in data of ${report.dataset.task}`)}${report.dataset.programEdited ? ' (with an edited program)' : ''}`,
    ...(report.data
      ? [
          `- **Data fingerprint:** \`${report.data.fingerprint}\` over ${report.data.trainExamples} training, ${report.data.validationExamples} validation and ${report.data.testExamples} test examples (the same examples in the same order give the same fingerprint)`,
        ]
      : []),
    ...(report.appBuild ? [`- **App build:** ${inline(report.appBuild)}`] : []),
    `- **Status:** ${report.status}; started ${report.createdAt}, last saved ${report.updatedAt}`,
    `- **Settings:** seed ${s.seed}, ${s.cycles} cycles starting with ${s.startWith}, ${s.demoCandidates} demo-set candidates, ${s.instructionCandidates} instruction candidates, up to ${s.maxBootstrappedDemos} bootstrapped and ${s.maxLabeledDemos} labeled demos in ${s.demoTokenBudget} tokens, minibatch ${s.minibatchSize}, acceptance margin ${s.acceptMargin} SE${budgetWords(report)}`,
    `- **Validation score:** ${validationScoreWords(report)}${report.selection ? `, on ${validationSampleWords(report.selection)}` : ''}`,
    ...(testScoreWords(report) ? [`- **Test score:** ${testScoreWords(report)}`] : []),
    ...(report.metricId ? [`- **Metric:** ${metricName(report.metricId)}`] : []),
    `- **Why it stopped:** ${report.stopReason === null ? 'it has not ended; it can be resumed from the Library.' : stopReasonText(report.stopReason, null, s.minImprovement)}`,
    `- **Cost:** ${n(report.totals.calls)} model calls (${n(report.totals.cachedCalls)} more answered from the cache), ${n(report.totals.promptTokens + report.totals.completionTokens)} tokens`,
  ];
  if (report.error)
    lines.push(`- **Error:** ${report.error.name}: ${inline(report.error.message)}`);
  for (const phase of report.phases) lines.push('', ...phaseSection(phase, report.selection));
  lines.push(...cutPhaseLines(report));
  lines.push('', '## The program it ended with');
  for (const step of report.program.steps) {
    lines.push(
      '',
      `### Step “${inline(step.name)}”`,
      '',
      'Instruction:',
      '',
      quote(step.signature.instruction),
    );
    const outputs = step.signature.outputs.map((f) => f.name);
    lines.push('', `Demos (${step.demos.length}):`);
    if (step.demos.length === 0) lines.push('', 'none');
    else
      lines.push(
        '',
        ...step.demos.map(
          (d) => `- ${demoLine(d.data, outputs)}${d.augmented ? ' (bootstrapped)' : ' (labeled)'}`,
        ),
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The start and end scores; the start program is scored in full only when a decision needs it,
 * so its score may rest on a minibatch, or on nothing yet.
 */
function validationScoreWords(report: RunReport): string {
  const end = `${pct(report.bestScore)} at the end`;
  // A finalist the cut phase had proved better is what such a run returns (copa.ts): its score
  // is the end's, as on Optimize ("best 96.0%"), where the report said only "none yet".
  if (report.baselineExamples === 0)
    return report.bestScore > report.baselineScore
      ? `not scored at the start (the run stopped before a phase had scored the starting program), ${end}`
      : 'none yet: the run stopped before a phase scored the starting program';
  if (report.bestExamples !== undefined)
    return `${pct(report.baselineScore)} at the start (on ${report.bestExamples} validation examples: no candidate beat it there, so it was not scored in full), and the starting program at the end`;
  if (report.baselineExamples !== undefined)
    return `${pct(report.baselineScore)} at the start (on ${report.baselineExamples} validation examples: a candidate was clearly ahead of it there, so it was not scored in full), ${end}`;
  return `${pct(report.baselineScore)} at the start, ${end}`;
}

function budgetWords(report: RunReport): string {
  const limits = budgetLimitsText(report.settings.budget);
  return limits ? `, budget ${limits}` : '';
}

/** A run's budget as "300 calls / 20000 tokens / 60 s" (empty when it has no limit). */
export function budgetLimitsText(b: RunReport['settings']['budget']): string {
  return [
    b.maxCalls !== undefined ? `${b.maxCalls} calls` : '',
    b.maxTokens !== undefined ? `${b.maxTokens} tokens` : '',
    b.maxWallMs !== undefined ? `${Math.round(b.maxWallMs / 1000)} s` : '',
  ]
    .filter((p) => p !== '')
    .join(' / ');
}

/** The test-set scores kept with a run, in words (null when it was never evaluated). */
export function testScoreWords(report: RunReport): string | null {
  const e = report.evaluation;
  if (!e) return null;
  const end =
    e.optimized === null ? 'the program found not scored' : `${pct(e.optimized)} at the end`;
  return `${pct(e.baseline)} at the start, ${end} (on ${n(e.examples)} test examples, ${e.evaluatedAt.slice(0, 16).replace('T', ' ')})`;
}

/**
 * The phase a budget or a cancel cut short: a phase is recorded when it finishes, so it has no
 * section, and the phases' costs did not add up to the run's with nothing said of the rest.
 */
function cutPhaseLines(report: RunReport): string[] {
  if (report.stopReason !== 'budget' && report.stopReason !== 'cancelled') return [];
  const outside = report.totals.calls - report.phases.reduce((sum, p) => sum + p.costs.calls, 0);
  if (outside <= 0) return [];
  const index = report.phases.length;
  return [
    '',
    `## Phase ${index + 1} · cycle ${Math.floor(index / 2) + 1} — stopped before it finished`,
    '',
    `${countWords(outside, 'model call')} of the cost above are in no phase listed here: the run stopped inside this phase, and a phase is recorded only when it finishes, so its candidates are not listed.`,
  ];
}

function phaseSection(phase: PhaseRecord, selection: ValidationSample | undefined): string[] {
  const lines = [
    `## Phase ${phase.index + 1} · cycle ${phase.cycle + 1} · ${PHASE_TITLE[phase.kind]} — ${phase.accepted ? 'improved' : 'kept the current program'}`,
    '',
    `${inline(phase.decision)} (${decisionScoresWords(
      {
        accepted: phase.accepted,
        score: phase.scoreAfter,
        incumbentScore: phase.scoreBefore,
        incumbentExamples: phase.scoreBeforeExamples,
      },
      selection,
    )})`,
    '',
    `| Candidate | Minibatch | ${selection ? 'Validation sample' : 'Full set'} | Outcome |`,
    '| --- | --- | --- | --- |',
    ...phase.candidates.map(
      (c) =>
        `| ${inline(c.label)} | ${pct(c.minibatchScore)} | ${pct(c.fullScore)} | ${outcome(phase, c)} |`,
    ),
  ];
  if (phase.bootstrap)
    lines.push(
      '',
      `Bootstrapping: ${phase.bootstrap.successes} of ${phase.bootstrap.attempts} attempts passed the metric.`,
    );
  const winner = phase.candidates.find((c) => c.id === phase.winner);
  if (phase.accepted && winner?.instructions)
    for (const [step, text] of Object.entries(winner.instructions))
      lines.push('', `New instruction of “${inline(step)}”:`, '', quote(text));
  if (phase.fit) lines.push('', budgetFitWords(phase.fit));
  lines.push('', `Handed to the next phase: ${inline(phase.insight)}`);
  const c = phase.costs;
  lines.push(
    '',
    `Cost: ${n(c.calls)} model calls${phase.plannedCalls !== undefined ? ` (planned ${n(phase.plannedCalls)})` : ''}, ${n(c.cachedCalls)} more from the cache, ${n(c.promptTokens + c.completionTokens)} tokens, ${phase.constraintViolations} broken ${phase.constraintViolations === 1 ? 'rule' : 'rules'} retried.`,
  );
  return lines;
}

function outcome(phase: PhaseRecord, c: CandidateRecord): string {
  if (phase.accepted && phase.winner === c.id) return '**accepted**';
  if (c.dropped) return c.dropReason ? DROP_WORDS[c.dropReason] : 'dropped';
  if (c.kind === 'incumbent') return 'current program';
  if (c.fullScore === null) return 'not a finalist';
  return finalistOutcomeWords(c.fullScore, {
    accepted: phase.accepted,
    score: phase.scoreAfter,
    incumbentScore: phase.scoreBefore,
  });
}

function demoLine(data: Readonly<Record<string, unknown>>, outputs: readonly string[]): string {
  const part = (names: string[]): string =>
    names.map((n) => `${inline(n)}: ${inline(clipped(valueText(data[n])))}`).join('; ');
  const inputs = Object.keys(data).filter((n) => !outputs.includes(n));
  return `${part(inputs)} → ${part(outputs.filter((n) => Object.hasOwn(data, n)))}`;
}

/** A demo value as text: strings as they are, anything else (including hostile shapes) as JSON. */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clipped(text: string): string {
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
