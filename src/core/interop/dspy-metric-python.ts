import { JUDGE_SIGNATURE, VERDICT } from '../llm-judge';
import { metricDefinition, type MetricId } from '../metrics';
import type { FieldSpec } from '../signature';
import { APP_NAME } from './app-info';
import { pythonDocstring, pythonString } from './python-source';

/** The metric a program was optimized with: a built-in metric on one output field. */
export interface ExportedMetric {
  metricId: MetricId;
  /** The output field it scores. */
  field: string;
}

/** The metric's Python: what to import, and the top-level blocks that define `metric`. */
export interface MetricPython {
  /** Modules the blocks use (`import json`, …), besides dspy. */
  imports: string[];
  /** Whether the blocks use `Literal` (the judge's yes/no). */
  usesLiteral: boolean;
  blocks: string[][];
}

const INDENT = '    ';

/**
 * The app's metric as a DSPy metric function, `metric(example, pred, trace=None)`, for
 * `dspy.Evaluate(devset=..., metric=metric)` or an optimizer. Each mirrors metrics.ts line for
 * line; what Python cannot do the same way is said in a comment in the code (below, and in the
 * generated function's docstring). During bootstrapping (a trace given) it returns whether the
 * score is full, as the playground keeps a demo only when the metric gives it 1.
 */
export function metricPython(metric: ExportedMetric): MetricPython {
  const { name, description } = metricDefinition(metric.metricId);
  const parts = PARTS[metric.metricId];
  const helpers = parts.helpers.map((h) => HELPERS[h]);
  const judge = metric.metricId === 'llm_judge';
  const docstring = [
    `${APP_NAME}'s "${name}" on \`${metric.field}\`: ${description}`,
    '',
    'Returns a score from 0 to 1; while DSPy bootstraps demos (trace given), whether the score is',
    `full, as ${APP_NAME} keeps a demo only then. A gold value that is a list while the answer`,
    'is not lists acceptable answers: the best-scoring one counts.',
    ...(parts.differs ? ['', parts.differs] : []),
  ].join('\n');
  const metricBlock = [
    `SCORED_FIELD = ${pythonString(metric.field)}`,
    '',
    '',
    `def score_answer(gold, predicted${judge ? ', example' : ''}):`,
    ...parts.score.map((l) => INDENT + l),
    '',
    '',
    'def metric(example, pred, trace=None):',
    pythonDocstring(docstring, INDENT),
    `${INDENT}gold = getattr(example, SCORED_FIELD, None)`,
    `${INDENT}predicted = getattr(pred, SCORED_FIELD, None)`,
    `${INDENT}if gold is None or predicted is None:`,
    `${INDENT}${INDENT}score = 0.0`,
    `${INDENT}else:`,
    `${INDENT}${INDENT}options = gold if isinstance(gold, list) and not isinstance(predicted, list) else [gold]`,
    `${INDENT}${INDENT}score = max(min(1.0, max(0.0, score_answer(g, predicted${judge ? ', example' : ''}))) for g in options)`,
    `${INDENT}return score >= 1.0 if trace is not None else score`,
  ];
  return {
    imports: [...new Set(parts.helpers.flatMap((h) => HELPER_IMPORTS[h] ?? []))].sort(),
    usesLiteral: judge,
    blocks: [
      [
        `# The metric ${APP_NAME} scored this program with, for dspy.Evaluate or an optimizer:`,
        '#   dspy.Evaluate(devset=devset, metric=metric)(program)',
      ],
      ...helpers,
      ...(judge ? [judgeSignatureBlock()] : []),
      metricBlock,
    ],
  };
}

type Helper =
  | 'as_text'
  | 'normalize_answer'
  | 'extract_number'
  | 'normalize_label'
  | 'as_object'
  | 'same_value'
  | 'task_text';

/** The modules each helper needs. */
const HELPER_IMPORTS: Partial<Record<Helper, string[]>> = {
  as_text: ['json'],
  normalize_answer: ['re', 'unicodedata'],
  extract_number: ['re'],
  normalize_label: ['unicodedata'],
  as_object: ['json'],
  same_value: ['json'],
};

