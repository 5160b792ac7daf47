import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dspyLoaderPython } from '../../../../src/core/interop/dspy-python';
import type { JsonValue } from '../../../../src/core/json';
import { JUDGE_SIGNATURE } from '../../../../src/core/llm-judge';
import { makeMetric, METRICS, type MetricId } from '../../../../src/core/metrics';
import { predict, Program, type ProgramState } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';

// The metric written into the exported Python must score as the app does. Python runs it here
// against a stand-in `dspy` module (the tests do not install DSPy): the generated file is
// imported whole, so it must also be valid Python that defines `metric`.
const PYTHON = spawnSync('python3', ['--version']).status === 0;
const dir = PYTHON ? mkdtempSync(join(tmpdir(), 'copa-metric-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Just enough of DSPy for the generated file to load and its judge to answer as scripted. */
const FAKE_DSPY = `
import types

VERDICTS = []
JUDGE_CALLS = []


class Signature:
    pass


class Module:
    pass


def InputField(**kwargs):
    return None


def OutputField(**kwargs):
    return None


class Predict:
    def __init__(self, signature):
        self.signature = signature

    def load(self, path):
        pass

    def __call__(self, **kwargs):
        JUDGE_CALLS.append({**kwargs, "instructions": self.signature.__doc__})
        return types.SimpleNamespace(correct=VERDICTS.pop(0))


ChainOfThought = Predict
`;

/** An example or a prediction as DSPy's have them: fields as attributes. */
const RUNNER = `
import json
import sys

import dspy
import exported


class Example:
    def __init__(self, data, inputs):
        self._data = data
        self._inputs = inputs
        for key, value in data.items():
            setattr(self, key, value)

    def inputs(self):
        return {k: self._data[k] for k in self._inputs}

    def items(self):
        return self._data.items()


cases = json.load(sys.stdin)
dspy.VERDICTS.extend(cases["verdicts"])
scores = []
for gold, predicted in cases["pairs"]:
    example = Example({"question": "Q?", "answer": gold}, ["question"])
    pred = Example({"answer": predicted}, [])
    scores.append(exported.metric(example, pred))
passes = [exported.metric(Example({"answer": g}, []), Example({"answer": p}, []), trace=[]) for g, p in cases["pairs"]]
print(json.dumps({"scores": scores, "passes": passes, "calls": dspy.JUDGE_CALLS}))
`;

function program(): ProgramState {
  return new Program([
    predict(
      'qa',
      new Signature({
        instruction: 'Answer the question.',
        inputs: [{ name: 'question', description: '', type: 'text' }],
        outputs: [{ name: 'answer', description: '', type: 'text' }],
      }),
    ),
  ]).toState();
}

/** The exported code's metric run in Python over (gold, predicted) pairs. */
function runInPython(
  metricId: MetricId,
  pairs: [JsonValue, JsonValue][],
  verdicts: string[] = [],
): { scores: number[]; passes: boolean[]; calls: Record<string, string>[] } {
  const code = dspyLoaderPython(program(), {
    jsonFileName: 'qa.dspy.json',
    metric: { metricId, field: 'answer' },
  }).code;
  writeFileSync(join(dir, 'dspy.py'), FAKE_DSPY);
  writeFileSync(join(dir, 'exported.py'), code);
  writeFileSync(join(dir, 'runner.py'), RUNNER);
  const run = spawnSync('python3', ['-B', 'runner.py'], {
    cwd: dir,
    input: JSON.stringify({ pairs, verdicts }),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${run.stderr}\n--- the exported code ---\n${code}`);
  return JSON.parse(run.stdout) as {
    scores: number[];
    passes: boolean[];
    calls: Record<string, string>[];
  };
}

/** Pairs where the metrics disagree with each other: edge cases of each. */
const PAIRS: [JsonValue, JsonValue][] = [
  ['Paris', 'Paris'],
  ['Paris', ' paris. '],
  ['The Eiffel Tower', 'eiffel tower!'],
  ['New York City', 'the city of New York'],
  ['the blue whale', 'It is the blue whale, surely'],
  ['72', 'The answer is #### 72.0'],
  ['72', '80 minus 8 is #### 72, not 80'],
  ['cat', 'the concatenated file'],
  ['1,234.50', 'It costs $1,234.5 in total'],
  ['10', 'between 10-20 units'],
  ['-3', 'It fell by −3 degrees'],
  ['"Billing"', 'billing'],
  ['café', 'CAFÉ'],
  ['{"city": "Paris", "zip": 75001}', '{"city": " paris ", "zip": 75001.0000000001}'],
  ['{"a": 1, "b": [1, 2]}', '{"a": 1, "b": [2, 1]}'],
  [['Paris', 'City of Light'], 'the city of light'],
  ['', ''],
  ['yes', ''],
];

describe.skipIf(!PYTHON)('the metric in the exported DSPy Python (run with python3)', () => {
  const comparison = METRICS.filter((m) => m.id !== 'llm_judge').map((m) => m.id);

  it.each(comparison)('%s scores every case as the app does, and passes a demo only at 1', (id) => {
    const app = makeMetric(id, 'answer');
    const expected = PAIRS.map(([gold, predicted]) =>
      app({ id: 'x', data: { question: 'Q?', answer: gold } }, { answer: predicted }),
    ) as number[];
    const { scores, passes } = runInPython(id, PAIRS);
    scores.forEach((s, i) =>
      expect(s, `case ${i}: ${JSON.stringify(PAIRS[i])}`).toBeCloseTo(expected[i]!, 9),
    );
    expect(passes).toEqual(expected.map((s) => s >= 1));
  });

  it('the LLM judge asks the app’s question with yes/no, only where words cannot tell', () => {
    const { scores, calls } = runInPython(
      'llm_judge',
      [
        ['Paris', ''],
        ['The Eiffel Tower', 'eiffel tower!'],
        ['Paris', 'the French capital'],
        ['Paris', 'Lyon'],
      ],
      // Scored, then checked as a demo (a trace given): two judged pairs each time.
      ['yes', 'no', 'yes', 'no'],
    );
    expect(scores).toEqual([0, 1, 1, 0]);
    expect(calls).toHaveLength(4);
    expect(calls[0]).toEqual({
      task: 'question: Q?',
      expected_answer: 'Paris',
      answer: 'the French capital',
      config: { temperature: 0 },
      instructions: JUDGE_SIGNATURE.instruction,
    });
  });
});

describe('the metric in the exported DSPy Python (text)', () => {
  it('declares the judge with the app’s yes/no signature, and says what differs from the app', () => {
    const code = dspyLoaderPython(program(), {
      jsonFileName: 'qa.dspy.json',
      metric: { metricId: 'llm_judge', field: 'answer' },
    }).code;
    expect(code).toContain('from typing import Literal');
    expect(code).toContain('correct: Literal["yes", "no"] = dspy.OutputField(');
    expect(code).toContain('judge = dspy.Predict(JudgeAnswer)');
    expect(code).toContain(
      'Differs from the app: the judge runs on the model set with dspy.configure',
    );
    expect(code).toContain('dspy.Evaluate(devset=devset, metric=metric)');
  });

  it('leaves the metric out when the program no longer writes the field the run scored, and says so', () => {
    const out = dspyLoaderPython(program(), {
      jsonFileName: 'qa.dspy.json',
      metric: { metricId: 'exact_match', field: 'department' },
    });
    expect(out.code).not.toContain('def metric(');
    expect(out.warnings).toEqual([
      'The Python has no metric: the run scored "department", which this program no longer writes.',
    ]);
  });
});
