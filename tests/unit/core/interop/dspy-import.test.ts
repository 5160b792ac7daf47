import { describe, expect, it } from 'vitest';
import { importDspyProgram, importDspyProgramText } from '../../../../src/core/interop/dspy-import';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { ProgramImportError } from '../../../../src/core/interop/errors';
import { HAS_SHARED_DATA, SKIP_NOTE, readSharedText } from './shared-data';

const step = (r: ReturnType<typeof importDspyProgram>, name: string) => {
  const s = r.program.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step ${name}; have ${r.program.steps.map((x) => x.name).join(', ')}`);
  return s;
};
const names = (fs: { name: string }[]) => fs.map((f) => f.name);

describe.skipIf(!HAS_SHARED_DATA)(`the three real DSPy files${SKIP_NOTE}`, () => {
  it('imports the pre-2.4 (G0) GSM8K ChainOfThought program from its demos alone', () => {
    const r = importDspyProgramText(
      readSharedText('dspy-programs/dspy-pre2.4__turbo_8_8_10_gsm8k_200_300.json'),
    );
    expect(r.generation).toBe('G0');
    const prog = step(r, 'prog');
    expect(prog.chainOfThought).toBe(true);
    expect(names(prog.signature.inputs)).toEqual(['question']);
    expect(names(prog.signature.outputs)).toEqual(['answer']);
    expect(prog.demos).toHaveLength(8);
    expect(prog.demos.filter((d) => d.augmented)).toHaveLength(4);
    // `rationale` becomes our `reasoning`; the GSM8K loader's `gold_reasoning` is not a field.
    expect(prog.demos[0]?.data.reasoning).toMatch(/^find the total time/);
    expect(prog.demos[0]?.data.answer).toBe('280');
    expect(prog.demos.some((d) => 'gold_reasoning' in d.data)).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/gold_reasoning/);
    expect(r.warnings.join('\n')).toMatch(/field types were not stored|does not store field types/);
    expect(r.notRunnable).toBeUndefined();
  });

  it('imports the 2.4 (G1) multi-hop program: instructions, fields from them, Retrieve skipped', () => {
    const r = importDspyProgramText(readSharedText('dspy-programs/dspy-2.4__basicmh_3_3_6.json'));
    expect(r.generation).toBe('G1');
    expect(r.skipped).toEqual(['retrieve']);
    expect(r.program.steps.map((s) => s.name)).toEqual([
      'generate_query[0]',
      'generate_query[1]',
      'generate_answer',
    ]);
    const answer = step(r, 'generate_answer');
    expect(answer.chainOfThought).toBe(true);
    expect(answer.signature.instruction).toBe(
      'Given the fields `context`, `question`, produce the fields `answer`.',
    );
    expect(names(answer.signature.inputs)).toEqual(['context', 'question']);
    expect(names(answer.signature.outputs)).toEqual(['answer']);
    expect(answer.demos).toHaveLength(16);
    expect(answer.demos[0]).toMatchObject({ augmented: true, data: { answer: 'Georgia' } });
    expect(Array.isArray(answer.demos[0]?.data.context)).toBe(true);
    expect(answer.demos[1]?.sourceId).toBe('0b3e77cf-0913-4a14-a869-80baac72814b');
    // Labeled demos carry only question/answer: no output of generate_query, so DSPy drops them.
    const query = step(r, 'generate_query[0]');
    expect(names(query.signature.outputs)).toEqual(['search_query']);
    expect(query.demos).toHaveLength(1);
    expect(query.demos[0]?.data.search_query).toBe('"Annette Snell airplane crash state"');
  });

  it('imports the 3.0 (G3) ReAct program: `extract.predict` is ChainOfThought `extract`', () => {
    const r = importDspyProgramText(readSharedText('dspy-programs/dspy-3.0.0__saved_program.json'));
    expect(r.generation).toBe('G3');
    expect(r.dspyVersion).toBe('3.0.0');
    const extract = step(r, 'extract');
    expect(extract.chainOfThought).toBe(true);
    expect(names(extract.signature.inputs)).toEqual(['question', 'trajectory']);
    expect(names(extract.signature.outputs)).toEqual(['answer']);
    expect(extract.signature.instruction).toBe(
      'Given the very verbose fields `question`, produce the fields `answer`.',
    );
    expect(extract.demos.map((d) => d.augmented)).toEqual([true, false]);
    expect(extract.demos[0]?.data.reasoning).toMatch(/^Both "That Darn Cat!"/);
    const react = step(r, 'react');
    expect(react.chainOfThought).toBe(false);
    expect(react.signature.instruction).toMatch(/^Imagine you are a detective/);
    expect(react.demos[0]?.data.next_tool_args).toEqual({});
    // dspy.ReAct always gives its tool-picking step these outputs after `trajectory`; nothing
    // is guessed (it was "assumed only the last one", with next_thought read as an input).
    expect(names(react.signature.inputs)).toEqual(['question', 'trajectory']);
    expect(names(react.signature.outputs)).toEqual([
      'next_thought',
      'next_tool_name',
      'next_tool_args',
    ]);
    expect(r.warnings.some((w) => /outputs/.test(w) && /assumed/.test(w))).toBe(false);
    // What the playground cannot do with an agent is said, with how to use the export in DSPy.
    expect(r.warnings).toContainEqual(
      expect.stringMatching(
        /^"react" is the tool-picking step of a DSPy ReAct agent\. The playground has no tools and no agent loop.*dspy\.ReAct\(signature, tools=\[\.\.\.\]\)/,
      ),
    );
  });

  it("says a predictor's own LM is left out, and that a saved API key is not stored", () => {
    const predictor = (lm: Record<string, unknown> | null) => ({
      traces: [],
      train: [],
      demos: [],
      signature: {
        instructions: 'Given the fields `q`, produce the fields `a`.',
        fields: [
          { prefix: 'Q:', description: '${q}' },
          { prefix: 'A:', description: '${a}' },
        ],
      },
      lm,
    });
    const r = importDspyProgram({
      own: predictor({ model: 'openai/gpt-4o-mini', temperature: 0.7, api_key: 'sk-test' }),
      shared: predictor(null),
      metadata: { dependency_versions: { python: '3.12', dspy: '3.0.1', cloudpickle: '3.1' } },
    });
    expect(r.warnings.filter((w) => /LM settings/.test(w))).toEqual([
      'own: the predictor\'s own LM settings ("openai/gpt-4o-mini") were left out: the playground runs every step on the model chosen here, and a DSPy export writes "lm": null, so in DSPy this step runs on the model set with dspy.configure unless you call set_lm on it again. The file also holds that model\'s credentials (an API key in own.lm.api_key); they were not kept.',
    ]);
    expect(JSON.stringify(r.program)).not.toContain('sk-test');
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `says how a multi-step DSPy program's steps will be wired, since DSPy saves no forward()${SKIP_NOTE}`,
    () => {
      const r = importDspyProgramText(readSharedText('dspy-programs/dspy-2.4__basicmh_3_3_6.json'));
      expect(r.warnings).toContainEqual(
        'A DSPy file does not store how its program called its 3 steps (its forward()). The playground runs them in file order, each reading the program\'s inputs and the outputs of the steps before it by field name, so the data must supply "context", "question". Check the steps on the Program screen before a run.',
      );
      // A program the playground exported carries its wiring: nothing to say then.
      const back = importDspyProgramText(exportDspyProgram(r.program).text);
      expect(back.warnings.some((w) => /forward\(\)/.test(w))).toBe(false);
    },
  );

  it('keeps the instruction of a predictor whose signature is in an unknown shape, and says so', () => {
    const r = importDspyProgram({
      p: {
        demos: [{ augmented: true, question: 'q', answer: 'a' }],
        signature: { instructions: 'Answer briefly.', fields: { question: {}, answer: {} } },
        lm: null,
      },
    });
    // It was read as a file from before DSPy 2.4: the instruction dropped, the warning untrue.
    expect(r.program.steps[0]?.signature.instruction).toBe('Answer briefly.');
    expect(r.warnings.some((w) => /before 2\.4/.test(w))).toBe(false);
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/^p: its "signature" is not in the shape DSPy writes .*Program screen/),
    );
  });

  it('a guessed layout says where to correct it (there is no place to type a signature)', () => {
    const r = importDspyProgram({
      p: {
        demos: [],
        signature: {
          instructions: 'Free text.',
          fields: [
            { prefix: 'A:', description: '${a}' },
            { prefix: 'B:', description: '${b}' },
            { prefix: 'C:', description: '${c}' },
          ],
        },
        lm: null,
      },
    });
    expect(r.warnings).toContainEqual(
      'p: the file does not say which fields are outputs; assumed only the last one ("c"). If that is wrong, open the program from the Library (Open with …) and correct its fields on the Program screen before you save it: remove an input that is an output and add it under Output fields.',
    );
  });

  it('uses a signature the user gives instead of guessing', () => {
    const r = importDspyProgramText(
      readSharedText('dspy-programs/dspy-3.0.0__saved_program.json'),
      {
        signatures: {
          react: 'question, trajectory -> next_thought, next_tool_name, next_tool_args',
        },
      },
    );
    const react = step(r, 'react');
    expect(names(react.signature.outputs)).toEqual([
      'next_thought',
      'next_tool_name',
      'next_tool_args',
    ]);
    expect(r.warnings.some((w) => w.startsWith('react:') && /outputs/.test(w))).toBe(false);
  });
});

