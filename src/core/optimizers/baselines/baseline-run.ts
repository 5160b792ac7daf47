import type { JsonObject } from '../../json';
import { BootstrapSession, type BootstrapSettings } from '../bootstrap';
import { buildDemoCandidates, type DemoSetCandidate } from '../demo-candidates';
import { phaseRng, requestSeed } from '../seeds';
import type { Program } from '../../program';
import { resolveCopaConfig, type CopaConfig } from '../copa-config';
import { estimateBaselineCost, type BaselineMethod } from '../cost-estimate';
import type { OptimizerResult, StopReason } from '../records';
import type { Incumbent } from '../candidate-pool';
import { OptimizerSession, type OptimizerRunOptions, type OptimizerTask } from '../session';

/** Settings of the baselines: COPA's settings plus the joint search's trial count. */
export type BaselineConfig = CopaConfig & { trials?: number };

/**
 * Where the baselines' settings differ from COPA's defaults. They keep the six demo sets they
 * were measured with (random search scores each in full; the joint search tries twice as many
 * pairings), so a change of COPA's default never moves the baselines it is judged against.
 */
export const BASELINE_DEFAULTS: Readonly<Partial<BaselineConfig>> = Object.freeze({
  demoCandidates: 6,
});

export interface BaselineOptions extends OptimizerRunOptions {
  config?: Partial<BaselineConfig>;
}

/** Holds the best program so far; the learning curve follows it. */
export class BestTracker {
  constructor(
    private readonly session: OptimizerSession,
    public current: Incumbent,
  ) {}

  /** Takes the candidate only on a strict improvement of the full validation score. */
  offer(candidate: Incumbent): boolean {
    const better = candidate.score > this.current.score;
    if (better) this.current = candidate;
    this.session.recordBest(this.current.score);
    return better;
  }

  /** Takes the candidate whatever its score (BootstrapFewShot returns what it compiled). */
  replace(candidate: Incumbent): void {
    this.current = candidate;
    this.session.recordBest(candidate.score);
  }
}

/**
 * Runs a baseline body with COPA's plumbing: cached and metered model, constraints, baseline
 * evaluation, events, and a result with the best so far on budget or cancel.
 */
export async function runBaseline(
  method: BaselineMethod,
  task: OptimizerTask,
  options: BaselineOptions,
  body: (session: OptimizerSession, config: BaselineConfig, best: BestTracker) => Promise<void>,
): Promise<OptimizerResult> {
  const config: BaselineConfig = {
    ...resolveCopaConfig({ ...BASELINE_DEFAULTS, ...options.config }),
    ...(options.config?.trials !== undefined ? { trials: options.config.trials } : {}),
  };
  const session = new OptimizerSession(task, options, {
    budget: config.budget,
    maxRetries: config.maxRetries,
  });
  session.emit({
    type: 'run-started',
    method,
    config: config as unknown as JsonObject,
    estimate: estimateBaselineCost(method, task, config),
  });
  let best: BestTracker | null = null;
  let baselineScore = 0;
  let reason: StopReason = 'cycles-done';
  let message: string | undefined;
  try {
    const base = await session.score(task.program, task.valset);
    baselineScore = base.score;
    session.emit({
      type: 'baseline',
      score: base.score,
      examples: task.valset.length,
      program: task.program.toState(),
    });
    best = new BestTracker(session, {
      program: task.program,
      score: base.score,
      exampleScores: base.results.map((r) => r.score),
    });
    session.recordBest(base.score);
    await body(session, config, best);
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'BudgetExceededError') {
      reason = 'budget';
      message = (err as Error).message;
    } else if (name === 'AbortError') reason = 'cancelled';
    else throw err;
  }
  const program: Program = best?.current.program ?? task.program;
  const bestScore = best?.current.score ?? baselineScore;
  const totals = session.totals();
  session.emit({
    type: 'run-finished',
    method,
    reason,
    bestScore,
    baselineScore,
    totals,
    ...(message ? { message } : {}),
  });
  return {
    method,
    program: program.toState(),
    baselineScore,
    bestScore,
    totals,
    curve: session.curve.map((p) => [p[0], p[1]]),
    stopReason: reason,
    constraintViolations: session.violations,
  };
}

/**
 * The demo-set candidates both search baselines start from: one bootstrap walk of the training
 * set with the program as teacher, then DSPy's candidate sets (empty, labeled-only, unshuffled
 * and shuffled bootstraps), all derived from the seed.
 */
export function baselineDemoSets(
  session: OptimizerSession,
  task: OptimizerTask,
  config: BaselineConfig,
  tag: string,
): Promise<DemoSetCandidate[]> {
  const boot = new BootstrapSession(
    session,
    task.program,
    baselineBootstrap(config, tag),
    task.trainset,
    phaseRng(config.seed, 0, 'teacher'),
  );
  return buildDemoCandidates(
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
}

/**
 * The bootstrap settings of every baseline's walk: DSPy's (no patience, no label spreading, no
 * demo token budget), seeded from the run; `tag` keeps each baseline's samples its own.
 */
export function baselineBootstrap(config: BaselineConfig, tag: string): BootstrapSettings {
  return {
    maxBootstrappedDemos: config.maxBootstrappedDemos,
    maxLabeledDemos: config.maxLabeledDemos,
    maxRounds: config.maxRounds,
    metricThreshold: config.metricThreshold,
    seed: requestSeed(config.seed, 0, 'bootstrap'),
    tag,
  };
}
