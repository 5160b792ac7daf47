import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../../src/core/interop/app-info';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { importDspyProgram, importDspyProgramText } from '../../../../src/core/interop/dspy-import';
import { chainOfThought, predict, Program, type ProgramState } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedText } from './shared-data';

const FIXTURES = resolve(__dirname, '../../../fixtures/dspy');
const fixture = (name: string): string => readFileSync(resolve(FIXTURES, name), 'utf8');
const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(fixture(name)) as Record<string, unknown>;

/** The predictor keys DSPy 2.6.9 → 3.3.1 writes, in its order (dspy/predict/predict.py). */
const PREDICT_KEYS = ['traces', 'train', 'demos', 'signature', 'lm'];

function ticketRouter(): ProgramState {
  return new Program([
    predict(
      'route',
      new Signature({
        instruction: 'Route the support ticket to the department that should handle it.',
        inputs: [{ name: 'ticket', description: '', type: 'text' }],
        outputs: [
          { name: 'department', description: '', type: 'label', labels: ['billing', 'technical'] },
        ],
      }),
      [
        {
          data: { ticket: 'I was charged twice.', department: 'billing' },
          augmented: true,
        },
      ],
    ),
  ]).toState();
}

function wordProblems(): ProgramState {
  return new Program([
    chainOfThought('solve', Signature.parse('question -> answer: number', 'Solve it.'), [
      {
        data: { question: '3 + 4?', reasoning: '3 + 4 = 7.', answer: 7 },
        augmented: true,
      },
    ]),
  ]).toState();
}

function twoSteps(): ProgramState {
  return new Program([
    predict('summarize', Signature.parse('text -> summary', 'Summarize.')),
    chainOfThought('answer', Signature.parse('text, summary -> answer', 'Answer.')),
  ]).toState();
}

