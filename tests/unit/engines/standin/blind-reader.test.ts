import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { jsonAdapter } from '../../../../src/core/adapters/json-adapter';
import type { Demo, FieldValues } from '../../../../src/core/example';
import type { ChatMessage, LMRequest } from '../../../../src/core/lm';
import {
  PROPOSER_SIGNATURE,
  renderExampleBlocks,
  type ExampleBlock,
} from '../../../../src/core/optimizers/proposer-format';
import { REASONING_FIELD } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';
import { BlindReaderModel } from '../../../../src/engines/standin/blind-reader-model';
import { readPrompt } from '../../../../src/engines/standin/blind-prompt';
import { statedRules } from '../../../../src/engines/standin/blind-rules';
import { stem } from '../../../../src/engines/standin/blind-words';
import { BLIND_READER_MODEL_ID } from '../../../../src/engines/standin/model-ids';
import { SIMULATED_MODELS } from '../../../../src/engines/standin/simulated-models';

/** Neutral made-up labels and words: nothing here belongs to a real task. */
const LABELS = ['alpha', 'beta', 'gamma'];

function signature(instruction = 'Sort the note.', labels: readonly string[] = LABELS): Signature {
  return new Signature({
    instruction,
    inputs: [{ name: 'note', description: 'A short note.', type: 'text' }],
    outputs: [{ name: 'kind', description: 'Its kind.', type: 'label', labels: [...labels] }],
  });
}

function demos(pairs: readonly (readonly [string, string])[]): Demo[] {
  return pairs.map(([note, kind]) => ({ data: { note, kind }, augmented: false }));
}

function request(messages: ChatMessage[], extra: Partial<LMRequest> = {}): LMRequest {
  return { messages, temperature: 0, topP: 1, maxTokens: 256, seed: 0, ...extra };
}

const DEMOS = demos([
  ['The zorbel quinted over the flarn.', 'alpha'],
  ['A mipsy droot sang to the wobbet.', 'beta'],
  ['Seven klaxi plinked under the gorm.', 'gamma'],
  ['The trundle vesked a pallid snib.', 'beta'],
]);

async function kindOf(
  sig: Signature,
  shown: readonly Demo[],
  note: string,
  seed = 1,
): Promise<string> {
  const lm = new BlindReaderModel(seed);
  const text = (await lm.complete(request(chatAdapter.format(sig, shown, { note })))).text;
  return String(chatAdapter.parse(sig, text).kind);
}