/** Python helpers, each a top-level block; metrics.ts's functions of the same purpose. */
const HELPERS: Record<Helper, string[]> = {
  as_text: [
    'def as_text(value):',
    `${INDENT}"""A value as text: strings as they are, anything else as compact JSON with sorted keys."""`,
    `${INDENT}if isinstance(value, str):`,
    `${INDENT}${INDENT}return value`,
    `${INDENT}return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`,
  ],
  normalize_answer: [
    'def normalize_answer(text):',
    `${INDENT}"""SQuAD normalization: lower case, punctuation and symbols as spaces, no articles, single spaces."""`,
    `${INDENT}text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text.lower())`,
    `${INDENT}text = re.sub(r"\\b(a|an|the)\\b", " ", text, flags=re.ASCII)`,
    `${INDENT}return " ".join(text.split())`,
  ],
  extract_number: [
    '# A minus sign counts only when it does not follow a word (so "10-20" is not 10 and -20).',
    'NUMBER = re.compile(',
    `${INDENT}r"(?:(?<![\\w.])-)?(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?(?:e[+-]?\\d+)?|(?:(?<![\\w.])-)?\\.\\d+",`,
    `${INDENT}re.IGNORECASE | re.ASCII,`,
    ')',
    '',
    '',
    'def extract_number(value):',
    `${INDENT}"""The number a text states: after a "####" marker when there is one, else the last number; None when none."""`,
    `${INDENT}if isinstance(value, bool):`,
    `${INDENT}${INDENT}return None`,
    `${INDENT}if isinstance(value, (int, float)):`,
    `${INDENT}${INDENT}return float(value)`,
    `${INDENT}if not isinstance(value, str):`,
    `${INDENT}${INDENT}return None`,
    `${INDENT}text = value.replace("\\u2212", "-")`,
    `${INDENT}marker = text.rfind("####")`,
    `${INDENT}if marker >= 0:`,
    `${INDENT}${INDENT}text = text[marker + 4 :]`,
    `${INDENT}found = NUMBER.findall(text)`,
    `${INDENT}if not found:`,
    `${INDENT}${INDENT}return None`,
    `${INDENT}return float((found[0] if marker >= 0 else found[-1]).replace(",", ""))`,
  ],
  normalize_label: [
    'def normalize_label(value):',
    `${INDENT}"""A label ignoring case and the punctuation or quotes around it."""`,
    `${INDENT}text = as_text(value).strip().lower()`,
    `${INDENT}start, end = 0, len(text)`,
    `${INDENT}while start < end and unicodedata.category(text[start])[0] not in "LN":`,
    `${INDENT}${INDENT}start += 1`,
    `${INDENT}while end > start and unicodedata.category(text[end - 1])[0] not in "LN":`,
    `${INDENT}${INDENT}end -= 1`,
    `${INDENT}return text[start:end]`,
  ],
  as_object: [
    'def as_object(value):',
    `${INDENT}"""A JSON object, from a dict or from text holding one; None otherwise."""`,
    `${INDENT}if isinstance(value, str):`,
    `${INDENT}${INDENT}try:`,
    `${INDENT}${INDENT}${INDENT}value = json.loads(value)`,
    `${INDENT}${INDENT}except ValueError:`,
    `${INDENT}${INDENT}${INDENT}return None`,
    `${INDENT}return value if isinstance(value, dict) else None`,
  ],
  same_value: [
    'def same_value(a, b):',
    `${INDENT}"""Texts alike ignoring case and outer spaces, numbers within 1e-9, the rest as equal JSON."""`,
    `${INDENT}if isinstance(a, str) and isinstance(b, str):`,
    `${INDENT}${INDENT}return a.strip().lower() == b.strip().lower()`,
    `${INDENT}numbers = (int, float)`,
    `${INDENT}if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):`,
    `${INDENT}${INDENT}return abs(a - b) <= 1e-9`,
    `${INDENT}return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)`,
  ],
  task_text: [
    'def task_text(example):',
    `${INDENT}"""The inputs the answer was given for, one "name: value" line each."""`,
    `${INDENT}try:`,
    `${INDENT}${INDENT}fields = dict(example.inputs())`,
    `${INDENT}except ValueError:  # the example's inputs were not marked with with_inputs(...)`,
    `${INDENT}${INDENT}fields = {k: v for k, v in example.items() if k != SCORED_FIELD}`,
    `${INDENT}return "\\n".join(f"{name}: {as_text(value)}" for name, value in fields.items())`,
  ],
};

interface MetricParts {
  helpers: Helper[];
  /** The body of `score_answer(gold, predicted)`. */
  score: string[];
  /** What the Python does differently from the app, if anything (for the docstring). */
  differs?: string;
}

// Number texts: JSON writes a whole float as 1.0 in Python and as 1 in the app.
const FLOAT_TEXT =
  'Differs from the app only in how a non-text value is written as text: Python writes the float 2.0 as "2.0", the app as "2".';

