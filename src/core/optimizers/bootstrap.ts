import { isFatalError } from '../errors';
import { pickFields, type Demo, type Example } from '../example';
import type { Program } from '../program';
import { runProgram, type TraceStep } from '../run-program';
import type { Rng } from '../rng';
import { demosFromTrace, fitDemoBudget, labeledDemo, type DemoSet } from './demo-set';
import { coverageSample, interleaveByLabel, type LabelKey } from './label-coverage';
import type { OptimizerSession } from './session';

export interface BootstrapSettings {
  maxBootstrappedDemos: number;
  maxLabeledDemos: number;
  /** Attempts per example; rounds after the first sample at temperature 1 with a new rollout id and seed. */
  maxRounds: number;
  /** A trace passes when the metric reaches this score (default 1). */
  metricThreshold: number;
  /** Base of the request seeds of re-sampling rounds and of the rollout ids. */
  seed: number;
  /** Distinguishes rollout ids of different phases/runs. */
  tag: string;
  /**
   * A walk stops after this many failed attempts in a row (default: never, as DSPy). When the
   * teacher solves almost nothing, more attempts buy almost nothing; labeled demos fill in.
   */
  patience?: number;
  /** Spread bootstrapped and labeled demos over the labels (see label-coverage.ts). */
  labelKey?: LabelKey;
  /** Estimated tokens all demos of one predictor may take (default: no limit). */
  demoTokenBudget?: number;
}

export interface BootstrapStats {
  /** Example attempts made by this walk (one per example per round). */
  attempts: number;
  /** Examples whose trace passed the metric and the constraints. */
  successes: number;
}

export interface BootstrapResult {
  demos: DemoSet;
  stats: BootstrapStats;
  /** Ids of the examples whose traces became demos. */
  bootstrappedIds: string[];
}

interface Outcome {
  trace: TraceStep[] | null;
  rounds: number;
}

/**
 * BootstrapFewShot's teacher and its memory for one phase. The teacher is the current program
 * (its instruction kept) with up to maxLabeledDemos labeled demos, never including the example
 * being worked on. Each example is tried once per phase; walks in different orders (the
 * demo-set candidates) share the outcomes, so extra candidates cost no extra model calls.
 */
export class BootstrapSession {
  private readonly outcomes = new Map<string, Promise<Outcome>>();
  private readonly teacherExamples: Example[];
  private readonly teacher: Program;
  readonly totals: BootstrapStats = { attempts: 0, successes: 0 };

  constructor(
    private readonly session: OptimizerSession,
    private readonly program: Program,
    private readonly settings: BootstrapSettings,
    trainset: readonly Example[],
    rng: Rng,
  ) {
    const keyOf = settings.labelKey;
    this.teacherExamples = keyOf
      ? coverageSample(trainset, settings.maxLabeledDemos, rng, keyOf)
      : rng.sample(trainset, settings.maxLabeledDemos);
    this.teacher = this.teacherWithout(null);
  }

  /**
   * Walks `order` until `maxDemos` traces pass, then fills up to maxLabeledDemos with labeled
   * demos sampled (by `rng`) from the training examples that were not bootstrapped.
   */
  async walk(
    order: readonly Example[],
    maxDemos: number,
    rng: Rng,
    onProgress?: (stats: BootstrapStats) => void,
  ): Promise<BootstrapResult> {
    const stats: BootstrapStats = { attempts: 0, successes: 0 };
    const demos: DemoSet = {};
    for (const s of this.program.steps) demos[s.name] = [];
    const bootstrapped: string[] = [];
    const covered = new Set<string>();
    const keyOf = this.settings.labelKey;
    const walkOrder = keyOf ? interleaveByLabel(order, keyOf) : order;
    const patience = this.settings.patience ?? Infinity;
    let failuresInARow = 0;
    for (const example of walkOrder) {
      if (bootstrapped.length >= maxDemos || failuresInARow >= patience) break;
      const key = keyOf?.(example) ?? null;
      const outcome = await this.tryExample(example);
      stats.attempts += outcome.rounds;
      if (outcome.trace) {
        stats.successes++;
        failuresInARow = 0;
        bootstrapped.push(example.id);
        if (key !== null) covered.add(key);
        for (const [name, list] of Object.entries(demosFromTrace(outcome.trace, example.id)))
          (demos[name] ??= []).push(...list);
      } else failuresInARow++;
      onProgress?.(stats);
    }
    const used = new Set(bootstrapped);
    const rest = order.filter((e) => !used.has(e.id));
    const fill = Math.min(this.settings.maxLabeledDemos - bootstrapped.length, rest.length);
    if (fill > 0) {
      const picked = this.labeledFill(rest, fill, rng, covered);
      for (const s of this.program.steps) {
        const list = demos[s.name] ?? [];
        for (const e of picked) {
          const d = labeledDemo(s, e);
          if (d) list.push(d);
        }
        demos[s.name] = list;
      }
    }
    for (const name of Object.keys(demos))
      demos[name] = fitDemoBudget(demos[name] ?? [], this.settings.demoTokenBudget);
    return { demos, stats, bootstrappedIds: bootstrapped };
  }