describe('the blind kNN reader', () => {
  it('is registered last, under its id', () => {
    const last = SIMULATED_MODELS[SIMULATED_MODELS.length - 1];
    expect(last?.id).toBe(BLIND_READER_MODEL_ID);
    expect(last?.name).toBe('Blind kNN reader');
    expect(last?.create(2).id).toBe(BLIND_READER_MODEL_ID);
  });

  it('is deterministic: the same request gives the same text', async () => {
    const req = request(chatAdapter.format(signature(), DEMOS, { note: 'The zorbel quinted.' }));
    const a = await new BlindReaderModel(5).complete(req);
    const b = await new BlindReaderModel(5).complete(req);
    expect(b.text).toBe(a.text);
    // At temperature 0 the request seed does not matter.
    const c = await new BlindReaderModel(5).complete({ ...req, seed: 77 });
    expect(c.text).toBe(a.text);
    // At temperature > 0 it does: fresh samples may differ.
    const texts = new Set<string>();
    for (let s = 0; s < 20; s++)
      texts.add(
        (await new BlindReaderModel(5).complete({ ...req, temperature: 1.5, seed: s })).text,
      );
    expect(texts.size).toBeGreaterThan(1);
  });

  it('reads the label list and the demos: a near-demo input gets its label', async () => {
    const sig = signature();
    expect(await kindOf(sig, DEMOS, 'The zorbel quinted over a flarn!')).toBe('alpha');
    expect(await kindOf(sig, DEMOS, 'A mipsy droot sang to a wobbet today.')).toBe('beta');
    expect(await kindOf(sig, DEMOS, 'Seven klaxi plinked under a gorm.')).toBe('gamma');
    const prompt = readPrompt(chatAdapter.format(sig, DEMOS, { note: 'x' }));
    expect(prompt.outputs[0]?.labels).toEqual(LABELS);
    expect(prompt.demos).toHaveLength(4);
    expect(prompt.demos[1]?.outputs.kind).toBe('beta');
    expect(prompt.query.note).toBe('x');
    expect(prompt.instruction).toBe('Sort the note.');
  });

  it('follows a rule the instruction states', async () => {
    const plain = signature('Sort the note.');
    const ruled = signature('Sort the note. Answer gamma when the note mentions "blorpt".');
    const notes = Array.from({ length: 12 }, (_, i) => `Item ${i}: a blorpt went by the quag${i}.`);
    let withRule = 0;
    let without = 0;
    for (const note of notes) {
      if ((await kindOf(ruled, [], note)) === 'gamma') withRule++;
      if ((await kindOf(plain, [], note)) === 'gamma') without++;
    }
    expect(withRule).toBeGreaterThanOrEqual(11);
    expect(without).toBeLessThan(withRule - 4);
  });

  it('reads rules: one label per sentence, quoted cues first, long sentences cut', () => {
    const rules = statedRules(
      'Answer cat_one when the note says "plonk". Alpha and beta are both fine. ' +
        `Answer beta if ${'filler '.repeat(45)}mentions "late".`,
      ['cat_one', 'alpha', 'beta'],
      ['note', 'kind'],
    );
    expect(rules).toHaveLength(2);
    expect(rules[0]?.label).toBe('cat_one');
    expect(rules[0]?.cues[0]).toEqual({ word: 'plonk', strength: 1 });
    expect(rules[0]?.cues.map((c) => c.word)).not.toContain('note');
    expect(rules[1]?.label).toBe('beta');
    expect(rules[1]?.cues.map((c) => c.word)).not.toContain(stem('late'));
  });

  it('answers a retry cleanly with the same choice', async () => {
    const sig = signature();
    const first = chatAdapter.format(sig, DEMOS, { note: 'The zorbel quinted over a flarn.' });
    const lm = new BlindReaderModel(3);
    const answer = (await lm.complete(request(first))).text;
    const retry = await lm.complete(
      request([
        ...first,
        { role: 'assistant', content: answer },
        {
          role: 'user',
          content: 'Your answer broke a rule: try again. Respond with [[ ## kind ## ]].',
        },
      ]),
    );
    expect(retry.text).toBe(`[[ ## kind ## ]]\n${String(chatAdapter.parse(sig, answer).kind)}`);
  });

  it('answers the JSON format with a JSON object', async () => {
    const sig = signature();
    const messages = jsonAdapter.format(sig, DEMOS, { note: 'Seven klaxi plinked under a gorm.' });
    const text = (await new BlindReaderModel(0).complete(request(messages))).text;
    expect(jsonAdapter.parse(sig, text).kind).toBe('gamma');
  });

  it('writes reasoning first, then the answer, for chain of thought', async () => {
    const sig = signature().prependOutput({ ...REASONING_FIELD });
    const cot = DEMOS.map((d) => ({ ...d, data: { ...d.data, reasoning: 'It fits.' } }));
    const messages = chatAdapter.format(sig, cot, { note: 'A mipsy droot sang to a wobbet.' });
    const text = (await new BlindReaderModel(0).complete(request(messages))).text;
    expect(text.startsWith('[[ ## reasoning ## ]]\n')).toBe(true);
    const out = chatAdapter.parse(sig, text);
    expect(out.kind).toBe('beta');
    expect(
      String(out.reasoning)
        .split(/[.!?](\s|$)/)
        .filter((s) => s.trim()).length,
    ).toBe(1);
  });

  it('copies a near-duplicate demo number, else the last number of the input', async () => {
    const sig = new Signature({
      instruction: 'Work it out.',
      inputs: [{ name: 'problem', description: '', type: 'text' }],
      outputs: [{ name: 'total', description: '', type: 'number' }],
    });
    const shown: Demo[] = [
      { data: { problem: 'Zeb has 3 plims and buys 4 more plims.', total: 7 }, augmented: false },
    ];
    const ask = async (problem: string): Promise<FieldValues> =>
      chatAdapter.parse(
        sig,
        (
          await new BlindReaderModel(0).complete(
            request(chatAdapter.format(sig, shown, { problem })),
          )
        ).text,
      );
    expect((await ask('Zeb has 3 plims and buys 4 more plims.')).total).toBe(7);
    expect((await ask('Quo owns 12 dalps, then 1,250 more dalps arrive.')).total).toBe(1250);
  });

  it('respects stop strings and the token cap', async () => {
    const messages = chatAdapter.format(signature(), DEMOS, { note: 'The zorbel quinted.' });
    const lm = new BlindReaderModel(0);
    const full = await lm.complete(request(messages));
    const stopped = await lm.complete(request(messages, { stop: ['## ]]'] }));
    expect(stopped.text).toBe('[[ ## kind ');
    expect(stopped.finishReason).toBe('stop');
    const cut = await lm.complete(request(messages, { maxTokens: 2 }));
    expect(cut.text).toBe(full.text.slice(0, 8));
    expect(cut.finishReason).toBe('length');
    expect(cut.usage.completionTokens).toBe(2);
    expect(cut.usage.latencyMs).toBe(0);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const messages = chatAdapter.format(signature(), DEMOS, { note: 'x' });
    await expect(
      new BlindReaderModel(0).complete(request(messages), controller.signal),
    ).rejects.toThrow(/cancelled/);
  });
});

