import type { LanguageModel } from '../../../../src/core/lm';
import { runCopa, type CopaRunOptions } from '../../../../src/core/optimizers/copa';
import type { CopaConfig } from '../../../../src/core/optimizers/copa-config';
import type { RunEvent } from '../../../../src/core/optimizers/events';
import { kvAdapter } from '../../helpers/kv-adapter';
import type { ScriptedLM } from '../../helpers/scripted-lm';
import { toyTask } from './session-helpers';
import { examples, toyModel, words } from './toy-task';

/**
 * A task that needs both phases: "a" words need the "magic" demo, "b" words need an
 * instruction about reversing (which the proposer only writes when it sees reversal demos).
 */
export function bothTask() {
  const train = examples([...words('a', 6), ...words('b', 6), 'magic', ...words('c', 6)]);
  const val = examples([...words('a', 12).slice(6), ...words('b', 12).slice(6)]);
  return toyTask(train, val);
}

export const SMALL_CONFIG: Partial<CopaConfig> = {
  seed: 3,
  cycles: 3,
  demoCandidates: 4,
  instructionCandidates: 3,
  minibatchSize: 4,
  maxLabeledDemos: 2,
  failureProbeSize: 4,
  // The toy teacher fails every "a" and "b" word; its walk must get past them to "magic".
  bootstrapPatience: 100,
};

export async function copa(
  lm: ScriptedLM,
  extra: Partial<CopaRunOptions> & { events?: RunEvent[] } = {},
  task = bothTask(),
) {
  const { events, ...rest } = extra;
  return runCopa(task, {
    lm,
    adapter: kvAdapter,
    config: SMALL_CONFIG,
    onEvent: (e) => events?.push(e),
    ...rest,
  });
}

/** The parts of a result that must match between equivalent runs (costs may differ by caching). */
export function essence(r: Awaited<ReturnType<typeof copa>>) {
  return {
    program: r.program,
    bestScore: r.bestScore,
    baselineScore: r.baselineScore,
    stopReason: r.stopReason,
    history: r.history.map(({ costs: _costs, ...rest }) => rest),
  };
}

/**
 * The toy model on a clock on which every call takes one second, for time budgets: pass `now`
 * as the run's clock (and ONE_SECOND_PER_CALL as the speed its warm-up measured).
 */
export function oneSecondPerCallModel(): { lm: LanguageModel; now: () => number } {
  let now = 0;
  const inner = toyModel();
  const lm: LanguageModel = {
    id: inner.id,
    complete: async (request, signal) => {
      const response = await inner.complete(request, signal);
      now += 1000;
      return response;
    },
  };
  return { lm, now: () => now };
}

/** The speed a warm-up measures for `oneSecondPerCallModel`. */
export const ONE_SECOND_PER_CALL = {
  prefillTokensPerS: 1e12,
  decodeTokensPerS: 1e12,
  secondsPerCall: 1,
} as const;