  /** Labeled demos to fill up with: random, and with labels the bootstrap did not show first. */
  private labeledFill(
    rest: readonly Example[],
    fill: number,
    rng: Rng,
    covered: ReadonlySet<string>,
  ): Example[] {
    const keyOf = this.settings.labelKey;
    if (!keyOf) return rng.sample(rest, fill);
    const spread = interleaveByLabel(rng.shuffle(rest), keyOf);
    const isNew = (e: Example): boolean => {
      const key = keyOf(e);
      return key !== null && !covered.has(key);
    };
    return [...spread.filter(isNew), ...spread.filter((e) => !isNew(e))].slice(0, fill);
  }

  private tryExample(example: Example): Promise<Outcome> {
    let outcome = this.outcomes.get(example.id);
    if (!outcome) {
      outcome = this.attempt(example);
      this.outcomes.set(example.id, outcome);
    }
    return outcome;
  }

  private async attempt(example: Example): Promise<Outcome> {
    const teacher = this.teacherExamples.some((e) => e.id === example.id)
      ? this.teacherWithout(example.id)
      : this.teacher;
    const inputs = pickFields(example.data, this.program.inputFields);
    for (let round = 0; round < this.settings.maxRounds; round++) {
      this.totals.attempts++;
      // Round 0 is the plain greedy call (shared with evaluation); later rounds ask for a
      // fresh sample: temperature 1, a new rollout id and a different request seed.
      const fresh =
        round === 0
          ? { maxRetries: 0 }
          : {
              maxRetries: 0,
              temperature: 1,
              rolloutId: `${this.settings.tag}:round${round}`,
              seed: (this.settings.seed + round * 7919) >>> 0,
            };
      try {
        const context = this.session.context(fresh);
        const run = await runProgram(teacher, inputs, context);
        const score = await this.session.metric(example, run.prediction, run.trace, context);
        if (score >= this.settings.metricThreshold) {
          this.totals.successes++;
          return { trace: run.trace, rounds: round + 1 };
        }
      } catch (err) {
        // A parse failure or a constraint violation is a failed attempt; abort/budget stop all.
        if (isFatalError(err)) throw err;
      }
    }
    return { trace: null, rounds: this.settings.maxRounds };
  }

  private teacherWithout(exampleId: string | null): Program {
    let teacher = this.program;
    const examples = this.teacherExamples.filter((e) => e.id !== exampleId);
    for (const s of this.program.steps) {
      const demos = examples.map((e) => labeledDemo(s, e)).filter((d): d is Demo => d !== null);
      teacher = teacher.withDemos(s.name, fitDemoBudget(demos, this.settings.demoTokenBudget));
    }
    return teacher;
  }
}

/**
 * BootstrapFewShot on its own: walks the shuffled training set with the current program as
 * teacher and returns the demos per predictor plus attempt statistics.
 */
export async function bootstrapDemos(
  session: OptimizerSession,
  program: Program,
  trainset: readonly Example[],
  settings: BootstrapSettings,
  rng: Rng,
): Promise<BootstrapResult> {
  const boot = new BootstrapSession(session, program, settings, trainset, rng.fork('teacher'));
  return boot.walk(
    rng.fork('order').shuffle(trainset),
    settings.maxBootstrappedDemos,
    rng.fork('fill'),
  );
}
