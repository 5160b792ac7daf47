import { describe, expect, it } from 'vitest';
import type { ProgramState } from '../../../src/core/program';
import {
  freshFieldName,
  newConstraint,
  parseLabels,
  labelListTokens,
  CONTEXT_TOKENS,
  programProblems,
  placedProgramProblems,
  outputNames,
} from '../../../src/ui/program/program-check';
import type { ScoringRules } from '../../../src/core/scoring-rules';

function program(): ProgramState {
  return {
    version: 1,
    description: '',
    steps: [
      {
        name: 'main',
        chainOfThought: false,
        demos: [],
        signature: {
          instruction: 'Route the ticket.',
          inputs: [{ name: 'ticket', description: '', type: 'text' }],
          outputs: [{ name: 'team', description: '', type: 'label', labels: ['billing', 'tech'] }],
        },
      },
    ],
  };
}
const rules = (over: Partial<ScoringRules> = {}): ScoringRules => ({
  metricId: 'label_match',
  targetField: 'team',
  constraints: [],
  ...over,
});

describe('programProblems', () => {
  it('names the inputs and the scored field the data lacks, and only with the data known', () => {
    expect(programProblems(program(), rules(), ['ticket', 'team'])).toEqual([]);
    expect(programProblems(program(), rules(), [])).toEqual([]);
    const problems = programProblems(program(), rules(), ['question', 'answer']);
    expect(problems).toEqual([
      'The program reads “ticket”, which the data does not have (its fields: question, answer): rename the input field to one of them.',
      'The metric scores “team”, but the data has no “team” to compare with (its fields: question, answer).',
    ]);
    // A field an earlier step writes is not read from the data.
    const two = program();
    two.steps.unshift({
      name: 'summarize',
      chainOfThought: false,
      demos: [],
      signature: {
        instruction: 'Summarize.',
        inputs: [{ name: 'text', description: '', type: 'text' }],
        outputs: [{ name: 'ticket', description: '', type: 'text' }],
      },
    });
    expect(programProblems(two, rules(), ['text', 'team'])).toEqual([]);
  });

  it('accepts a valid program with valid rules', () => {
    expect(programProblems(program(), rules())).toEqual([]);
    const ok = rules({
      constraints: [
        { kind: 'regex', field: 'team', pattern: '^[a-z]+$' },
        { kind: 'number', field: 'team', min: 1, max: 2 },
        newConstraint('max-length', 'team'),
      ],
    });
    expect(programProblems(program(), ok)).toEqual([]);
  });

  it('names duplicate fields, bad names, empty label sets and missing sides', () => {
    const p = program();
    const sig = p.steps[0]!.signature;
    sig.outputs.push({ name: 'ticket', description: '', type: 'text' });
    sig.outputs.push({ name: '2bad', description: '', type: 'text' });
    sig.outputs.push({ name: 'priority', description: '', type: 'label', labels: [] });
    const problems = programProblems(p, rules());
    expect(problems.join('\n')).toMatch(/“ticket” is used twice/);
    expect(problems.join('\n')).toMatch(/“2bad” is not a valid field name/);
    expect(problems.join('\n')).toMatch(/“priority” needs at least one label/);
    sig.inputs = [];
    expect(programProblems(p, rules())).toContain('add at least one input field.');
  });

  it('names a target or constraint on a field that is not an output', () => {
    const problems = programProblems(
      program(),
      rules({ targetField: 'ticket', constraints: [{ kind: 'json', field: 'gone' }] }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/scores “ticket”, which is not an output/);
    expect(problems[1]).toMatch(/Rule 1 \(json\) is on “gone”/);
  });

  it('names an invalid regex, an empty one-of, a reversed range and a bad length', () => {
    const problems = programProblems(
      program(),
      rules({
        constraints: [
          { kind: 'regex', field: 'team', pattern: '([' },
          newConstraint('one-of', 'team'),
          { kind: 'number', field: 'team', min: 5, max: 1 },
          { kind: 'max-length', field: 'team', maxChars: 0 },
        ],
      }),
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/not a valid regular expression/);
    expect(problems[1]).toMatch(/at least one allowed value/);
    expect(problems[2]).toMatch(/minimum is above the maximum/);
    expect(problems[3]).toMatch(/whole number from 1 to 100,000/);
  });

  it('refuses a number limit that is no number (1e400 is Infinity; an unreadable box is NaN), saying the range', () => {
    const limits = (min: number | undefined, max: number | undefined): string[] =>
      programProblems(
        program(),
        rules({ constraints: [{ kind: 'number', field: 'team', min, max }] }),
      );
    expect(limits(undefined, Number('1e400'))).toEqual([
      'Rule 1 (number): the maximum Infinity is out of range: enter a number from -1e15 to 1e15 (such as 0, 2.5 or -10), or leave it blank for no maximum.',
    ]);
    expect(limits(Number.NaN, 5)[0]).toMatch(
      /the minimum is not a number the app can use: enter a number from -1e15 to 1e15/,
    );
    expect(limits(-1e300, undefined)[0]).toMatch(/the minimum -1e\+300 is out of range/);
    expect(limits(-1e15, 1e15)).toEqual([]);
    expect(limits(undefined, undefined)).toEqual([]);
    const length = (maxChars: number): string[] =>
      programProblems(
        program(),
        rules({ constraints: [{ kind: 'max-length', field: 'team', maxChars }] }),
      );
    for (const bad of [Number.NaN, Infinity, 2.5, 1e9])
      expect(length(bad)).toEqual([
        'Rule 1 (max-length): the length limit must be a whole number from 1 to 100,000.',
      ]);
    expect(length(100_000)).toEqual([]);
  });

  it('refuses a pattern that could freeze the app on an answer, and says how to write it', () => {
    const problems = programProblems(
      program(),
      rules({ constraints: [{ kind: 'regex', field: 'team', pattern: '^(\\w+\\s?)*$' }] }),
    );
    expect(problems).toEqual([expect.stringMatching(/^Rule 1 \(regex\): the pattern is refused/)]);
    expect(problems[0]).toContain('^[\\w\\s]*$');
  });
});

/** The program's label output with other labels. */
function setLabels(p: ProgramState, labels: string[]): void {
  const outputs = p.steps[0]!.signature.outputs;
  outputs[0] = { ...outputs[0]!, labels };
}

describe('programProblems on labels the reading, a metric or a rule cannot use', () => {
  it('refuses two labels an answer cannot tell apart (case, _, - and spaces)', () => {
    for (const [a, b] of [
      ['Billing', 'billing'],
      ['card arrival', 'card_arrival'],
      ['lost-card', 'Lost Card'],
    ]) {
      const p = program();
      setLabels(p, ['tech', a!, b!]);
      expect(programProblems(p, rules())).toEqual([
        `the label field “team” lists “${a}” and “${b}”, which an answer cannot tell apart (answers are read ignoring case, with “_”, “-”, “/” and spaces alike): keep one of them.`,
      ]);
    }
    const p = program();
    setLabels(p, ['tech', 'tech']);
    expect(programProblems(p, rules())).toEqual(['the label field “team” lists “tech” twice.']);
  });

  it('refuses JSON field match on a field that never holds a JSON object, at the metric', () => {
    expect(placedProgramProblems(program(), rules({ metricId: 'json_field_match' }))).toEqual([
      {
        text: 'JSON field match compares JSON objects, but “team” is a label field: every answer would score 0. Choose another metric, or make “team” a json field.',
        place: 'metric',
      },
    ]);
    const json = program();
    json.steps[0]!.signature.outputs = [{ name: 'team', description: '', type: 'json' }];
    expect(programProblems(json, rules({ metricId: 'json_field_match' }))).toEqual([]);
    json.steps[0]!.signature.outputs = [{ name: 'team', description: '', type: 'text' }];
    expect(programProblems(json, rules({ metricId: 'json_field_match' }))).toEqual([]);
  });

  it('refuses a number metric on labels that hold no number, not on star ratings', () => {
    const number = rules({ metricId: 'number_within_tolerance' });
    expect(programProblems(program(), number)).toEqual([
      expect.stringMatching(/labels of “team” hold none: every answer would score 0/),
    ]);
    const stars = program();
    setLabels(stars, ['1', '2', '3']);
    expect(programProblems(stars, number)).toEqual([]);
  });

  it('refuses a one-of rule that refuses labels of its label field (after the labels changed)', () => {
    const p = program();
    setLabels(p, ['Billing', 'tech', 'sales']);
    const placed = placedProgramProblems(
      p,
      rules({ constraints: [{ kind: 'one-of', field: 'team', values: ['billing', 'tech'] }] }),
    );
    expect(placed).toEqual([
      {
        text: 'Rule 1 (one-of): it refuses the label “sales” of “team”, so every such answer would break it: add it to the allowed values, or remove the rule.',
        place: 'rule-0',
      },
    ]);
    const ok = rules({
      constraints: [{ kind: 'one-of', field: 'team', values: ['sales', 'tech', 'billing', 'x'] }],
    });
    expect(programProblems(p, ok)).toEqual([]);
  });
});

describe('placedProgramProblems', () => {
  it('places each problem by the field, side, step, rule or metric it is about', () => {
    const p = program();
    p.steps[0]!.signature.outputs.push({ name: '2bad', description: '', type: 'text' });
    p.steps[0]!.signature.inputs = [];
    const placed = placedProgramProblems(
      p,
      rules({
        targetField: 'gone',
        constraints: [
          { kind: 'json', field: 'team' },
          { kind: 'number', field: 'team', min: 5, max: 1 },
        ],
      }),
    );
    expect(placed).toEqual([
      { text: 'add at least one input field.', place: 'step-0-inputs' },
      {
        text: expect.stringMatching(/“2bad” is not a valid field name/),
        place: 'step-0-outputs-1',
      },
      { text: expect.stringMatching(/scores “gone”/), place: 'metric' },
      { text: expect.stringMatching(/^Rule 2 \(number\)/), place: 'rule-1' },
    ]);
  });

  it('places an input the data lacks, and a step reading a later output, at that input', () => {
    const p = program();
    p.steps.push({
      name: 'check',
      chainOfThought: false,
      demos: [],
      signature: {
        instruction: '',
        inputs: [
          { name: 'team', description: '', type: 'text' },
          { name: 'note', description: '', type: 'text' },
        ],
        outputs: [{ name: 'verdict', description: '', type: 'text' }],
      },
    });
    p.steps[0]!.name = 'bad name';
    const placed = placedProgramProblems(p, rules(), ['ticket', 'team']);
    expect(placed).toEqual([
      { text: expect.stringMatching(/not a valid step name/), place: 'step-0' },
      {
        text: expect.stringMatching(/reads “note”, which the data does not have/),
        place: 'step-1-inputs-1',
      },
    ]);
    p.steps.reverse();
    expect(placedProgramProblems(p, rules()).map((q) => q.place)).toContain('step-0-inputs-0');
  });
});

describe('parseLabels and freshFieldName', () => {
  it('keeps a line holding a comma or a bar as one label (commas never separate labels)', () => {
    expect(parseLabels('Yes, definitely')).toEqual(['Yes, definitely']);
    expect(parseLabels(' Yes, definitely \nNo | never\n')).toEqual([
      'Yes, definitely',
      'No | never',
    ]);
  });
  it('reads a pasted column one label per line (commas kept) and drops repeats', () => {
    expect(parseLabels('card_arrival\r\nrefund, partial\n\nrefund, partial\nlost_card\n')).toEqual([
      'card_arrival',
      'refund, partial',
      'lost_card',
    ]);
  });
  it('measures a label list against the context window', () => {
    const few = ['a', 'b'];
    const many = Array.from({ length: 150 }, (_, i) => `a_rather_long_intent_name_${i}`);
    expect(labelListTokens(few)).toBeLessThan(5);
    expect(labelListTokens(many)).toBeGreaterThan(CONTEXT_TOKENS / 4);
  });
  it('picks a name no field uses', () => {
    const p = program();
    p.steps[0]!.signature.outputs.push({ name: 'field_1', description: '', type: 'text' });
    expect(freshFieldName(p)).toBe('field_2');
  });
});

describe('outputNames', () => {
  it('names a field two steps write once (a DSPy multi-hop program asks for "query" twice)', () => {
    const p = program();
    const hop = (name: string) => ({
      name,
      chainOfThought: false,
      demos: [],
      signature: {
        instruction: '',
        inputs: [{ name: 'question', description: '', type: 'text' as const }],
        outputs: [{ name: 'query', description: '', type: 'text' as const }],
      },
    });
    p.steps = [hop('generate_query_0'), hop('generate_query_1'), ...p.steps];
    expect(outputNames(p)).toEqual(['query', 'team']);
  });
});
