import { readFileSync } from 'node:fs';
import { labelMatch } from '../../src/core/metrics';
import { Program, predict } from '../../src/core/program';
import { Signature } from '../../src/core/signature';
import { sampleRng, sharedDataPath } from './shared-datasets';
import { sampleWithEveryLabel } from './stratified-sample';
import type { BenchTask } from './types';

/**
 * The sizes. 300 training rows are 2 per intent: every intent can be demonstrated, and
 * an optimizer still has to choose which few to show in a prompt.
 */
export const CLINC_SIZES = { train: 300, val: 200, test: 500 };

/** `oos` ("fits none of the intents") is left out: this task is the 150-way choice. */
const OUT_OF_SCOPE = 'oos';

type Pair = [text: string, intent: string];

/**
 * CLINC150 intents (data_full.json): training rows from its train split with every intent
 * present, validation and test rows drawn at random from its val and test splits.
 */
export function loadClinc150(): BenchTask {
  const data = JSON.parse(readFileSync(sharedDataPath('clinc150', 'data_full.json'), 'utf8')) as {
    train: Pair[];
    val: Pair[];
    test: Pair[];
  };
  const inScope = (rows: Pair[]): Pair[] => rows.filter(([, intent]) => intent !== OUT_OF_SCOPE);
  const labels = [...new Set(inScope(data.train).map(([, intent]) => intent))].sort();
  const train = sampleWithEveryLabel(
    inScope(data.train),
    ([, intent]) => intent,
    CLINC_SIZES.train,
    sampleRng('clinc150-train'),
  );
  const val = sampleRng('clinc150-val').sample(inScope(data.val), CLINC_SIZES.val);
  const test = sampleRng('clinc150-test').sample(inScope(data.test), CLINC_SIZES.test);
  const toExample = (prefix: string) => (pair: Pair, i: number) => ({
    id: `${prefix}-${i}`,
    data: { query: pair[0], intent: pair[1] },
  });
  const signature = new Signature({
    instruction: 'Classify the intent of the request to a virtual assistant.',
    inputs: [{ name: 'query', description: 'A request to a virtual assistant', type: 'text' }],
    outputs: [{ name: 'intent', description: 'The intent', type: 'label', labels }],
  });
  return {
    id: 'clinc150',
    name: 'CLINC150 intents (150 labels)',
    suite: 'public',
    program: new Program(
      [predict('classify', signature)],
      'Classifies virtual-assistant requests by intent.',
    ),
    metric: labelMatch('intent'),
    constraints: [{ kind: 'one-of', field: 'intent', values: labels }],
    splits: {
      train: train.map(toExample('clinc-train')),
      val: val.map(toExample('clinc-val')),
      test: test.map(toExample('clinc-test')),
    },
  };
}