describe('DSPy export layout, as DSPy’s own save() writes it', () => {
  it('a one-step Predict is flat: the predictor’s keys at the top level, as dspy.Predict(...).save()', () => {
    const { json, flat } = exportDspyProgram(ticketRouter());
    expect(flat).toBe(true);
    expect(Object.keys(json)).toEqual([...PREDICT_KEYS, 'metadata']);
    // Same top-level keys as the fixture written in DSPy's layout for a bare Predict.
    expect(Object.keys(json)).toEqual(Object.keys(fixtureJson('bare-predict-3.0.json')));
    expect(json.lm).toBeNull();
    expect(json.signature).toEqual({
      instructions: 'Route the support ticket to the department that should handle it.',
      fields: [
        { prefix: 'Ticket:', description: '${ticket}' },
        { prefix: 'Department:', description: '${department}' },
      ],
    });
  });

  it('a one-step ChainOfThought is one `predict` key, as dspy.ChainOfThought(...).save()', () => {
    const { json, flat } = exportDspyProgram(wordProblems());
    expect(flat).toBe(true);
    expect(Object.keys(json)).toEqual(Object.keys(fixtureJson('bare-cot-3.0.json')));
    const inner = json.predict as Record<string, unknown>;
    expect(Object.keys(inner)).toEqual(PREDICT_KEYS);
    expect(JSON.stringify(inner.signature)).toContain('"description":"${reasoning}"');
  });

  it('a two-step program is nested by parameter name, as a dspy.Module with those attributes', () => {
    const { json, flat } = exportDspyProgram(twoSteps());
    expect(flat).toBe(false);
    expect(Object.keys(json)).toEqual(Object.keys(fixtureJson('pipeline-2.6.json')));
    expect(Object.keys(json.summarize as object)).toEqual(PREDICT_KEYS);
  });

  it('a one-step program can still be written nested on request', () => {
    const { json } = exportDspyProgram(ticketRouter(), { layout: 'nested' });
    expect(Object.keys(json)).toEqual(['route', 'metadata']);
  });

  it('the app version written into exports is package.json’s', () => {
    const pkg = JSON.parse(
      readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('metadata names no invented Python/DSPy versions, and says what made the file', () => {
    const { json } = exportDspyProgram(twoSteps());
    const metadata = json.metadata as Record<string, Record<string, unknown>>;
    expect(metadata.dependency_versions).toEqual({});
    expect(metadata.copa_playground).toMatchObject({
      app: 'COPA Playground',
      app_version: APP_VERSION,
      dspy_layout_min_version: '2.6.0',
    });
  });
});

describe('DSPy import of each layout (fixtures in tests/fixtures/dspy)', () => {
  it('reads a file written by a bare dspy.Predict(...).save() (DSPy 3.0, flat)', () => {
    const r = importDspyProgramText(fixture('bare-predict-3.0.json'));
    expect(r.flat).toBe(true);
    expect(r.generation).toBe('G3');
    expect(r.dspyVersion).toBe('3.0.4');
    expect(r.program.steps).toHaveLength(1);
    const s = r.program.steps[0]!;
    expect(s.chainOfThought).toBe(false);
    expect(s.signature.instruction).toBe(
      'Route the support ticket to the department that should handle it.',
    );
    expect(s.signature.inputs.map((f) => f.name)).toEqual(['ticket']);
    expect(s.signature.outputs.map((f) => f.name)).toEqual(['department']);
    expect(s.demos.map((d) => d.augmented)).toEqual([true, false]);
    expect(s.demos[1]?.sourceId).toBe('5c0e1f2a-7d1b-4f52-9a43-0f1d2e3c4b5a');
    expect(r.skipped).toEqual([]);
  });

  it('reads a file written by a bare dspy.Predict(...).save() in DSPy 2.4 (flat, G1)', () => {
    const r = importDspyProgramText(fixture('bare-predict-2.4.json'));
    expect(r.flat).toBe(true);
    expect(r.generation).toBe('G1');
    const s = r.program.steps[0]!;
    expect(s.signature.inputs.map((f) => f.name)).toEqual(['ticket']);
    expect(s.signature.outputs.map((f) => f.name)).toEqual(['department']);
    expect(s.demos).toHaveLength(2);
  });

  it('reads a bare dspy.ChainOfThought(...).save() (one `predict` key) as one CoT step', () => {
    const r = importDspyProgramText(fixture('bare-cot-3.0.json'));
    expect(r.flat).toBe(false);
    const s = r.program.steps[0]!;
    expect(s.chainOfThought).toBe(true);
    expect(s.signature.outputs.map((f) => f.name)).toEqual(['answer']);
    expect(s.demos[0]?.data.reasoning).toMatch(/3 \+ 4 = 7/);
  });

  it('reads a nested 2.6 pipeline: `answer.predict` is ChainOfThought `answer`', () => {
    const r = importDspyProgramText(fixture('pipeline-2.6.json'));
    expect(r.program.steps.map((s) => [s.name, s.chainOfThought])).toEqual([
      ['summarize', false],
      ['answer', true],
    ]);
    expect(r.program.steps[0]?.signature.outputs[0]?.description).toBe('one sentence');
    expect(r.notRunnable).toBeUndefined();
  });

  it('keeps the 2.4 multi-hop file’s `retrieve` verbatim, and writes it back on export', () => {
    const original = fixtureJson('multihop-2.4.json');
    const r = importDspyProgram(original);
    expect(r.skipped).toEqual(['retrieve']);
    expect(r.program.kept).toEqual([{ name: 'retrieve', kind: 'retrieve', state: { k: 3 } }]);
    expect(r.warnings.join('\n')).toMatch(/"retrieve" is a DSPy Retrieve step.*kept/);
    const out = exportDspyProgram(r.program);
    expect(out.flat).toBe(false);
    expect(out.json.retrieve).toEqual({ k: 3 });
    // DSPy 2.6+ names each list item's inner Predict `generate_query[i].predict`.
    expect(Object.keys(out.json)).toEqual([
      'retrieve',
      'generate_query[0].predict',
      'generate_query[1].predict',
      'generate_answer.predict',
      'metadata',
    ]);
    expect(out.warnings.join('\n')).toMatch(/"retrieve".*written back as it was/);
  });

  it('kept parameters survive Program.fromState → an optimizer’s change → toState', () => {
    const r = importDspyProgram(fixtureJson('multihop-2.4.json'));
    const changed = Program.fromState(r.program).withInstruction('generate_answer', 'Answer.');
    expect(changed.toState().kept).toEqual(r.program.kept);
  });
});

describe('round trip: import → export → import gives the same program', () => {
  it.each([
    'bare-predict-3.0.json',
    'bare-predict-2.4.json',
    'bare-cot-3.0.json',
    'pipeline-2.6.json',
    'multihop-2.4.json',
  ])('%s', (name) => {
    const first = importDspyProgramText(fixture(name));
    const exported = exportDspyProgram(first.program);
    const second = importDspyProgramText(exported.text);
    expect(second.program).toEqual(first.program);
    // And once more: the export of the re-import is the same file.
    expect(exportDspyProgram(second.program).text).toBe(exported.text);
  });

  it.each([
    ['a Predict', ticketRouter],
    ['a ChainOfThought', wordProblems],
    ['a two-step program', twoSteps],
  ])('%s made in the playground (types kept by the layout metadata)', (_, make) => {
    const state = make();
    expect(importDspyProgramText(exportDspyProgram(state).text).program).toEqual(state);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`the real 2.4 multi-hop file${SKIP_NOTE}`, () => {
  it('keeps `retrieve` through import → export', () => {
    const original = JSON.parse(readSharedText('dspy-programs/dspy-2.4__basicmh_3_3_6.json')) as {
      retrieve: unknown;
    };
    const r = importDspyProgram(original);
    const out = exportDspyProgram(r.program).json;
    expect(out.retrieve).toEqual(original.retrieve);
    expect(importDspyProgram(out).program).toEqual(r.program);
  });
});
