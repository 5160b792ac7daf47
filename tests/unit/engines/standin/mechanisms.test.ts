import { describe, expect, it } from 'vitest';
import type { LMRequest } from '../../../../src/core/lm';
import {
  renderExampleBlocks,
  type ExampleBlock,
} from '../../../../src/core/optimizers/proposer-format';
import {
  createDemoBiasedModel,
  DEMO_BIASED_PROPOSER,
} from '../../../../src/engines/standin/demo-biased-model';
import { readInstructionRules } from '../../../../src/engines/standin/instruction-rules';
import {
  createInstructionFollowerModel,
  INSTRUCTION_FOLLOWER_PROPOSER,
  lapseRate,
} from '../../../../src/engines/standin/instruction-follower-model';
import { readDefinitions } from '../../../../src/engines/standin/label-definitions';
import { nameSimilarity } from '../../../../src/engines/standin/label-names';
import { Noise } from '../../../../src/engines/standin/noise';
import { proposeInstruction } from '../../../../src/engines/standin/proposer';
import { StandInModel, STANDIN_PROPOSER } from '../../../../src/engines/standin/standin-model';
import { classify, madeUpWords, neutralTexts, share } from './synthetic';

/**
 * The mechanisms each simulated model documents, on made-up tasks: what changes its answers,
 * measured against the others (no built-in task, no expected figure).
 */
const standIn = new StandInModel({ seed: 4 });
const biased = createDemoBiasedModel(4);
const follower = createInstructionFollowerModel(4);
const LABELS = ['north_gate', 'south_gate', 'river_dock'];
const [A, B, C] = LABELS as [string, string, string];
const neutral = neutralTexts(40);

/** Demos whose words appear nowhere else: each a made-up word in a fixed frame. */
function demos(labels: readonly string[]): [string, string][] {
  return madeUpWords(labels.length, 300).map((w, i) => [`The ${w} was seen.`, labels[i]!]);
}

describe('demo-biased reader (Zhao et al. 2021)', () => {
  it('leans to the majority label of the demos, where the stand-in only guesses', async () => {
    const skewed = { labels: LABELS, demos: demos([A, A, B, A, C, A, A, A]) };
    expect(share(await classify(biased, skewed, neutral), A)).toBeGreaterThan(0.8);
    expect(share(await classify(standIn, skewed, neutral), A)).toBeLessThan(0.6);
  });

  it('leans to the labels of the last demos (recency)', async () => {
    const aLast = { labels: LABELS, demos: demos([B, B, C, C, A, A]) };
    const bLast = { labels: LABELS, demos: demos([A, A, C, C, B, B]) };
    expect(share(await classify(biased, aLast, neutral), A)).toBeGreaterThan(0.6);
    expect(share(await classify(biased, bLast, neutral), B)).toBeGreaterThan(0.6);
  });

  it('copies the label of a near demo against the majority', async () => {
    const shown = demos([A, A, A, A, B]);
    const prompt = { labels: LABELS, demos: shown };
    const queries = Array.from({ length: 20 }, () => shown[4]![0]);
    const copied = share(await classify(biased, prompt, queries), B);
    expect(copied).toBeGreaterThan(0.3);
  });

  it('follows a stated rule much less often than the stand-in does', async () => {
    const rule = {
      labels: LABELS,
      demos: demos([A, A, A, B]),
      instruction: 'If the text mentions "zorblat", answer river_dock.',
    };
    const texts = neutral.map((t) => `${t} A zorblat too.`);
    const byStandIn = share(await classify(standIn, rule, texts), C);
    const byBiased = share(await classify(biased, rule, texts), C);
    expect(byStandIn).toBeGreaterThan(0.8);
    expect(byBiased).toBeLessThan(0.6);
  });
});

