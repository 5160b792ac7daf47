import { describe, expect, it } from 'vitest';
import type { Example } from '../../../../src/core/example';
import { Program, predict } from '../../../../src/core/program';
import { Rng } from '../../../../src/core/rng';
import { Signature } from '../../../../src/core/signature';
import { BootstrapSession } from '../../../../src/core/optimizers/bootstrap';
import { buildDemoCandidates } from '../../../../src/core/optimizers/demo-candidates';
import { demoTokens, fitDemoBudget } from '../../../../src/core/optimizers/demo-set';
import {
  coverageSample,
  interleaveByLabel,
  labelKeyOf,
} from '../../../../src/core/optimizers/label-coverage';
import { proposerExamples } from '../../../../src/core/optimizers/proposer-examples';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { makeSession, toyTask } from './session-helpers';

const LABELS = Array.from({ length: 12 }, (_, i) => `intent_${i}`);

function labelProgram(): Program {
  return new Program([
    predict(
      'classify',
      new Signature({
        instruction: 'Name the intent.',
        inputs: [{ name: 'text', description: '', type: 'text' }],
        outputs: [{ name: 'intent', description: '', type: 'label', labels: LABELS }],
      }),
    ),
  ]);
}

/** 60 examples: label 0 is common (38 of them), the other 11 labels have two each. */
function skewedExamples(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 38; i++)
    out.push({ id: `c${i}`, data: { text: `common ${i}`, intent: LABELS[0]! } });
  for (let l = 1; l < LABELS.length; l++)
    for (let k = 0; k < 2; k++)
      out.push({ id: `r${l}-${k}`, data: { text: `rare ${l} ${k}`, intent: LABELS[l]! } });
  return out;
}

const labelsOf = (list: readonly { data: Example['data'] }[]): Set<unknown> =>
  new Set(list.map((e) => e.data.intent));

