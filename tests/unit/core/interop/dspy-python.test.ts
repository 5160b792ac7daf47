import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../../src/core/interop/app-info';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { importDspyProgramText } from '../../../../src/core/interop/dspy-import';
import { dspyLoaderPython } from '../../../../src/core/interop/dspy-python';
import { pythonDocstring } from '../../../../src/core/interop/python-source';
import { chainOfThought, predict, Program, type ProgramState } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';

const FILE = { jsonFileName: 'my-program.dspy.json' };
const fixture = (name: string): string =>
  readFileSync(resolve(__dirname, '../../../fixtures/dspy', name), 'utf8');

function router(): ProgramState {
  return new Program([
    predict(
      'route_ticket',
      new Signature({
        instruction: 'Route the ticket.\nUse "billing" for money matters.',
        inputs: [{ name: 'ticket', description: 'the customer’s message', type: 'text' }],
        outputs: [
          {
            name: 'department',
            description: '',
            type: 'label',
            labels: ['billing', 'technical', 'say "hi"'],
          },
          { name: 'confidence', description: '', type: 'number' },
        ],
      }),
    ),
  ]).toState();
}

/** The parameter names the generated Python builds must be exactly the exported file's keys. */
function exportedKeys(state: ProgramState): string[] {
  return Object.keys(exportDspyProgram(state).json).filter((k) => k !== 'metadata');
}

describe('the Python that loads a DSPy export', () => {
  it('a Predict: signature class with the instruction as docstring, Literal labels, float, desc', () => {
    const { code, warnings } = dspyLoaderPython(router(), FILE);
    expect(warnings).toEqual([]);
    expect(code).toContain('from typing import Literal');
    expect(code).toContain('class RouteTicket(dspy.Signature):');
    expect(code).toContain('    """Route the ticket.\n    Use "billing" for money matters."""');
    expect(code).toContain('    ticket: str = dspy.InputField(desc="the customer’s message")');
    expect(code).toContain(
      '    department: Literal["billing", "technical", "say \\"hi\\""] = dspy.OutputField()',
    );
    expect(code).toContain('    confidence: float = dspy.OutputField()');
    // Flat export → the bare predictor, loading the file under the name it is downloaded as.
    expect(code).toContain(
      'program = dspy.Predict(RouteTicket)\nprogram.load("my-program.dspy.json")',
    );
    expect(code).not.toContain('dspy.Module');
    expect(code).toContain(`COPA Playground ${APP_VERSION}`);
    expect(code).toContain('pip install "dspy>=2.6.0"');
  });

  it('numbers are int when declared so, or when every demo value is whole (with a note)', () => {
    const solve = (answers: (number | string)[]): ProgramState =>
      new Program([
        chainOfThought(
          'solve',
          Signature.parse('question -> answer: number', 'Solve it.'),
          answers.map((a) => ({ data: { question: 'q', answer: a }, augmented: false })),
        ),
      ]).toState();
    expect(dspyLoaderPython(solve([7, '30']), FILE).code).toMatch(
      /# int: every demo value is a whole number.*\n {4}answer: int = dspy\.OutputField\(\)/,
    );
    expect(dspyLoaderPython(solve([7, 2.5]), FILE).code).toContain('answer: float');
    expect(
      dspyLoaderPython(solve([]), { ...FILE, integerFields: ['solve.answer'] }).code,
    ).toContain('    answer: int = dspy.OutputField()');
  });

  it('a ChainOfThought: dspy.ChainOfThought over a signature without the reasoning field', () => {
    const state = importDspyProgramText(fixture('bare-cot-3.0.json')).program;
    const { code } = dspyLoaderPython(state, FILE);
    expect(code).toContain('program = dspy.ChainOfThought(Task)');
    expect(code).not.toMatch(/reasoning/);
    expect(code).not.toContain('Literal');
    // A bare ChainOfThought's only parameter is `predict`, which is the exported file's key.
    expect(exportedKeys(state)).toEqual(['predict']);
  });

  it('a two-step program: a dspy.Module whose attributes are the exported names, forward wired by field name', () => {
    const state = new Program([
      predict('summarize', Signature.parse('text -> summary', 'Summarize.')),
      chainOfThought('answer', Signature.parse('text, summary -> answer', 'Answer.')),
    ]).toState();
    const { code, warnings } = dspyLoaderPython(state, FILE);
    expect(warnings).toEqual([]);
    expect(code).toContain(
      [
        'class Pipeline(dspy.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.summarize = dspy.Predict(Summarize)',
        '        self.answer = dspy.ChainOfThought(Answer)',
        '',
        '    def forward(self, text):',
        '        summarize = self.summarize(text=text)',
        '        answer = self.answer(text=text, summary=summarize.summary)',
        '        return dspy.Prediction(summary=summarize.summary, answer=answer.answer)',
      ].join('\n'),
    );
    expect(code).toContain('program = Pipeline()\nprogram.load("my-program.dspy.json")');
    // Module attribute `answer` holding a ChainOfThought is saved by DSPy as `answer.predict`.
    expect(exportedKeys(state)).toEqual(['summarize', 'answer.predict']);
  });

  it('the 2.4 multi-hop: the kept Retrieve and the list of query steps are rebuilt', () => {
    const state = importDspyProgramText(fixture('multihop-2.4.json')).program;
    const { code, warnings } = dspyLoaderPython(state, FILE);
    expect(warnings).toEqual([]);
    expect(code).toMatch(
      /# kept from the imported file; .*\n {8}self\.retrieve = dspy\.Retrieve\(k=3\)/,
    );
    expect(code).toContain(
      [
        '        self.generate_query = [',
        '            dspy.ChainOfThought(GenerateQuery0),',
        '            dspy.ChainOfThought(GenerateQuery1),',
        '        ]',
      ].join('\n'),
    );
    expect(code).toContain(
      'generate_query_0 = self.generate_query[0](context=context, question=question)',
    );
    // The playground wires `context` as a program input; the comment on `retrieve` says so.
    expect(code).toContain('    def forward(self, context, question):');
  });

  it('names it cannot build as attributes are reported, not silently dropped', () => {
    const state = new Program(
      [
        predict('first', Signature.parse('a -> b', 'One.')),
        predict('second', Signature.parse('b -> c', 'Two.')),
      ],
      '',
      [{ name: "tools['search']", kind: 'unknown', state: { x: 1 } }],
    ).toState();
    const { warnings } = dspyLoaderPython(state, FILE);
    expect(warnings.join('\n')).toMatch(/"tools\['search'\]".*KeyError/);
  });

  it('a docstring cannot be closed early by the instruction', () => {
    expect(pythonDocstring('Say """no""" \\ "', '    ')).toBe(
      '    """Say \\"\\"\\"no\\"\\"\\" \\\\ \\""""',
    );
  });
});