const PARTS: Record<MetricId, MetricParts> = {
  exact_match: {
    helpers: ['as_text'],
    score: ['return 1.0 if as_text(gold).strip() == as_text(predicted).strip() else 0.0'],
    differs: FLOAT_TEXT,
  },
  normalized_match: {
    helpers: ['as_text', 'normalize_answer'],
    score: [
      'return 1.0 if normalize_answer(as_text(gold)) == normalize_answer(as_text(predicted)) else 0.0',
    ],
    differs: FLOAT_TEXT,
  },
  token_f1: {
    helpers: ['as_text', 'normalize_answer'],
    score: [
      'gold_tokens = normalize_answer(as_text(gold)).split()',
      'pred_tokens = normalize_answer(as_text(predicted)).split()',
      'if not gold_tokens or not pred_tokens:',
      `${INDENT}return 1.0 if len(gold_tokens) == len(pred_tokens) else 0.0`,
      'counts = {}',
      'for token in gold_tokens:',
      `${INDENT}counts[token] = counts.get(token, 0) + 1`,
      'common = 0',
      'for token in pred_tokens:',
      `${INDENT}if counts.get(token, 0) > 0:`,
      `${INDENT}${INDENT}common += 1`,
      `${INDENT}${INDENT}counts[token] -= 1`,
      'if common == 0:',
      `${INDENT}return 0.0`,
      'precision = common / len(pred_tokens)',
      'recall = common / len(gold_tokens)',
      'return 2 * precision * recall / (precision + recall)',
    ],
    differs: FLOAT_TEXT,
  },
  contains: {
    helpers: ['as_text', 'normalize_answer'],
    score: [
      'gold_text = normalize_answer(as_text(gold))',
      'pred_text = normalize_answer(as_text(predicted))',
      'if gold_text == "":',
      `${INDENT}return 1.0 if pred_text == "" else 0.0`,
      'return 1.0 if f" {gold_text} " in f" {pred_text} " else 0.0',
    ],
    differs: FLOAT_TEXT,
  },
  number_within_tolerance: {
    helpers: ['extract_number'],
    score: [
      `tolerance = 1e-6  # ${APP_NAME}'s default`,
      'g, p = extract_number(gold), extract_number(predicted)',
      'if g is None or p is None:',
      `${INDENT}return 0.0`,
      'return 1.0 if abs(g - p) <= tolerance else 0.0',
    ],
  },
  label_match: {
    helpers: ['as_text', 'normalize_label'],
    score: ['return 1.0 if normalize_label(gold) == normalize_label(predicted) else 0.0'],
  },
  json_field_match: {
    helpers: ['as_object', 'same_value'],
    score: [
      'g, p = as_object(gold), as_object(predicted)',
      'if g is None or p is None:',
      `${INDENT}return 0.0`,
      'if not g:',
      `${INDENT}return 1.0`,
      'return sum(1 for key in g if key in p and same_value(g[key], p[key])) / len(g)',
    ],
  },
  llm_judge: {
    helpers: ['as_text', 'normalize_answer', 'task_text'],
    score: [
      'answer = as_text(predicted)',
      'if answer.strip() == "":',
      `${INDENT}return 0.0`,
      '# The same words (ignoring case, punctuation and articles) need no judge.',
      'if normalize_answer(answer) == normalize_answer(as_text(gold)):',
      `${INDENT}return 1.0`,
      'verdict = judge(',
      `${INDENT}task=task_text(example),`,
      `${INDENT}expected_answer=as_text(gold),`,
      `${INDENT}answer=answer,`,
      `${INDENT}config={"temperature": 0.0},`,
      `).${VERDICT}`,
      'return 1.0 if verdict == "yes" else 0.0',
    ],
    differs: [
      'Differs from the app: the judge runs on the model set with dspy.configure (the app asks the',
      "model that runs the program), it is shown the example's inputs (the app shows the inputs the",
      "program's first step read), and a verdict DSPy cannot parse raises an error, which",
      'dspy.Evaluate counts as a failed example (the app asks again, then scores the answer 0).',
    ].join('\n'),
  },
};

/** The judge as a DSPy signature and predictor, from llm-judge.ts's own. */
function judgeSignatureBlock(): string[] {
  const field = (f: FieldSpec, kind: 'InputField' | 'OutputField'): string => {
    const annotation =
      f.type === 'label' ? `Literal[${(f.labels ?? []).map(pythonString).join(', ')}]` : 'str';
    return `${INDENT}${f.name}: ${annotation} = dspy.${kind}(desc=${pythonString(f.description)})`;
  };
  return [
    'class JudgeAnswer(dspy.Signature):',
    pythonDocstring(JUDGE_SIGNATURE.instruction, INDENT),
    '',
    ...JUDGE_SIGNATURE.inputs.map((f) => field(f, 'InputField')),
    ...JUDGE_SIGNATURE.outputs.map((f) => field(f, 'OutputField')),
    '',
    '',
    'judge = dspy.Predict(JudgeAnswer)',
  ];
}