describe('label coverage', () => {
  const keyOf = labelKeyOf(labelProgram());

  it('keys examples by their label outputs, and nothing for programs without labels', () => {
    expect(keyOf({ id: 'a', data: { text: 't', intent: 'intent_3' } })).toBe('intent_3');
    expect(keyOf({ id: 'a', data: { text: 't' } })).toBeNull();
    const free = new Program([predict('p', 'question -> answer')]);
    expect(labelKeyOf(free)({ id: 'a', data: { question: 'q', answer: 'x' } })).toBeNull();
  });

  it('interleaves so the first k examples show min(k, labels) labels, in the given order', () => {
    const order = interleaveByLabel(skewedExamples(), keyOf);
    expect(order).toHaveLength(60);
    expect(labelsOf(order.slice(0, 12)).size).toBe(12);
    // Within a label, the given order is kept.
    const commons = order.filter((e) => e.data.intent === LABELS[0]).map((e) => e.id);
    expect(commons.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
  });

  it('samples 16 examples over all 12 labels where a plain sample would miss most', () => {
    const sample = coverageSample(skewedExamples(), 16, new Rng(4), keyOf);
    expect(sample).toHaveLength(16);
    expect(labelsOf(sample).size).toBe(12);
    const plain = new Rng(4).sample(skewedExamples(), 16);
    expect(labelsOf(plain).size).toBeLessThan(12);
  });
});

describe('demo token budget', () => {
  it('keeps the leading demos that fit', () => {
    const demos = skewedExamples().map((e) => ({ data: e.data, augmented: false, sourceId: e.id }));
    const one = demoTokens(demos[0]!);
    expect(one).toBeGreaterThan(0);
    const kept = fitDemoBudget(demos, one * 3 + 1);
    expect(kept).toEqual(demos.slice(0, 3));
    expect(fitDemoBudget(demos, undefined)).toHaveLength(demos.length);
  });
});

describe('bootstrap with patience and label coverage', () => {
  const train = skewedExamples();
  /** A teacher that only ever solves the rare labels. */
  const rareOnly = (): ScriptedLM =>
    new ScriptedLM((request) => {
      const last = ScriptedLM.lastUser(request);
      const m = /text: rare (\d+)/.exec(last);
      return `intent: ${m ? `intent_${m[1]}` : 'intent_11'}`;
    });

  function session(lm: ScriptedLM, patience: number | undefined) {
    const program = labelProgram();
    const task = { ...toyTask(train, []), program, metric: exact };
    return new BootstrapSession(
      makeSession(task, lm),
      program,
      {
        maxBootstrappedDemos: 4,
        maxLabeledDemos: 16,
        maxRounds: 1,
        metricThreshold: 1,
        seed: 1,
        tag: 't',
        labelKey: labelKeyOf(program),
        ...(patience !== undefined ? { patience } : {}),
      },
      train,
      new Rng(3),
    );
  }

  it('stops after `patience` failures in a row and fills with labeled demos of other labels', async () => {
    const lm = rareOnly();
    const commonsFirst = [...train].sort((a, b) => (a.id < b.id ? -1 : 1));
    const boot = session(lm, 5);
    // Walk only the common examples: every attempt fails, so the walk gives up after 5.
    const r = await boot.walk(
      commonsFirst.filter((e) => e.id.startsWith('c')),
      4,
      new Rng(9),
    );
    expect(r.stats).toEqual({ attempts: 5, successes: 0 });
    expect(r.demos.classify).toHaveLength(16);
  });

  it('tries the labels in turn, so bootstrapped demos cover different labels', async () => {
    const lm = rareOnly();
    const boot = session(lm, undefined);
    const r = await boot.walk(train, 4, new Rng(9));
    const boot4 = (r.demos.classify ?? []).filter((d) => d.augmented);
    expect(boot4).toHaveLength(4);
    expect(labelsOf(boot4).size).toBe(4);
    // Labeled fill shows labels the bootstrapped demos did not.
    const labeled = (r.demos.classify ?? []).filter((d) => !d.augmented);
    expect(labeled.some((d) => labelsOf(boot4).has(d.data.intent))).toBe(false);
  });
});

describe('extended demo-set candidate', () => {
  it('keeps the current demos and adds failing examples of labels they do not show', async () => {
    const program = labelProgram();
    const train = skewedExamples();
    const current = train
      .filter((e) => e.id.startsWith('c'))
      .slice(0, 3)
      .map((e) => ({ data: e.data, augmented: false, sourceId: e.id }));
    const failing = train.filter((e) => e.id.startsWith('r')).slice(0, 6);
    const lm = new ScriptedLM(() => 'intent: intent_0');
    const task = { ...toyTask(train, []), program, metric: exact };
    const settings = {
      maxBootstrappedDemos: 2,
      maxLabeledDemos: 4,
      maxRounds: 1,
      metricThreshold: 1,
      seed: 1,
      tag: 't',
    };
    const boot = new BootstrapSession(makeSession(task, lm), program, settings, train, new Rng(1));
    const sets = await buildDemoCandidates(
      boot,
      program,
      train,
      {
        count: 5,
        maxBootstrappedDemos: 2,
        maxLabeledDemos: 4,
        labelKey: labelKeyOf(program),
        extend: { current: { classify: current }, failing },
      },
      new Rng(2),
    );
    const extended = sets.find((s) => s.kind === 'extended');
    expect(sets.map((s) => s.kind)).toEqual([
      'extended',
      'bootstrap',
      'labeled',
      'empty',
      'shuffled',
    ]);
    const demos = extended?.demos.classify ?? [];
    // 3 current + 3 more, up to maxLabeled + maxBootstrapped = 6, one per failing label first.
    expect(demos.slice(0, 3)).toEqual(current);
    expect(demos).toHaveLength(6);
    expect(labelsOf(demos.slice(3)).size).toBe(3);
    expect(extended?.label).toBe('current demos + 3 for failing examples');
    // A program with no demos yet (a run that began with a prompt phase) is not said to keep any.
    const fresh = await buildDemoCandidates(
      boot,
      program,
      train,
      {
        count: 1,
        maxBootstrappedDemos: 2,
        maxLabeledDemos: 4,
        labelKey: labelKeyOf(program),
        extend: { current: {}, failing },
      },
      new Rng(2),
    );
    // Its failing examples show 3 of the 12 labels: one of each, then labels not shown yet, so
    // a model led by its demos' labels is not left with only the labels it got wrong.
    expect(fresh.map((s) => s.label)).toEqual([
      '3 demos for failing examples + 3 for labels not shown',
    ]);
    const freshDemos = fresh[0]?.demos.classify ?? [];
    expect(freshDemos.slice(0, 3).map((d) => d.sourceId)).toEqual(['r1-0', 'r2-0', 'r3-0']);
    expect(labelsOf(freshDemos).size).toBe(6);
    expect(labelsOf(freshDemos).has(LABELS[0])).toBe(true);
    // Nothing to add, no candidate.
    const none = await buildDemoCandidates(
      boot,
      program,
      train,
      {
        count: 4,
        maxBootstrappedDemos: 2,
        maxLabeledDemos: 4,
        extend: { current: {}, failing: [] },
      },
      new Rng(2),
    );
    expect(none.some((s) => s.kind === 'extended')).toBe(false);
  });
});

describe('proposer examples', () => {
  it('shows every label once before any twice, within the token budget, never excluded ones', () => {
    const program = labelProgram();
    const train = skewedExamples();
    const exclude = new Set(['r1-0', 'r1-1']);
    const blocks = proposerExamples(program, train, 10_000, new Rng(5), exclude);
    expect(blocks).toHaveLength(58);
    const first = blocks.slice(0, 11).map((b) => b.expected.intent);
    expect(new Set(first).size).toBe(11);
    expect(blocks.some((b) => b.expected.intent === 'intent_1')).toBe(false);
    const small = proposerExamples(program, train, 60, new Rng(5));
    expect(small.length).toBeGreaterThan(0);
    expect(small.length).toBeLessThan(12);
    expect(proposerExamples(program, train, 0, new Rng(5))).toEqual([]);
  });
});

function exact(example: Example, prediction: Example['data']): number {
  return prediction.intent === example.data.intent ? 1 : 0;
}