describe('the blind kNN reader as a proposer', () => {
  const examples: ExampleBlock[] = [
    { inputs: { note: 'The quarble glimmed at dawn.' }, expected: { kind: 'alpha' } },
    { inputs: { note: 'A quarble glimmed again.' }, expected: { kind: 'alpha' } },
    { inputs: { note: 'Her quarble sat still.' }, expected: { kind: 'alpha' } },
    { inputs: { note: 'Two snorps hopped the fence.' }, expected: { kind: 'beta' } },
    { inputs: { note: 'The snorps hopped home.' }, expected: { kind: 'beta' } },
    { inputs: { note: 'A tall snorp waited.' }, expected: { kind: 'beta' } },
  ];
  const failures: ExampleBlock[] = [
    {
      inputs: { note: 'The quarble glimmed twice.' },
      expected: { kind: 'alpha' },
      got: { kind: 'beta' },
    },
  ];

  function proposalRequest(
    shown: readonly ExampleBlock[],
    fails: readonly ExampleBlock[],
  ): ChatMessage[] {
    const inputs: FieldValues = {
      dataset_summary: 'Short notes.',
      program_description: 'Sorts notes.',
      predictor_description: 'Sorts one note.',
      current_instruction: 'Sort the note into its kind. Be brief.',
      demos: renderExampleBlocks('Example', shown.slice(0, 2)),
      training_examples: renderExampleBlocks('Example', shown.slice(2)),
      failures: renderExampleBlocks('Failure', fails),
      previous_instructions: '(none yet)',
      tip: 'Be clear.',
    };
    return chatAdapter.format(PROPOSER_SIGNATURE, [], inputs);
  }

  async function proposals(messages: ChatMessage[]): Promise<string[]> {
    const out: string[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const text = (
        await new BlindReaderModel(0).complete(request(messages, { temperature: 1, seed }))
      ).text;
      out.push(String(chatAdapter.parse(PROPOSER_SIGNATURE, text).proposed_instruction));
    }
    return out;
  }

  it('lists rules from the shown examples, failed labels first', async () => {
    const all = await proposals(proposalRequest(examples, failures));
    const ruled = all.filter((p) => p.includes('Answer alpha when'));
    expect(ruled.length).toBeGreaterThanOrEqual(5);
    for (const p of ruled) {
      expect(p.startsWith('Sort the note into its kind.')).toBe(true);
      expect(p).toMatch(/Answer alpha when the note mentions "(quarble|glimmed)"/);
      expect(p).toMatch(/Answer beta when the note mentions "(snorps|hopped)"/);
      expect(p.indexOf('Answer alpha')).toBeLessThan(p.indexOf('Answer beta'));
      expect(p.endsWith('Answer with the label only.')).toBe(true);
    }
    // Without rules, a proposal only rephrases the first sentence.
    for (const p of all.filter((x) => !ruled.includes(x)))
      expect(p).toContain('Sort the note into its kind.');
  });

  it('only rephrases when it is shown no labeled example', async () => {
    for (const p of await proposals(proposalRequest([], []))) {
      expect(p).toContain('Sort the note into its kind.');
      expect(p).not.toContain('Answer ');
      expect(p).not.toContain('Be brief.');
    }
  });

  it('a proposal it writes is a rule it then follows', async () => {
    const [p] = (await proposals(proposalRequest(examples, failures))).filter((x) =>
      x.includes('Answer alpha when'),
    );
    expect(p).toBeDefined();
    const note = 'Something quarble and glimmed happened.';
    expect(await kindOf(signature(p ?? ''), [], note)).toBe('alpha');
  });
});
