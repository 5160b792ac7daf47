import { describe, expect, it } from 'vitest';
import { constraintFromSpec } from '../../../../src/core/constraints';
import { Program, predict } from '../../../../src/core/program';
import { Rng } from '../../../../src/core/rng';
import { BootstrapSession, bootstrapDemos } from '../../../../src/core/optimizers/bootstrap';
import { buildDemoCandidates } from '../../../../src/core/optimizers/demo-candidates';
import { ScriptedLM } from '../../helpers/scripted-lm';
import { makeSession, toyTask } from './session-helpers';
import { examples, reverse, toyModel, toyProgram, words } from './toy-task';

const settings = {
  maxBootstrappedDemos: 4,
  maxLabeledDemos: 0,
  maxRounds: 1,
  metricThreshold: 1,
  seed: 11,
  tag: 't',
};

describe('bootstrapDemos', () => {
  const train = examples([...words('a', 9), 'magic', ...words('a', 5).map((w) => `${w}z`)]);

  it('finds the one training example whose trace makes the others right, marked augmented', async () => {
    const task = toyTask(train, []);
    const lm = toyModel();
    const r = await bootstrapDemos(
      makeSession(task, lm),
      task.program,
      train,
      settings,
      new Rng(1),
    );
    const demos = r.demos.main ?? [];
    expect(demos).toHaveLength(1);
    expect(demos[0]).toEqual({
      data: { x: 'magic', y: 'cigam' },
      augmented: true,
      sourceId: 'ex-magic',
    });
    expect(r.stats).toEqual({ attempts: train.length, successes: 1 });
    expect(r.bootstrappedIds).toEqual(['ex-magic']);
  });

  it('stops walking once enough traces pass, and fills up with labeled demos', async () => {
    const train2 = examples(words('c', 10));
    const task = toyTask(train2, []);
    const lm = toyModel();
    const r = await bootstrapDemos(
      makeSession(task, lm),
      task.program,
      train2,
      { ...settings, maxBootstrappedDemos: 2, maxLabeledDemos: 3 },
      new Rng(2),
    );
    const demos = r.demos.main ?? [];
    expect(r.stats).toEqual({ attempts: 2, successes: 2 });
    expect(demos.filter((d) => d.augmented)).toHaveLength(2);
    expect(demos.filter((d) => !d.augmented)).toHaveLength(1);
    const ids = demos.map((d) => d.sourceId);
    expect(new Set(ids).size).toBe(3);
  });

  it('the teacher keeps the current instruction and never shows the example it works on', async () => {
    const task = toyTask(train, [], { program: toyProgram('Reverse x, please.') });
    const lm = toyModel();
    await bootstrapDemos(
      makeSession(task, lm),
      task.program,
      train,
      { ...settings, maxLabeledDemos: train.length, maxBootstrappedDemos: train.length },
      new Rng(3),
    );
    expect(lm.requests.length).toBe(train.length);
    for (const req of lm.requests) {
      expect(req.messages[0]?.content).toBe('Reverse x, please.');
      const users = req.messages.filter((m) => m.role === 'user').map((m) => m.content);
      const current = users[users.length - 1];
      expect(users.slice(0, -1)).not.toContain(current);
      expect(users.length - 1).toBe(train.length - 1);
    }
  });

  it('later rounds re-sample at temperature 1 with a different seed', async () => {
    const train3 = examples(['bxy', 'bzw']);
    const task = toyTask(train3, []);
    // Right only when sampled (temperature 1): the greedy first round always fails.
    const lm = new ScriptedLM((req) => {
      const x = (ScriptedLM.lastUser(req).split(': ')[1] ?? '').trim();
      return `y: ${req.temperature === 1 ? reverse(x) : x}`;
    });
    const r = await bootstrapDemos(
      makeSession(task, lm),
      task.program,
      train3,
      { ...settings, maxRounds: 3 },
      new Rng(4),
    );
    expect(r.stats).toEqual({ attempts: 4, successes: 2 });
    expect(lm.requests.map((q) => q.temperature)).toEqual([0, 1, 0, 1]);
    expect(lm.requests[1]?.seed).not.toBe(lm.requests[0]?.seed);
  });

  it('a constraint violation is a failed attempt (no retry, no demo)', async () => {
    const train4 = examples(['cat', 'cow']);
    const task = toyTask(train4, [], {
      constraints: [constraintFromSpec({ kind: 'max-length', field: 'y', maxChars: 2 })],
    });
    const lm = toyModel({ overrides: { cat: 'ta' } });
    const session = makeSession(task, lm);
    const r = await bootstrapDemos(session, task.program, train4, settings, new Rng(5));
    // "cat" → "ta" passes the constraint but fails the metric; "cow" → "woc" breaks the constraint.
    expect(r.stats.successes).toBe(0);
    expect(lm.calls).toBe(2);
    expect(session.violations).toBe(1);
  });

  it('gives each predictor of a pipeline its own demos from the trace', async () => {
    const program = new Program([predict('first', 'x -> mid'), predict('second', 'mid -> y')]);
    const train5 = examples(['cab', 'cod']);
    const task = toyTask(train5, [], { program });
    const lm = new ScriptedLM((req) => {
      const user = ScriptedLM.lastUser(req);
      const x = user.split(': ')[1] ?? '';
      return user.startsWith('x: ') ? `mid: ${x.toUpperCase()}` : `y: ${reverse(x.toLowerCase())}`;
    });
    const r = await bootstrapDemos(makeSession(task, lm), program, train5, settings, new Rng(6));
    expect(r.demos.first?.map((d) => d.data)).toEqual(
      expect.arrayContaining([
        { x: 'cab', mid: 'CAB' },
        { x: 'cod', mid: 'COD' },
      ]),
    );
    expect(r.demos.second?.map((d) => d.data)).toEqual(
      expect.arrayContaining([
        { mid: 'CAB', y: 'bac' },
        { mid: 'COD', y: 'doc' },
      ]),
    );
  });
});

describe('buildDemoCandidates', () => {
  const train = examples([...words('c', 12), 'magic']);

  async function build(seed: number) {
    const task = toyTask(train, []);
    const lm = toyModel();
    const session = makeSession(task, lm);
    const s = { ...settings, maxLabeledDemos: 2 };
    const boot = new BootstrapSession(session, task.program, s, train, new Rng(seed));
    const sets = await buildDemoCandidates(
      boot,
      task.program,
      train,
      { count: 6, maxBootstrappedDemos: 4, maxLabeledDemos: 2 },
      new Rng(seed),
    );
    return { sets, lm };
  }

  it('makes empty, labeled-only, unshuffled and shuffled sets; same seed gives the same sets', async () => {
    const a = await build(7);
    const b = await build(7);
    expect(a.sets.map((s) => s.kind)).toEqual([
      'empty',
      'labeled',
      'bootstrap',
      'shuffled',
      'shuffled',
      'shuffled',
    ]);
    expect(a.sets[0]?.demos.main).toEqual([]);
    expect(a.sets[1]?.demos.main?.every((d) => !d.augmented)).toBe(true);
    expect(a.sets[2]?.demos.main?.map((d) => d.sourceId)).toEqual(
      train.slice(0, 4).map((e) => e.id),
    );
    expect(JSON.stringify(a.sets)).toEqual(JSON.stringify(b.sets));
    // Walks share outcomes: each example is tried at most once per session.
    expect(a.lm.calls).toBeLessThanOrEqual(train.length);
    const c = await build(8);
    expect(JSON.stringify(c.sets.slice(3))).not.toEqual(JSON.stringify(a.sets.slice(3)));
  });
});
