import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/core/rng';
import { summarizeDataset } from '../../../../src/core/optimizers/dataset-summary';
import {
  cleanInstruction,
  proposeInstructions,
  sameProposal,
} from '../../../../src/core/optimizers/instruction-proposer';
import { runPromptPhase } from '../../../../src/core/optimizers/prompt-phase';
import { resolveCopaConfig } from '../../../../src/core/optimizers/copa-config';
import { PROPOSER_TIPS } from '../../../../src/core/optimizers/tips';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { makeSession, toyTask } from './session-helpers';
import { examples, toyModel, toyProgram, words } from './toy-task';

const reversalDemos = examples(words('c', 3)).map((e) => ({
  data: e.data,
  augmented: false,
  sourceId: e.id,
}));

describe('proposeInstructions', () => {
  it('keeps the current instruction first and adds distinct grounded proposals', async () => {
    const program = toyProgram().withDemos('main', reversalDemos);
    const lm = toyModel();
    const session = makeSession(toyTask([], []), lm);
    const grounding = {
      datasetSummary: 'SUMMARY',
      program,
      predictor: 'main',
      failures: [{ inputs: { x: 'bola' }, expected: { y: 'alob' }, got: { y: 'bola' } }],
      history: [{ instruction: 'Old one', score: 0.25 }],
    };
    const p = await proposeInstructions(
      session,
      grounding,
      { count: 3, maxInstructionChars: 200, seed: 5, tag: 't' },
      new Rng(1),
    );
    expect(p.instructions[0]).toBe('Given x, produce y.');
    expect(p.instructions.slice(1).every((t) => t.startsWith('Reverse the letters of x'))).toBe(
      true,
    );
    expect(new Set(p.instructions).size).toBe(p.instructions.length);
    const prompt = ScriptedLM.lastUser(lm.requests[0]!);
    expect(prompt).toContain('dataset_summary: SUMMARY');
    expect(prompt).toContain('Failure 1:');
    expect(prompt).toContain('program y: bola');
    expect(prompt).toContain('[score 25.0] Old one');
    expect(PROPOSER_TIPS.some((t) => prompt.includes(`tip: ${t}`))).toBe(true);
    // Fresh samples at settings a small model copes with, a different seed per proposal.
    expect(lm.requests.map((r) => [r.temperature, r.topP, r.maxTokens])).toEqual([
      [0.7, 0.9, 256],
      [0.7, 0.9, 256],
      [0.7, 0.9, 256],
    ]);
    expect(new Set(lm.requests.map((r) => r.seed)).size).toBe(3);
  });

  it('asks again instead of keeping unreadable and repeated proposals, showing them as tried', async () => {
    let i = 0;
    const lm = new ScriptedLM(() => (i++ === 0 ? 'nothing useful' : 'proposed_instruction: Same'));
    const session = makeSession(toyTask([], []), lm);
    const p = await proposeInstructions(
      session,
      { datasetSummary: '', program: toyProgram(), predictor: 'main', failures: [], history: [] },
      { count: 3, maxInstructionChars: 200, seed: 1, tag: 't' },
      new Rng(2),
    );
    expect(p.instructions).toEqual(['Given x, produce y.', 'Same']);
    // Up to `count` extra requests replace the unusable ones; each had a fresh seed.
    expect(lm.requests).toHaveLength(6);
    expect(p.failed).toBe(5);
    expect(new Set(lm.requests.map((r) => r.seed)).size).toBe(6);
    expect(ScriptedLM.lastUser(lm.requests[2]!)).toContain('[proposed, not scored yet] Same');
  });

  it('stops asking once it has `count` distinct proposals', async () => {
    let i = 0;
    const lm = new ScriptedLM(() => `proposed_instruction: Proposal number ${i++}.`);
    const session = makeSession(toyTask([], []), lm);
    const p = await proposeInstructions(
      session,
      { datasetSummary: '', program: toyProgram(), predictor: 'main', failures: [], history: [] },
      { count: 3, maxInstructionChars: 200, seed: 1, tag: 't' },
      new Rng(2),
    );
    expect(p.instructions).toHaveLength(4);
    expect(lm.requests).toHaveLength(3);
    expect(p.failed).toBe(0);
  });

  it('treats a near-copy of an earlier instruction as a repeat', async () => {
    const long =
      'Read the ticket and answer with its department: billing questions go to billing, login trouble to account, parcels to shipping.';
    let i = 0;
    const lm = new ScriptedLM(() =>
      i++ === 0 ? `proposed_instruction: ${long} Thanks.` : 'proposed_instruction: Something new.',
    );
    const session = makeSession(toyTask([], []), lm);
    const p = await proposeInstructions(
      session,
      {
        datasetSummary: '',
        program: toyProgram(),
        predictor: 'main',
        failures: [],
        history: [{ instruction: long, score: 0.5 }],
      },
      { count: 1, maxInstructionChars: 400, seed: 1, tag: 't' },
      new Rng(2),
    );
    expect(p.instructions).toEqual(['Given x, produce y.', 'Something new.']);
    expect(p.failed).toBe(1);
    expect(sameProposal('Answer yes or no.', 'Answer with a number.')).toBe(false);
  });
});

