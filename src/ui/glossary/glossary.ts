import { DEFAULT_COPA_CONFIG } from '../../core/optimizers/copa-config';
import { pointsWords } from '../lib/percent';

/** The words the app uses, explained for someone new to prompt optimization. */
export const GLOSSARY = {
  signature: {
    term: 'Signature',
    text: 'What a step of the program does: an instruction plus named input fields (what it reads) and output fields (what it must write), each with a type and a description. For example "ticket -> queue".',
  },
  demo: {
    term: 'Demo (demonstration)',
    text: 'A worked example shown to the model inside the prompt: inputs with the outputs it should give. Good demos anchor a small model on the format and on what a right answer looks like.',
  },
  bootstrapping: {
    term: 'Bootstrapping',
    text: 'Making demos by running the current program on training examples and keeping only the runs whose answers pass the metric (and the output rules). The demos therefore show the model its own successful work, including any reasoning.',
  },
  instruction: {
    term: 'Instruction',
    text: 'The task description at the top of the prompt. In a prompt phase the model itself proposes new instructions, grounded in the data, the demos and the current failures; the best one on the validation set is kept.',
  },
  metric: {
    term: 'Metric',
    text: 'How an answer is scored against the expected one, from 0 (wrong) to 1 (right): exact match, label match, a number within a tolerance, and so on. The optimizer only keeps changes that raise the average metric.',
  },
  validationSet: {
    term: 'Validation set',
    // COPA's acceptMargin is 0 by default (any strict gain, as DSPy): the 1-SE margin is only
    // what "Keep only clear gains" asks for (selection.ts, copa-config.ts).
    text: 'Examples kept apart from training and used to compare candidates (under a tight budget, a fixed sample of them). A candidate replaces the current program only if it scores higher on the whole set: any higher score counts, as in DSPy, unless Keep only clear gains asks for a win by more than one standard error of the per-example differences. Candidates first meet on minibatches; one behind the current program there is not scored further. The starting program is scored on the whole set only when a decision needs it: a candidate clearly ahead of it on the same minibatch examples is accepted without that. The test set is kept apart again, for an honest final check.',
  },
  cycle: {
    term: 'Cycle',
    // Which phase comes first is a setting (the real-model preset starts with the instruction).
    text: "One compilation phase (choose demos) and one prompt phase (choose the instruction), the demos first unless First phase of each cycle says otherwise. Each phase starts from the other phase's winner and the insight it handed on.",
  },
  minibatch: {
    term: 'Minibatch',
    // Successive halving draws a fresh sample each round (minibatch-screening.ts).
    text: `A small random sample of the validation set (${DEFAULT_COPA_CONFIG.minibatchSize} examples by default), the same examples for every candidate in a round and for the current program, so they are compared example by example. Candidates are compared on it first to find finalists cheaply: the weaker half drop out and the rest meet again on a fresh sample, until a few finalists are left. Its scores are noisy, so no candidate is accepted on them alone: it must also be scored on the full validation set.`,
  },
  candidate: {
    term: 'Candidate',
    text: 'One version of the program a phase tries: a different set of demos (compilation phase) or a new instruction (prompt phase). The current program is scored alongside, and a candidate replaces it only with a higher full-set score.',
  },
  insight: {
    term: 'Insight',
    text: 'A short note a phase hands to the next one: what it tried and what won, which examples still fail. The next phase uses it (a prompt phase shows it to the model that writes instructions).',
  },
  trace: {
    term: 'Trace',
    text: 'A record of one run of the program on an example: the inputs, and every output the model wrote (reasoning included). Traces whose answer passes the metric become bootstrapped demos.',
  },
  convergence: {
    term: 'Convergence',
    // stop-reason.ts: a cycle must gain max(minImprovement, one standard error) to go on.
    text: `The run stops early when a whole cycle raised the validation score by less than that score's noise (one standard error) or ${pointsWords(DEFAULT_COPA_CONFIG.minImprovement)}, whichever is larger, because further cycles are unlikely to help. It also stops when no phase of a cycle changed the program.`,
  },
} as const;

export type GlossaryKey = keyof typeof GLOSSARY;
