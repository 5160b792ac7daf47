import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { labelMatch } from '../../src/core/metrics';
import { Program, predict } from '../../src/core/program';
import { Rng } from '../../src/core/rng';
import { Signature } from '../../src/core/signature';
import type { BenchTask } from './types';

/** The public datasets (../shared/data), read in place: never copied into the project. */
export const SHARED_DATA_DIR = resolve(import.meta.dirname, '../../../shared/data');

/** TREC and SST-2 sample sizes: a few hundred rows keep the bench within minutes on two cores. */
const SIZES = { train: 100, val: 100, test: 200 };

export function sharedDataAvailable(): boolean {
  return existsSync(SHARED_DATA_DIR);
}

export function sharedDataPath(...parts: string[]): string {
  return resolve(SHARED_DATA_DIR, ...parts);
}

/**
 * A fixed sample: the generator is seeded with 0 and the dataset's own label, so every bench
 * run, on every machine, uses the same rows, and no choice of seed can pick a friendlier one.
 */
export function sampleRng(label: string): Rng {
  return new Rng(0).fork(label);
}

function sample<T>(rows: T[], n: number, label: string): T[] {
  return sampleRng(label).sample(rows, n);
}

/** TREC with its 6 coarse labels. TREC.train is Latin-1 (one non-UTF-8 byte), so decode it so. */
export function loadTrec(): BenchTask {
  const labels = ['ABBR', 'DESC', 'ENTY', 'HUM', 'LOC', 'NUM'];
  const read = (file: string): { text: string; label: string }[] =>
    new TextDecoder('latin1')
      .decode(readFileSync(sharedDataPath('trec', file)))
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => {
        const space = line.indexOf(' ');
        return { label: line.slice(0, line.indexOf(':')), text: line.slice(space + 1).trim() };
      });
  const train = sample(read('TREC.train'), SIZES.train + SIZES.val, 'trec-train');
  const test = sample(read('TREC.test'), SIZES.test, 'trec-test');
  const toExample = (prefix: string) => (r: { text: string; label: string }, i: number) => ({
    id: `${prefix}-${i}`,
    data: { question: r.text, label: r.label },
  });
  const signature = new Signature({
    instruction: 'Classify the kind of answer the question asks for.',
    inputs: [{ name: 'question', description: 'A question', type: 'text' }],
    outputs: [{ name: 'label', description: 'The answer type', type: 'label', labels }],
  });
  return {
    id: 'trec',
    name: 'TREC question type (6 coarse labels)',
    suite: 'public',
    program: new Program([predict('classify', signature)], 'Classifies questions by answer type.'),
    metric: labelMatch('label'),
    constraints: [{ kind: 'one-of', field: 'label', values: labels }],
    splits: {
      train: train.slice(0, SIZES.train).map(toExample('trec-train')),
      val: train.slice(SIZES.train).map(toExample('trec-val')),
      test: test.map(toExample('trec-test')),
    },
  };
}

/** SST-2 sentence sentiment (0 = negative, 1 = positive). */
export function loadSst2(): BenchTask {
  const read = (file: string): { text: string; label: string }[] =>
    readFileSync(sharedDataPath('sst2', file), 'utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => ({
        label: line.startsWith('1') ? 'positive' : 'negative',
        text: line.slice(2).trim(),
      }));
  const toExample = (prefix: string) => (r: { text: string; label: string }, i: number) => ({
    id: `${prefix}-${i}`,
    data: { sentence: r.text, sentiment: r.label },
  });
  const labels = ['positive', 'negative'];
  const signature = new Signature({
    instruction: 'Classify the sentiment of the movie review sentence.',
    inputs: [{ name: 'sentence', description: 'A sentence from a movie review', type: 'text' }],
    outputs: [{ name: 'sentiment', description: '', type: 'label', labels }],
  });
  return {
    id: 'sst2',
    name: 'SST-2 sentiment',
    suite: 'public',
    program: new Program([predict('classify', signature)], 'Classifies review sentiment.'),
    metric: labelMatch('sentiment'),
    constraints: [{ kind: 'one-of', field: 'sentiment', values: labels }],
    splits: {
      train: sample(read('stsa.binary.train'), SIZES.train, 'sst-train').map(
        toExample('sst-train'),
      ),
      val: sample(read('stsa.binary.dev'), SIZES.val, 'sst-val').map(toExample('sst-val')),
      test: sample(read('stsa.binary.test'), SIZES.test, 'sst-test').map(toExample('sst-test')),
    },
  };
}