describe('cleanInstruction', () => {
  it('strips labels and quotes and caps the length at a word boundary', () => {
    expect(cleanInstruction('Instruction: "Do it well."', 100)).toBe('Do it well.');
    const long = 'word '.repeat(50).trim();
    const cut = cleanInstruction(long, 23);
    expect(cut.length).toBeLessThanOrEqual(23);
    expect(cut.endsWith('word')).toBe(true);
    expect(cleanInstruction(42, 10)).toBe('');
  });

  it("drops a small model's line before the instruction, not an instruction's own first line", () => {
    expect(cleanInstruction('Here is an improved instruction:\n\n"Route the ticket."', 100)).toBe(
      'Route the ticket.',
    );
    expect(cleanInstruction("Sure! Here's the new instruction:\nRoute the ticket.", 100)).toBe(
      'Route the ticket.',
    );
    const own = 'Classify the ticket as one of:\n- billing\n- returns';
    expect(cleanInstruction(own, 100)).toBe(own);
    // A preamble with nothing after it is no instruction either way; it is left for the checks.
    expect(cleanInstruction('Here is the instruction:', 100)).toBe('Here is the instruction:');
  });
});

describe('runPromptPhase', () => {
  const val = examples(words('b', 8));
  const train = examples(words('b', 12).slice(8));

  async function phase(withDemos: boolean) {
    const base = toyProgram();
    const program = withDemos ? base.withDemos('main', reversalDemos) : base;
    const task = toyTask(train, val, { program });
    const session = makeSession(task, toyModel());
    const start = await session.score(program, val);
    return runPromptPhase({
      session,
      task,
      config: resolveCopaConfig({
        instructionCandidates: 3,
        minibatchSize: 3,
        failureProbeSize: 4,
      }),
      index: 1,
      cycle: 0,
      incumbent: { program, score: start.score, exampleScores: [] },
      insight: null,
      datasetSummary: summarizeDataset(program, train),
      instructionHistory: {},
    });
  }

  it('finds the rule the demos show and records what it learned', async () => {
    const out = await phase(true);
    expect(out.record.scoreBefore).toBe(0);
    expect(out.incumbent.score).toBe(1);
    expect(out.record.accepted).toBe(true);
    expect(out.incumbent.program.steps[0]?.signature.instruction).toMatch(/^Reverse the letters/);
    expect(out.record.probedFailures).toEqual({ failed: 4, probed: 4 });
    expect(out.insight.focusIds).toHaveLength(4);
    expect(out.insight.text).toMatch(/raised validation from 0.0% to 100.0%/);
    expect(out.record.candidates[0]?.kind).toBe('incumbent');
  });

  it('without demos the proposer cannot see the rule and the incumbent stays', async () => {
    const out = await phase(false);
    expect(out.record.accepted).toBe(false);
    expect(out.incumbent.score).toBe(0);
    expect(out.insight.text).toMatch(/No proposed instruction beat/);
  });
});

describe('summarizeDataset', () => {
  it('describes sizes and categorical outputs without a model', () => {
    const train = [
      { id: '1', data: { x: 'good film', y: 'pos' } },
      { id: '2', data: { x: 'bad', y: 'neg' } },
      { id: '3', data: { x: 'great fun here', y: 'pos' } },
      { id: '4', data: { x: 'dull', y: 'pos' } },
    ];
    const s = summarizeDataset(toyProgram(), train);
    expect(s).toContain('4 training examples.');
    expect(s).toContain('Input "x": about 2 words (from 1 to 3).');
    expect(s).toContain('Output "y" takes 2 values: pos (75%), neg (25%).');
  });
});

describe('proposer through the real chat adapter', () => {
  it('renders the grounding in chat markers and reads the proposal back', async () => {
    const { chatAdapter } = await import('../../../../src/core/adapters/chat-adapter');
    const { OptimizerSession } = await import('../../../../src/core/optimizers/session');
    const lm = new ScriptedLM(
      () => '[[ ## proposed_instruction ## ]]\nReverse every word.\n\n[[ ## completed ## ]]',
    );
    const session = new OptimizerSession(
      toyTask([], []),
      { lm, adapter: chatAdapter },
      { budget: {}, maxRetries: 2 },
    );
    const program = toyProgram().withDemos('main', reversalDemos);
    const p = await proposeInstructions(
      session,
      { datasetSummary: 'S', program, predictor: 'main', failures: [], history: [] },
      { count: 1, maxInstructionChars: 100, seed: 1, tag: 't' },
      new Rng(1),
    );
    expect(p.instructions).toEqual(['Given x, produce y.', 'Reverse every word.']);
    const user = ScriptedLM.lastUser(lm.requests[0]!);
    expect(user).toContain('[[ ## demos ## ]]\nExample 1:\n  input x: cola');
  });
});
