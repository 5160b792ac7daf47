import { describe, expect, it } from 'vitest';
import { estimatePromptTokens } from '../../../../src/core/context-guard';
import { Rng } from '../../../../src/core/rng';
import { proposeInstructions } from '../../../../src/core/optimizers/instruction-proposer';
import type { ExampleBlock } from '../../../../src/core/optimizers/proposer-format';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { makeSession, toyTask } from './session-helpers';
import { toyProgram } from './toy-task';

const PROPOSER_MAX_TOKENS = 256;

function blocks(prefix: string, n: number): ExampleBlock[] {
  return Array.from({ length: n }, (_, i) => ({
    inputs: { x: `${prefix} ${i} ${'word '.repeat(40)}` },
    expected: { y: `answer ${i}` },
    ...(prefix === 'failing' ? { got: { y: 'wrong' } } : {}),
  }));
}

async function propose(
  contextWindow: number | undefined,
  trainingExamples = 40,
  program = toyProgram(),
) {
  const lm = Object.assign(new ScriptedLM(() => 'proposed_instruction: A fresh rule.'), {
    contextWindow,
  });
  const session = makeSession(toyTask([], []), lm);
  const proposals = await proposeInstructions(
    session,
    {
      datasetSummary: 'SUMMARY',
      program,
      predictor: 'main',
      failures: blocks('failing', 3),
      examples: blocks('training', trainingExamples),
      history: [{ instruction: 'An older rule.', score: 0.4 }],
    },
    { count: 1, maxInstructionChars: 200, seed: 1, tag: 't' },
    new Rng(3),
  );
  return { proposals, request: lm.requests[0]! };
}

describe('the proposer within a context window', () => {
  it('leaves the earlier instruction and training examples out, not the failures, so its request fits the window', async () => {
    const { proposals, request } = await propose(2048);
    // Refused by the context guard, the proposal would have failed; it fits and is read.
    expect(proposals.instructions).toEqual(['Given x, produce y.', 'A fresh rule.']);
    expect(proposals.failed).toBe(0);
    expect(estimatePromptTokens(request.messages)).toBeLessThanOrEqual(2048 - PROPOSER_MAX_TOKENS);
    const prompt = ScriptedLM.lastUser(request);
    expect(prompt).toContain('Failure 3:');
    expect(prompt).not.toContain('An older rule.');
    expect(prompt).toContain('Example 1:');
    expect(prompt).not.toContain('Example 40:');
    expect(proposals.leftOut).toBeGreaterThan(1);
    expect(proposals.leftOut).toBeLessThan(41);
  });

  it('shows every example when the model states no window', async () => {
    const { proposals, request } = await propose(undefined);
    expect(ScriptedLM.lastUser(request)).toContain('Example 40:');
    expect(proposals.leftOut).toBe(0);
  });

  it('gives up the earlier instructions first, and the failures only once the examples are gone', async () => {
    const roomy = await propose(900);
    const roomyPrompt = ScriptedLM.lastUser(roomy.request);
    // The current instruction is shown anyway; the earlier ones go before any example.
    expect(roomyPrompt).not.toContain('An older rule.');
    expect(roomyPrompt).toContain('Given x, produce y.');
    expect(roomyPrompt).toContain('Example 1:');
    expect(roomyPrompt).not.toContain('Example 5:');
    expect(roomyPrompt).toContain('Failure 3:');

    const tight = await propose(620);
    const tightPrompt = ScriptedLM.lastUser(tight.request);
    expect(estimatePromptTokens(tight.request.messages)).toBeLessThanOrEqual(
      620 - PROPOSER_MAX_TOKENS,
    );
    expect(tightPrompt).not.toContain('Example 1:');
    expect(tightPrompt).toContain('Failure 1:');
    expect(tightPrompt).not.toContain('Failure 2:');
    expect(tight.proposals.instructions[1]).toBe('A fresh rule.');
  });

  it('gives up training examples and demos in turn, so a tight window keeps some of each', async () => {
    const demos = Array.from({ length: 12 }, (_, i) => ({
      data: { x: `demo ${i} ${'word '.repeat(40)}`, y: `d${i}` },
      augmented: false,
    }));
    const { request, proposals } = await propose(1200, 40, toyProgram().withDemos('main', demos));
    const prompt = ScriptedLM.lastUser(request);
    // The session's format writes each input as `name: value`; count the blocks in a field.
    const shownIn = (field: string, next: string): number =>
      (prompt.split(`\n${field}: `)[1]?.split(`\n${next}: `)[0] ?? '').match(/Example \d+:/g)
        ?.length ?? 0;
    const shownDemos = shownIn('demos', 'training_examples');
    const shownExamples = shownIn('training_examples', 'failures');
    // Some of each are kept: had the training examples (each proposal's own) been given up
    // first, they would all have gone and every proposal would have seen the same demos.
    expect(shownExamples).toBeGreaterThan(0);
    expect(shownDemos).toBeGreaterThan(0);
    expect(Math.abs(shownDemos - shownExamples)).toBeLessThanOrEqual(1);
    expect(prompt).toContain('Failure 3:');
    // Every example and demo not shown, and the one earlier instruction.
    expect(proposals.leftOut).toBe(12 + 40 - shownDemos - shownExamples + 1);
  });

  it('counts nothing as left out when the prompt cannot fit at all (the guard refuses it)', async () => {
    const { proposals, request } = await propose(400, 0);
    expect(request).toBeUndefined();
    expect(proposals.failed).toBe(2);
    expect(proposals.leftOut).toBe(0);
  });
});