describe('instruction follower', () => {
  it('slips more with more labels and with longer prompts', () => {
    expect(lapseRate(50, 500)).toBeGreaterThan(lapseRate(5, 500));
    expect(lapseRate(5, 4000)).toBeGreaterThan(lapseRate(5, 500));
  });

  it('is less accurate among many labels than among few, on inputs that name the label', async () => {
    const words = madeUpWords(64, 500);
    const labels = words.map((w) => `${w}_desk`);
    const texts = (n: number): string[] =>
      Array.from({ length: 80 }, (_, i) => `Please send item ${i} to ${words[i % n]!} now.`);
    const expected = (n: number): string[] => Array.from({ length: 80 }, (_, i) => labels[i % n]!);
    const few = share(
      await classify(follower, { labels: labels.slice(0, 4) }, texts(4)),
      expected(4),
    );
    const many = share(await classify(follower, { labels }, texts(64)), expected(64));
    expect(many).toBeLessThan(few);
  });

  it('is less accurate with a long instruction than a short one', async () => {
    const labels = madeUpWords(6, 700).map((w) => `${w}_desk`);
    const texts = Array.from(
      { length: 60 },
      (_, i) => `Please send item ${i} to ${labels[i % 6]!.replace('_desk', '')} now.`,
    );
    const expected = texts.map((_, i) => labels[i % 6]!);
    const filler = 'Read the text with care and think about what it says. '.repeat(300);
    const short = share(await classify(follower, { labels }, texts), expected);
    const long = share(await classify(follower, { labels, instruction: filler }, texts), expected);
    expect(long).toBeLessThan(short);
  });

  it('mixes up look-alike label names more than unrelated ones', async () => {
    expect(nameSimilarity('send_money', 'send_mail')).toBeGreaterThan(
      nameSimilarity('send_money', 'kalox_desk'),
    );
    const labels = ['send_money', 'send_mail', ...madeUpWords(30, 100).map((w) => `${w}_room`)];
    const texts = Array.from({ length: 200 }, (_, i) => `Please money ${i} out.`);
    const answers = await classify(follower, { labels, instruction: 'x '.repeat(2000) }, texts);
    const wrong = answers.filter((a) => a !== 'send_money');
    expect(wrong.length).toBeGreaterThan(0);
    expect(share(wrong, 'send_mail')).toBeGreaterThan(0.5);
  });

  it('uses label definitions in the instruction; the stand-in does not read them', async () => {
    const prompt = {
      labels: LABELS,
      instruction: 'Answer river_dock for texts about zorblat or quenk.',
    };
    const texts = neutral.map((t) => `${t} A zorblat too.`);
    expect(share(await classify(follower, prompt, texts), C)).toBeGreaterThan(0.8);
    expect(share(await classify(standIn, prompt, texts), C)).toBeLessThan(0.6);
  });

  it('trusts the label named in the input over a near demo; the stand-in trusts the demo', async () => {
    const shown: [string, string][] = [['Please send the kalox parcel.', B], ...demos([C, C])];
    const prompt = { labels: LABELS, demos: shown };
    const texts = Array.from(
      { length: 20 },
      (_, i) => `Please send the kalox parcel north gate ${i}.`,
    );
    expect(share(await classify(follower, prompt, texts), A)).toBeGreaterThan(
      share(await classify(standIn, prompt, texts), A),
    );
  });
});

describe('as proposers, each model writes in its own style', () => {
  const block = (text: string, label: string): ExampleBlock => ({
    inputs: { text },
    expected: { category: label },
  });
  const words = madeUpWords(18, 200);
  const blocks = words.map((w, i) => block(`The ${w} was seen.`, LABELS[i % 3]!));
  const inputs = (seed: number): [Record<string, string>, Noise] => [
    {
      current_instruction: 'Classify the text.',
      predictor_description: `"classify" reads text [text] and writes category [label (one of ${LABELS.join(', ')})].`,
      demos: renderExampleBlocks('Example', blocks.slice(0, 6)),
      failures: renderExampleBlocks('Failure', blocks.slice(6)),
      previous_instructions: '(none yet)',
      tip: 'Make the instruction detailed and informative.',
    },
    new Noise(0, {
      messages: [],
      temperature: 1,
      topP: 1,
      maxTokens: 10,
      seed,
    } satisfies LMRequest),
  ];
  const ruleWords = (text: string): number =>
    readInstructionRules(text).keywordRules.reduce((n, r) => n + r.keywords.length, 0);

  it('the demo-biased model writes fewer usable rules than the stand-in', () => {
    let standInWords = 0;
    let biasedWords = 0;
    for (let s = 0; s < 10; s++) {
      standInWords += ruleWords(proposeInstruction(...inputs(s), STANDIN_PROPOSER));
      biasedWords += ruleWords(proposeInstruction(...inputs(s), DEMO_BIASED_PROPOSER));
    }
    expect(biasedWords).toBeLessThan(standInWords / 2);
  });

  it('the instruction follower writes label definitions it reads back', () => {
    const text = proposeInstruction(...inputs(1), INSTRUCTION_FOLLOWER_PROPOSER);
    const definitions = readDefinitions(text, LABELS);
    expect(definitions.size).toBeGreaterThan(0);
    for (const [label, defined] of definitions) {
      const examples = blocks.filter((b) => b.expected.category === label);
      const seen = examples.some((b) =>
        [...defined].some((w) => String(b.inputs.text).toLowerCase().includes(w)),
      );
      expect(seen).toBe(true);
    }
  });

  it('a proposal varies with the request seed', () => {
    for (const style of [STANDIN_PROPOSER, DEMO_BIASED_PROPOSER, INSTRUCTION_FOLLOWER_PROPOSER]) {
      const texts = new Set([1, 2, 3, 4, 5, 6].map((s) => proposeInstruction(...inputs(s), style)));
      expect(texts.size).toBeGreaterThan(1);
    }
  });
});