describe('DSPy import of each generation (synthetic files from the documented shapes)', () => {
  it('G2 (2.5.x) ChainOfThought with extended_signature and `rationale`', () => {
    const r = importDspyProgram({
      answer: {
        lm: null,
        traces: [],
        train: [],
        demos: [{ augmented: true, question: 'q', rationale: 'because', answer: 'a' }],
        signature: {
          instructions: 'Answer.',
          fields: [
            { prefix: 'Question:', description: '${question}' },
            { prefix: 'Answer:', description: '${answer}' },
          ],
        },
        extended_signature: {
          instructions: 'Answer well.',
          fields: [
            { prefix: 'Question:', description: '${question}' },
            {
              prefix: "Reasoning: Let's think step by step in order to",
              description: '${produce the answer}. We ...',
            },
            { prefix: 'Answer:', description: 'a short answer' },
          ],
        },
      },
    });
    expect(r.generation).toBe('G2');
    const s = step(r, 'answer');
    expect(s.chainOfThought).toBe(true);
    expect(s.signature.instruction).toBe('Answer well.');
    expect(s.signature.outputs).toEqual([
      { name: 'answer', description: 'a short answer', type: 'text' },
    ]);
    expect(s.demos[0]?.data).toEqual({ question: 'q', reasoning: 'because', answer: 'a' });
  });

  it('G1 with save_field_meta fields[] takes names and roles from them', () => {
    const r = importDspyProgram({
      self: {
        lm: null,
        traces: [],
        train: [],
        demos: [],
        fields: [
          { name: 'text', field_type: 'input', description: 'The text', prefix: 'Text:' },
          { name: 'label', field_type: 'output', description: '${label}', prefix: 'Sentiment:' },
        ],
        signature_instructions: 'Classify the sentiment.',
        signature_prefix: 'Sentiment:',
      },
    });
    const s = step(r, 'self');
    expect(s.signature.inputs).toEqual([{ name: 'text', description: 'The text', type: 'text' }]);
    expect(names(s.signature.outputs)).toEqual(['label']);
    expect(s.signature.instruction).toBe('Classify the sentiment.');
    expect(r.warnings.some((w) => /custom prefix "Sentiment:"/.test(w))).toBe(true);
  });

  it('names a field from its prefix when the description is custom and no demo is complete', () => {
    const r = importDspyProgram({
      ask: {
        traces: [],
        train: [],
        demos: [],
        signature: {
          instructions: 'Given the fields `question`, produce the fields `search_query`.',
          fields: [
            { prefix: 'Question:', description: 'the question' },
            { prefix: 'Search Query:', description: 'a query' },
          ],
        },
        lm: null,
      },
      metadata: { dependency_versions: { python: '3.12', dspy: '2.6.25', cloudpickle: '3.1' } },
    });
    const s = step(r, 'ask');
    expect(names(s.signature.inputs)).toEqual(['question']);
    expect(names(s.signature.outputs)).toEqual(['search_query']);
    expect(r.warnings.some((w) => /guessed from its prefix "Search Query:"/.test(w))).toBe(true);
  });

  it('names described fields by prefix, not by the key order of a labeled demo', () => {
    // `desc=` replaces the ${name} placeholder, so names come from elsewhere. A labeled demo is
    // a dataset row, its keys in the dataset's order: read by position, it named the input
    // "sentiment" (with the sentence's description) and the output "sentence".
    const classify = (demos: object[]) => ({
      classify: {
        traces: [],
        train: [],
        demos,
        signature: {
          instructions: 'Classify the sentiment of the sentence.',
          fields: [
            { prefix: 'Sentence:', description: 'A movie review sentence' },
            { prefix: 'Movie Sentiment:', description: 'positive or negative' },
          ],
        },
        lm: null,
      },
      metadata: { dependency_versions: { python: '3.12', dspy: '3.0.4', cloudpickle: '3.1' } },
    });
    const r = importDspyProgram(
      classify([{ movieSentiment: 'positive', sentence: 'a gripping film', dspy_split: 'train' }]),
    );
    const s = step(r, 'classify');
    expect(s.signature.inputs).toEqual([
      { name: 'sentence', description: 'A movie review sentence', type: 'text' },
    ]);
    // The demo's key, not a guess from the prefix ("movie_sentiment").
    expect(s.signature.outputs).toEqual([
      { name: 'movieSentiment', description: 'positive or negative', type: 'text' },
    ]);
    expect(s.demos.map((d) => d.data)).toEqual([
      { sentence: 'a gripping film', movieSentiment: 'positive' },
    ]);
    expect(r.warnings.join('\n')).not.toMatch(/guessed from its prefix/);
    // A bootstrapped demo lists inputs, then outputs: its order still names a custom prefix.
    const custom = classify([
      { augmented: true, sentence: 'dull', label: 'negative' },
      { label: 'positive', sentence: 'fun' },
    ]);
    (custom.classify.signature.fields[1] as { prefix: string }).prefix = 'Final Answer:';
    const c = step(importDspyProgram(custom), 'classify');
    expect(names(c.signature.inputs)).toEqual(['sentence']);
    expect(names(c.signature.outputs)).toEqual(['label']);
  });

  it('a G0 predictor without demos gets a placeholder signature and says so', () => {
    const r = importDspyProgram({ p: { lm: null, traces: [], train: [], demos: [] } });
    expect(names(step(r, 'p').signature.inputs)).toEqual(['input']);
    expect(r.warnings.some((w) => /names no fields/.test(w))).toBe(true);
  });

  it('skips Flex and unknown parameters, refuses files without predictors', () => {
    const r = importDspyProgram({
      flex: { module_src: null, lm: null },
      odd: { foo: 1 },
      p: { lm: null, traces: [], train: [], demos: [{ augmented: true, x: '1', y: '2' }] },
    });
    expect(r.skipped).toEqual(['flex', 'odd']);
    expect(() => importDspyProgram({ retrieve: { k: 3 } })).toThrow(ProgramImportError);
    expect(() => importDspyProgram([1, 2])).toThrow(
      /JSON object keyed by predictor name; this file is a list of 2 items/,
    );
  });

  it('says a predictor saved with fewer than two fields is a damaged file, and what to do', () => {
    const withFields = (fields: object[]) => ({
      p: { traces: [], train: [], demos: [], signature: { instructions: 'x', fields }, lm: null },
    });
    expect(() => importDspyProgram(withFields([{ prefix: 'Q:', description: '${q}' }]))).toThrow(
      /^"p": .*only the field "q"; DSPy saves every input field and then every output field, so the file was cut or edited by hand\. Save the program again from DSPy and import that file\. Nothing was saved\.$/,
    );
    expect(() => importDspyProgram(withFields([]))).toThrow(/gives this predictor no field;/);
    // A problem DSPy could have written is said as it is, without blaming the file.
    expect(() =>
      importDspyProgram(
        withFields([
          { prefix: 'Q:', description: '${q}' },
          { prefix: 'Q:', description: '${q}' },
        ]),
      ),
    ).toThrow(
      /^"p": The field name "q" is used twice; names must be unique\. Nothing was saved\.$/,
    );
  });

  it('reports a malformed demo with the predictor that holds it', () => {
    expect(() => importDspyProgram({ p: { demos: ['nope'] } })).toThrow(
      /"p".demos: demo 1 is not an object/,
    );
  });

  it('reports invalid JSON with its line and column', () => {
    expect(() => importDspyProgramText('{\n  "p": {,\n}')).toThrow(/line 2, column \d+/);
  });

  it('refuses a signature hint that does not parse', () => {
    expect(() =>
      importDspyProgram(
        { p: { demos: [{ augmented: true, x: '1', y: '2' }] } },
        { signatures: { p: 'no arrow' } },
      ),
    ).toThrow(/signature given for "p"/);
  });
});

