import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import type { LanguageModel, LMRequest } from '../../../../src/core/lm';
import { runCopa } from '../../../../src/core/optimizers';
import type { CopaTask } from '../../../../src/core/optimizers/copa';
import type { CopaConfig } from '../../../../src/core/optimizers/copa-config';
import { labeledDemoSet } from '../../../../src/core/optimizers/demo-set';
import { DEFAULT_SIMULATED_MODEL } from '../../../../src/engines/standin/simulated-models';
import { builtInCopaTask } from './built-in-task';

/** The text of a `[[ ## name ## ]]` section of a chat prompt. */
function section(request: LMRequest, name: string): string | null {
  const text = request.messages.map((m) => m.content).join('\n');
  const m = new RegExp(`\\[\\[ ## ${name} ## \\]\\]\\n([\\s\\S]*?)(?=\\n\\[\\[ ## |$)`).exec(text);
  return m ? (m[1] ?? '').trim() : null;
}

/** The default stand-in of `seed`, recording the `name` section of every request it gets. */
function recordingSection(seed: number, name: string, into: string[]): LanguageModel {
  const model = DEFAULT_SIMULATED_MODEL.create(seed);
  return {
    id: model.id,
    complete(request, signal) {
      const text = section(request, name);
      if (text !== null) into.push(text);
      return model.complete(request, signal);
    },
  };
}

describe('the prompt phase', () => {
  it('builds later proposals on an earlier proposal that leads on the first minibatch', async () => {
    const { task, copaTask } = builtInCopaTask('ticket-routing');
    const model = DEFAULT_SIMULATED_MODEL.create(1);
    const proposerPrompts: LMRequest[] = [];
    const proposals: string[] = [];
    const lm: LanguageModel = {
      id: model.id,
      async complete(request, signal) {
        const response = await model.complete(request, signal);
        if (section(request, 'current_instruction') !== null) {
          proposerPrompts.push(request);
          proposals.push(
            section(
              { ...request, messages: [{ role: 'user', content: response.text }] },
              'proposed_instruction',
            ) ?? '',
          );
        }
        return response;
      },
    };
    const r = await runCopa(copaTask, { lm, adapter: chatAdapter, config: { seed: 1, cycles: 1 } });
    const prompt = r.history.find((h) => h.kind === 'prompt');
    expect(prompt?.accepted).toBe(true);
    const start = task.program.steps[0]?.signature.instruction;
    const bases = proposerPrompts.map((p) => section(p, 'current_instruction'));
    // The first proposal starts from the program's instruction; a later one from a proposal.
    expect(bases[0]).toBe(start);
    const built = bases.findIndex((b, i) => b !== start && proposals.slice(0, i).includes(b ?? ''));
    expect(built).toBeGreaterThan(0);
  });
});

describe('the instruction history across prompt phases', () => {
  it('keeps proposals dropped on a minibatch, so a later phase does not score them again', async () => {
    const { copaTask } = builtInCopaTask('ticket-routing');
    const histories: string[] = [];
    const repeats: string[] = [];
    let minibatchOnly = 0;
    for (const seed of [0, 1, 2]) {
      const lm = recordingSection(seed, 'previous_instructions', histories);
      const r = await runCopa(copaTask, {
        lm,
        adapter: chatAdapter,
        config: { seed, cycles: 3, minImprovement: 0 },
      });
      const scored = new Set<string>();
      for (const phase of r.history.filter((h) => h.kind === 'prompt')) {
        const proposals = phase.candidates
          .filter((c) => c.kind === 'instruction')
          .map((c) => ({ c, text: Object.values(c.instructions ?? {}).join('\n') }));
        for (const { text } of proposals) if (scored.has(text)) repeats.push(text);
        for (const { c, text } of proposals) {
          if (c.minibatchExamples === 0) continue;
          if (c.fullScore === null) minibatchOnly++;
          scored.add(text);
        }
      }
    }
    // The runs did drop proposals on minibatches, and no later phase scored one of them again.
    expect(minibatchOnly).toBeGreaterThan(0);
    expect(repeats).toEqual([]);
    // A later phase's proposer is shown such a proposal as a minibatch estimate.
    expect(histories.some((h) => /\[score \d+\.\d on \d+ examples\]/.test(h))).toBe(true);
  }, 60_000);
});

/**
 * The training examples each proposal request was shown, in order, in a run on ticket routing
 * (or on it with `program`) that starts with its prompt phase: one cycle, seed 0.
 */
async function trainingExamplesShown(
  config: Partial<CopaConfig>,
  program?: CopaTask['program'],
): Promise<string[]> {
  const { copaTask } = builtInCopaTask('ticket-routing');
  const shown: string[] = [];
  const lm = recordingSection(0, 'training_examples', shown);
  await runCopa(
    { ...copaTask, ...(program ? { program } : {}) },
    { lm, adapter: chatAdapter, config: { seed: 0, cycles: 1, startWith: 'prompt', ...config } },
  );
  return shown;
}

describe("the proposer's evidence", () => {
  /** Training examples the first proposal of the run is shown. */
  async function examplesShown(config: Partial<CopaConfig>, withDemos: boolean) {
    const { task } = builtInCopaTask('ticket-routing');
    const step = task.program.steps[0]?.name ?? '';
    const demos = labeledDemoSet(task.program, task.splits.train.slice(0, 40))[step] ?? [];
    const shown = await trainingExamplesShown(
      config,
      withDemos ? task.program.withDemos(step, demos) : undefined,
    );
    return (shown[0]?.match(/^Example \d+:$/gm) ?? []).length;
  }

  it('gives training examples the share of the demo budget the demos leave unused', async () => {
    const without = await examplesShown({ demoTokenBudget: 0 }, false);
    const withShare = await examplesShown({ demoTokenBudget: 1200 }, false);
    const demosFillIt = await examplesShown({ demoTokenBudget: 1200 }, true);
    expect(without).toBeGreaterThan(5);
    // A program without demos: its proposer sees the demo budget's worth of examples more.
    expect(withShare).toBeGreaterThan(1.5 * without);
    // One whose demos fill the budget: the examples' own budget only.
    expect(demosFillIt).toBeLessThanOrEqual(without);
  }, 30_000);
});

describe('the proposals of one phase', () => {
  it('are shown different samples of training examples', async () => {
    // One cycle that starts with the prompt phase: every proposal request is that phase's.
    const shown = (await trainingExamplesShown({})).filter((e) => e !== '(none)');
    expect(shown.length).toBeGreaterThan(1);
    expect(new Set(shown).size).toBeGreaterThan(1);
  });
});
