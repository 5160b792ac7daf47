import type { Example } from '../../../../src/core/example';
import type { LMRequest } from '../../../../src/core/lm';
import type { Metric } from '../../../../src/core/metric';
import { Program, predict } from '../../../../src/core/program';
import {
  PROPOSER_SIGNATURE,
  readExampleBlocks,
} from '../../../../src/core/optimizers/proposer-format';
import { ScriptedLM } from '../../helpers/scripted-lm';

/**
 * A toy task for the optimizer tests: y is x with its letters reversed.
 * The scripted model behind it answers correctly
 *   - for "a..." words only when the training example "magic" is one of its demos,
 *   - for "b..." words only when the instruction mentions reversing,
 *   - always for "magic" itself and for "c..." words;
 * otherwise it echoes x. An instruction mentioning "echo" makes every answer wrong.
 * As the proposer it writes "Reverse the letters ..." only when the demos it is shown are
 * reversals (so the rule is found only when demos are there), else a vague instruction.
 */
export const reverse = (s: string): string => [...s].reverse().join('');

export function words(prefix: string, n: number): string[] {
  const tails = [
    'ola',
    'umi',
    'ert',
    'ison',
    'ardo',
    'elle',
    'ium',
    'oto',
    'ana',
    'eko',
    'ilt',
    'usa',
  ];
  return Array.from(
    { length: n },
    (_, i) => `${prefix}${tails[i % tails.length]}${Math.floor(i / tails.length) || ''}`,
  );
}

export function examples(xs: readonly string[]): Example[] {
  return xs.map((x) => ({ id: `ex-${x}`, data: { x, y: reverse(x) } }));
}

export const exactMatch: Metric = (example, prediction) =>
  String(prediction.y ?? '').trim() === String(example.data.y) ? 1 : 0;

export function toyProgram(instruction = 'Given x, produce y.'): Program {
  return new Program([predict('main', `x -> y`)]).withInstruction('main', instruction);
}

/**
 * An override that makes one validation example of the toy tasks unanswerable ("aium" is in
 * bothTask's validation set), for tests that need a run to go through every cycle: a run whose
 * program answers every validation example right stops there ('perfect').
 */
export const ONE_HARD_EXAMPLE: Readonly<Record<string, string>> = { aium: 'unknown' };

export interface ToyModelOptions {
  /** Always answer the proposer with this text (plus a variant number). */
  proposal?: string;
  /** Answer `y: <value>` for inputs in this map, before the usual rules. */
  overrides?: Record<string, string>;
  delayMs?: number;
}

export function toyModel(opts: ToyModelOptions = {}): ScriptedLM {
  return new ScriptedLM((request) => answer(request, opts), {
    id: 'toy',
    ...(opts.delayMs ? { delayMs: opts.delayMs } : {}),
  });
}

function answer(request: LMRequest, opts: ToyModelOptions): string {
  const system = request.messages[0]?.content ?? '';
  const variant = request.seed % 997;
  if (system === PROPOSER_SIGNATURE.instruction) {
    if (opts.proposal) return `proposed_instruction: ${opts.proposal} (variant ${variant})`;
    const user = ScriptedLM.lastUser(request);
    const demos = /demos: ([\s\S]*?)\ntraining_examples: /.exec(user)?.[1] ?? '';
    const blocks = readExampleBlocks(demos);
    const reversals = blocks.some((b) => {
      const x = String(b.inputs.x ?? '');
      return x.length > 1 && b.expected.y === reverse(x);
    });
    return reversals
      ? `proposed_instruction: Reverse the letters of x (variant ${variant}).`
      : `proposed_instruction: Answer with care (variant ${variant}).`;
  }
  const xs = request.messages
    .filter((m) => m.role === 'user' && m.content.startsWith('x: '))
    .map((m) => m.content.slice(3).trim());
  const x = xs[xs.length - 1] ?? '';
  const demoXs = xs.slice(0, -1);
  const override = opts.overrides?.[x];
  if (override !== undefined) return `y: ${override}`;
  if (/echo/i.test(system)) return `y: ${x}`;
  let right = true;
  if (x.startsWith('a')) right = demoXs.includes('magic');
  else if (x.startsWith('b')) right = /reverse/i.test(system);
  return `y: ${right ? reverse(x) : x}`;
}
