import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TASKS } from '../../../../src/tasks/index';
import { SHARED_DATA_DIR } from '../../core/interop/shared-data';
import { isCoined, scanSource, type LabelHit } from './label-scan';

/**
 * The simulated models must know no task (issue 11): no label name of a built-in task or of the
 * public datasets may appear in src/engines/standin as knowledge — in a string, a word list, a
 * regex, an object key or a comment (see label-scan.ts for what counts). Their only prior may
 * come from the label names a prompt shows them.
 */

const STANDIN_DIR = resolve(__dirname, '../../../../src/engines/standin');

/**
 * Word labels the stand-in may write as its own vocabulary, and why. Kept to a minimum:
 * - `text`: a field-kind tag the adapters write (`text | number | label | list | json`).
 * - `date`: the general date skill spots a date field by its name (`/date|day|when/`).
 */
const EXEMPT: Readonly<Record<string, string>> = {
  text: 'field-kind tag of the adapters',
  date: 'the general date skill reads field names',
};

function standinSources(): { file: string; text: string }[] {
  return readdirSync(STANDIN_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(resolve(STANDIN_DIR, file), 'utf8') }));
}

function scanStandin(labels: readonly string[]): string[] {
  const checked = labels.filter((l) => !(l.toLowerCase() in EXEMPT));
  return standinSources().flatMap(({ file, text }) =>
    scanSource(text, checked).map(
      (h: LabelHit) => `${file}:${h.line} ${h.where} uses "${h.label}": ${h.excerpt}`,
    ),
  );
}

function builtInLabels(): string[] {
  const labels = new Set<string>();
  for (const task of BUILT_IN_TASKS) {
    for (const step of task.program.steps)
      for (const f of step.signature.outputs) for (const l of f.labels ?? []) labels.add(l);
    for (const c of task.constraints)
      if (c.kind === 'one-of') for (const v of c.values) labels.add(v);
  }
  return [...labels];
}

describe('the label scanner', () => {
  const labels = ['billing', 'positive', 'card_declined', 'ABBR', 'no'];

  it('finds label names planted as knowledge', () => {
    const planted = [
      `const LEXICON = { billing: ['invoice'] };`,
      `const WORDS = 'great fun positive moving'.split(' ');`,
      `const RE = /^(refund|billing)$/;`,
      `// The intent card_declined is about cards.`,
      `const code = 'abbr';`,
      `const PRIOR = { abbr: ['stand'] };`,
      `// "no" means the user refuses.`,
    ];
    for (const source of planted) expect(scanSource(source, labels), source).not.toEqual([]);
  });

  it('ignores labels that are ordinary words in prose and code names', () => {
    const clean = [
      `// Positive evidence for no label at all: billing the user is not our job.`,
      `const positive = scores.filter((s) => s > 0);`,
      `const why = 'the instruction says so';`,
      `const half = a / 2; const ratio = b / c;`,
    ];
    for (const source of clean) expect(scanSource(source, labels), source).toEqual([]);
  });

  it('tells coined labels from word labels', () => {
    expect(isCoined('card_declined')).toBe(true);
    expect(isCoined('w2')).toBe(true);
    expect(isCoined('ABBR')).toBe(true);
    expect(isCoined('billing')).toBe(false);
  });
});

describe('src/engines/standin knows no task', () => {
  it('uses no label of a built-in task', () => {
    const labels = builtInLabels();
    expect(labels.length).toBeGreaterThan(0);
    expect(scanStandin(labels)).toEqual([]);
  });

  const dataDir = SHARED_DATA_DIR;
  const hasData = ['trec', 'sst2', 'clinc150'].every((d) => existsSync(resolve(dataDir, d)));
  if (!hasData) console.warn(`Skipping the public-dataset label scan: ${dataDir} is absent.`);
  const note = hasData ? '' : ' [SKIPPED: ../shared/data is absent]';

  it.skipIf(!hasData)(`uses no label of TREC, SST-2 or CLINC150${note}`, () => {
    const trec = readFileSync(resolve(dataDir, 'trec/TREC.train'), 'latin1');
    const coarse = new Set<string>();
    const fine = new Set<string>();
    for (const line of trec.split('\n')) {
      const m = /^([A-Z]+):(\S+) /.exec(line);
      if (!m) continue;
      coarse.add(m[1] ?? '');
      fine.add(m[2] ?? '');
    }
    const clinc = JSON.parse(
      readFileSync(resolve(dataDir, 'clinc150/data_full.json'), 'utf8'),
    ) as Record<string, [string, string][]>;
    const intents = new Set<string>();
    for (const rows of Object.values(clinc)) for (const [, intent] of rows) intents.add(intent);
    expect([...coarse].sort()).toEqual(['ABBR', 'DESC', 'ENTY', 'HUM', 'LOC', 'NUM']);
    expect(fine.size).toBeGreaterThan(40);
    expect(intents.size).toBe(151); // 150 intents + oos
    // SST-2's labels as the bench names them (the files say 0 and 1).
    const labels = [...coarse, ...fine, ...intents, 'positive', 'negative'];
    expect(scanStandin(labels)).toEqual([]);
  });
});
