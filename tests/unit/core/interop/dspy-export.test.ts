import { describe, expect, it } from 'vitest';
import { dspyParameterName, exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { inferPrefix } from '../../../../src/core/interop/dspy-format';
import { importDspyProgram, importDspyProgramText } from '../../../../src/core/interop/dspy-import';
import {
  chainOfThought,
  effectiveSignature,
  predict,
  Program,
  type ProgramState,
} from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedText } from './shared-data';
import { commaLabelSignature } from '../../helpers/comma-labels';

function sampleProgram(): ProgramState {
  const classify = predict(
    'classify',
    new Signature({
      instruction: 'Classify the question by the kind of answer it wants.',
      inputs: [{ name: 'question', description: '', type: 'text' }],
      outputs: [
        {
          name: 'label',
          description: 'the coarse class',
          type: 'label',
          labels: ['HUM', 'LOC', 'NUM'],
        },
      ],
    }),
    [
      { data: { question: 'Who wrote Hamlet?', label: 'HUM' }, augmented: true },
      { data: { question: 'Where is Kyoto?', label: 'LOC' }, augmented: false },
    ],
  );
  const answer = chainOfThought(
    'answer',
    Signature.parse('question, label -> answer, confidence: number', 'Answer it.'),
    [
      {
        data: {
          question: 'Who wrote Hamlet?',
          label: 'HUM',
          reasoning: 'It is a famous play.',
          answer: 'Shakespeare',
          confidence: 0.9,
        },
        augmented: true,
      },
    ],
  );
  return new Program([classify, answer], 'Classify, then answer.').toState();
}

describe('DSPy export', () => {
  it('has the shape DSPy 2.6.9–3.x loads: per-predictor keys in order, lm null, metadata', () => {
    const { json } = exportDspyProgram(sampleProgram());
    expect(Object.keys(json)).toEqual(['classify', 'answer.predict', 'metadata']);
    const classify = json.classify as Record<string, unknown>;
    expect(Object.keys(classify)).toEqual(['traces', 'train', 'demos', 'signature', 'lm']);
    expect(classify).toMatchObject({ traces: [], train: [], lm: null });
    expect(classify.signature).toEqual({
      instructions: 'Classify the question by the kind of answer it wants.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Label:', description: 'the coarse class' },
      ],
    });
    // No invented versions: DSPy's load() warns only about the versions a file lists.
    expect(json.metadata).toMatchObject({
      dependency_versions: {},
      copa_playground: { app: 'COPA Playground', dspy_layout_min_version: '2.6.0' },
    });
  });

  it('writes ChainOfThought as `<name>.predict` with the reasoning field after the inputs', () => {
    const { json } = exportDspyProgram(sampleProgram());
    const cot = json['answer.predict'] as {
      signature: { fields: { prefix: string; description: string }[] };
      demos: object[];
    };
    expect(cot.signature.fields.map((f) => f.prefix)).toEqual([
      'Question:',
      'Label:',
      "Reasoning: Let's think step by step in order to",
      'Answer:',
      'Confidence:',
    ]);
    expect(cot.signature.fields[2]?.description).toBe('${reasoning}');
    expect(Object.keys(cot.demos[0] ?? {})).toEqual([
      'augmented',
      'question',
      'label',
      'reasoning',
      'answer',
      'confidence',
    ]);
    expect(dspyParameterName({ name: 'self', chainOfThought: true })).toBe('predict');
    const short = exportDspyProgram(sampleProgram(), { dependencyVersions: { dspy: '3.2.0' } })
      .json['answer.predict'];
    expect(JSON.stringify(short)).toContain('"prefix":"Reasoning:"');
  });

  it('marks only bootstrapped demos `augmented`, first', () => {
    const demos = (exportDspyProgram(sampleProgram()).json.classify as { demos: object[] }).demos;
    expect(demos).toEqual([
      { augmented: true, question: 'Who wrote Hamlet?', label: 'HUM' },
      { question: 'Where is Kyoto?', label: 'LOC' },
    ]);
  });

  it('warns about field types DSPy JSON cannot hold', () => {
    const { warnings } = exportDspyProgram(sampleProgram());
    expect(warnings.join('\n')).toMatch(
      /classify\.label is a label field with 3 labels; .*label: Literal\["HUM", "LOC", "NUM"\] = dspy\.OutputField\(\)/,
    );
    expect(warnings.join('\n')).toMatch(/answer\.confidence is a number field/);
  });

  it('file text is 2-space JSON ending with a newline, parseable back', () => {
    const { text, json } = exportDspyProgram(sampleProgram());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(json);
  });
});