describe('A hand-made DSPy file whose instruction is not text', () => {
  const g3 = (instructions: unknown) =>
    importDspyProgram({
      classify: {
        lm: null,
        traces: [],
        train: [],
        demos: [],
        signature: {
          instructions,
          fields: [
            { prefix: 'Text:', description: '${text}' },
            { prefix: 'Label:', description: '${label}' },
          ],
        },
      },
    });

  it("says the instruction was not text and DSPy's default was used", () => {
    for (const [value, said] of [
      [42, 'a number (42)'],
      [null, 'null'],
      [['Classify.'], 'a list'],
      [{ text: 'Classify.' }, 'an object'],
      [undefined, 'missing'],
    ] as const) {
      const r = g3(value);
      const s = step(r, 'classify');
      expect(s.signature.instruction).toBe('Given the fields `text`, produce the fields `label`.');
      const notes = r.warnings.filter((w) => w.includes('"signature.instructions"'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain(`is ${said}, not text`);
      expect(notes[0]).toContain("DSPy's default instruction was used");
    }
  });

  it('says nothing of the kind when the instruction is text', () => {
    const r = g3('Classify the text.');
    expect(step(r, 'classify').signature.instruction).toBe('Classify the text.');
    expect(r.warnings.some((w) => w.includes('not text'))).toBe(false);
  });

  it('uses the plain instruction of a G1 file when the extended one is not text, and says so', () => {
    const r = importDspyProgram({
      answer: {
        lm: null,
        traces: [],
        train: [],
        demos: [{ augmented: true, question: 'q', rationale: 'because', answer: 'a' }],
        signature_instructions: 'Answer the question.',
        signature_prefix: 'Answer:',
        extended_signature_instructions: { text: 'Answer well.' },
        extended_signature_prefix: 'Answer:',
      },
    });
    const s = step(r, 'answer');
    // It read "[object Object]" before.
    expect(s.signature.instruction).toBe('Answer the question.');
    const note = r.warnings.find((w) => w.includes('"extended_signature_instructions"'));
    expect(note).toContain('is an object, not text');
    expect(note).toContain('the one in "signature_instructions" was used');
  });
});
