import { describe, expect, it } from 'vitest';
import { exportCopaProgram, copaProgramText } from '../../../../src/core/interop/copa-format';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { messagesExportText } from '../../../../src/core/interop/prompt-export';
import { ProgramImportError } from '../../../../src/core/interop/errors';
import { importProgramFile } from '../../../../src/core/interop/program-file';
import { PROGRAM_LIMITS } from '../../../../src/core/interop/program-limits';
import { predict, Program, type ProgramState } from '../../../../src/core/program';

const good = new Program([
  predict('route', 'ticket -> department: label[billing|returns]', [
    { data: { ticket: 'charged twice', department: 'billing' }, augmented: false },
  ]),
]).toState();

/** A project-JSON file around a program state changed by `change` (a deep copy of `good`). */
function fileWith(change: (p: Record<string, unknown>) => void): string {
  const state = structuredClone(good) as unknown as Record<string, unknown>;
  change(state);
  return copaProgramText(
    exportCopaProgram(state as unknown as ProgramState, {
      name: 'hostile',
      exportedAt: new Date(0),
    }),
  );
}
const step0 = (p: Record<string, unknown>): Record<string, unknown> =>
  (p.steps as Record<string, unknown>[])[0] as Record<string, unknown>;
const sig0 = (p: Record<string, unknown>): Record<string, unknown> =>
  step0(p).signature as Record<string, unknown>;

function refusal(text: string): string {
  try {
    importProgramFile(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ProgramImportError);
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('program files from strangers', () => {
  it('accepts a good file', () => {
    expect(importProgramFile(fileWith(() => {})).program.steps[0]?.name).toBe('route');
  });

  it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
    [
      'a description that is not text',
      (p) => (p.description = 5),
      /"description" is 5, expected text/,
    ],
    ['a null step', (p) => (p.steps = [null]), /"steps.0" is null, expected an object/],
    ['a null demo', (p) => (step0(p).demos = [null]), /"steps.0.demos.0" is null/],
    [
      'labels that are not text',
      (p) => ((sig0(p).outputs as Record<string, unknown>[])[0]!.labels = [1, null]),
      /"steps.0.signature.outputs.0.labels.0" is 1, expected text/,
    ],
    [
      'a demo key that is Markdown, not a field name',
      (p) => (step0(p).demos = [{ data: { '![x](http://host/p.png)': 'v' }, augmented: false }]),
      /"steps.0.demos.0.data.!\[x\]\(http:\/\/host\/p.png\)" is not a name/,
    ],
    [
      'a field named constructor',
      (p) => ((sig0(p).inputs as Record<string, unknown>[])[0]!.name = 'constructor'),
      /"steps.0.signature.inputs.0.name" is reserved/,
    ],
    [
      'a field named __proto__',
      (p) => ((sig0(p).outputs as Record<string, unknown>[])[0]!.name = '__proto__'),
      /is reserved/,
    ],
    [
      'a huge instruction',
      (p) => (sig0(p).instruction = 'x'.repeat(PROGRAM_LIMITS.instructionChars + 1)),
      /"steps.0.signature.instruction" is longer than 20,000 characters/,
    ],
    [
      'too many demos',
      (p) =>
        (step0(p).demos = Array.from({ length: PROGRAM_LIMITS.demosPerStep + 1 }, () => ({
          data: { ticket: 't', department: 'billing' },
          augmented: false,
        }))),
      /"steps.0.demos" has more than 100 demos/,
    ],
  ])('refuses %s, saying where', (_what, change, message) => {
    expect(refusal(fileWith(change))).toMatch(message);
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = fileWith((p) => (sig0(p).instruction = 'x'.repeat(PROGRAM_LIMITS.fileChars)));
    expect(refusal(big)).toMatch(/imports program files up to 20.0 MB/);
  });

  it('refuses 200,000-deep nesting with a message, not a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(refusal(deep)).toMatch(/more than 32 levels deep/);
  });

  it('refuses an array, and a file made by a newer version, by name', () => {
    expect(refusal('[1, 2]')).toMatch(/./);
    expect(() =>
      importProgramFile(JSON.stringify({ format: 'copa-playground/program', version: 99 })),
    ).toThrow(/format version 99/);
  });
});

describe('JSON exports of hostile text', () => {
  const hostile = '"}], "injected": true, "x": [{"a": "</script><img src=x onerror=alert(1)>\u2028';
  const base = predict('route', 'ticket -> department: label[billing|returns]');
  const program = new Program([
    {
      ...base,
      signature: base.signature.withInstruction(hostile),
      demos: [{ data: { ticket: hostile, department: 'billing' }, augmented: false }],
    },
  ]).toState();

  it('keeps the text as data in DSPy JSON, OpenAI messages and project JSON', () => {
    const dspy = JSON.parse(exportDspyProgram(program).text) as Record<string, unknown>;
    expect(dspy).not.toHaveProperty('injected');
    expect(JSON.stringify(dspy)).toContain(JSON.stringify(hostile).slice(1, -1));
    const messages = JSON.parse(messagesExportText(program)) as unknown;
    expect(JSON.stringify(messages)).toContain(JSON.stringify(hostile).slice(1, -1));
    const back = importProgramFile(
      copaProgramText(exportCopaProgram(program, { name: 'h', exportedAt: new Date(0) })),
    );
    expect(back.program.steps[0]?.signature.instruction).toBe(hostile.trim());
    expect(back.program.steps[0]?.demos[0]?.data.ticket).toBe(hostile);
  });
});

describe('a DSPy file over the limits', () => {
  const dspyFile = (change: (predictor: Record<string, unknown>) => void): string => {
    const predictor: Record<string, unknown> = {
      traces: [],
      train: [],
      demos: [{ augmented: true, question: 'q', answer: 'a' }],
      signature: {
        instructions: 'Given the fields `question`, produce the fields `answer`.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: null,
    };
    change(predictor);
    return JSON.stringify({ generate_answer: predictor, metadata: { dependency_versions: {} } });
  };

  it.each([
    [
      'too many demos',
      (p: Record<string, unknown>) =>
        (p.demos = Array.from({ length: PROGRAM_LIMITS.demosPerStep + 1 }, () => ({
          question: 'q',
          answer: 'a',
        }))),
      'predictor "generate_answer" has more than 100 demos.',
    ],
    [
      'a demo value too long',
      (p: Record<string, unknown>) =>
        (p.demos = [{ question: 'q'.repeat(PROGRAM_LIMITS.demoValueChars + 1), answer: 'a' }]),
      'predictor "generate_answer", demo 1, field "question", is longer than 100,000 characters.',
    ],
  ])(
    'names the predictor in the file, not an internal path (%s)',
    (_case, change, problem: string) => {
      expect(refusal(dspyFile(change))).toBe(
        `The program in this file cannot be imported (nothing was saved): ${problem} A program this large would not fit a small model's prompt: save a smaller one from DSPy (fewer demos, shorter texts) to use it here.`,
      );
    },
  );
});