describe('DSPy export → import round trip', () => {
  it('gives back the same program (instructions, fields with types, demos) with the layout metadata', () => {
    const state = sampleProgram();
    const back = importDspyProgramText(exportDspyProgram(state).text);
    expect(back.program).toEqual(state);
    expect(back.warnings).toEqual([]);
  });

  it('keeps a label holding a comma whole, in the file, the Python Literal and back', () => {
    const state = new Program([
      predict('confirm', commaLabelSignature(['Yes, definitely', 'No, never', 'Maybe'])),
    ]).toState();
    const exported = exportDspyProgram(state);
    expect(exported.warnings.join('\n')).toContain(
      'Literal["Yes, definitely", "No, never", "Maybe"]',
    );
    const back = importDspyProgramText(exported.text);
    expect(back.program.steps[0]?.signature.outputs[0]?.labels).toEqual([
      'Yes, definitely',
      'No, never',
      'Maybe',
    ]);
    expect(back.program).toEqual(state);
  });

  it('keeps instructions, field names and demos even without the layout metadata (pure DSPy view)', () => {
    const state = sampleProgram();
    const back = importDspyProgram(exportDspyProgram(state, { includeFieldLayout: false }).json);
    expect(back.generation).toBe('G3');
    expect(back.program.steps.map((s) => s.name)).toEqual(['classify', 'answer']);
    state.steps.forEach((s, i) => {
      const b = back.program.steps[i];
      expect(b?.signature.instruction).toBe(s.signature.instruction);
      expect(b?.chainOfThought).toBe(s.chainOfThought);
      expect(b?.signature.inputs.map((f) => f.name)).toEqual(s.signature.inputs.map((f) => f.name));
      expect(b?.demos).toEqual(s.demos);
    });
    // The 2-output CoT split comes from the reasoning position; types are reported as lost.
    expect(back.program.steps[1]?.signature.outputs.map((f) => f.name)).toEqual([
      'answer',
      'confidence',
    ]);
    expect(back.warnings[0]).toMatch(/does not store field types/);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`real DSPy files re-exported${SKIP_NOTE}`, () => {
  it('the 3.0 ReAct file keeps its parameter names, instructions and demos through import → export', () => {
    const original = JSON.parse(
      readSharedText('dspy-programs/dspy-3.0.0__saved_program.json'),
    ) as Record<
      string,
      { signature: { instructions: string; fields: unknown[] }; demos: Record<string, unknown>[] }
    >;
    const imported = importDspyProgram(original, {
      signatures: { react: 'question, trajectory -> next_thought, next_tool_name, next_tool_args' },
    });
    const { json } = exportDspyProgram(imported.program, {
      dependencyVersions: { dspy: '3.0.0', python: '3.13' },
    });
    const out = json as unknown as typeof original;
    expect(Object.keys(out)).toEqual(['react', 'extract.predict', 'metadata']);
    for (const name of ['react', 'extract.predict']) {
      expect(out[name]?.signature).toEqual(original[name]?.signature);
      // Demo values survive; DSPy's bookkeeping keys of labeled demos are not fields and are dropped.
      expect(out[name]?.demos[0]).toEqual(original[name]?.demos[0]);
    }
  });
});

describe('inferPrefix (DSPy infer_prefix)', () => {
  it.each([
    ['search_query', 'Search Query'],
    ['next_tool_args', 'Next Tool Args'],
    ['HTMLParser', 'HTML Parser'],
    ['camelCaseText', 'Camel Case Text'],
    ['text2number', 'Text 2 Number'],
    ['someAttributeName42IsCool', 'Some Attribute Name 42 Is Cool'],
    ['question', 'Question'],
  ])('%s → %s', (name, prefix) => {
    expect(inferPrefix(name)).toBe(prefix);
  });
});

describe('DSPy export of a ChainOfThought step that names an output "reasoning"', () => {
  it('writes the fields the run used, one reasoning, each with its own prefix and description', () => {
    const step = chainOfThought(
      'qa',
      new Signature({
        instruction: 'Answer the question.',
        inputs: [{ name: 'question', description: '', type: 'text' }],
        outputs: [
          { name: 'reasoning', description: 'why the answer holds', type: 'text' },
          { name: 'answer', description: '', type: 'text' },
        ],
      }),
    );
    const state = new Program([step]).toState();
    const ran = effectiveSignature(step);
    const json = exportDspyProgram(state).json as {
      predict: { signature: { fields: { prefix: string; description: string }[] } };
    };
    const fields = json.predict.signature.fields;
    expect(fields).toHaveLength(ran.inputs.length + ran.outputs.length);
    expect(fields).toEqual([
      { prefix: 'Question:', description: '${question}' },
      { prefix: 'Reasoning:', description: 'why the answer holds' },
      { prefix: 'Answer:', description: '${answer}' },
    ]);
  });
});
