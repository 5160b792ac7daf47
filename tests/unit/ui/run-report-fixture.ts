import { DEFAULT_COPA_CONFIG } from '../../../src/core/optimizers/copa-config';
import type { PhaseRecord } from '../../../src/core/optimizers/records';
import type { RunReport } from '../../../src/worker/api';

/** A stored run's report as the worker gives it, for tests of what the page makes of one. */
export const costs = {
  calls: 40,
  cachedCalls: 5,
  promptTokens: 1000,
  completionTokens: 100,
  lmMs: 0,
};

export function phase(index: number, accepted: boolean): PhaseRecord {
  return {
    index,
    cycle: 0,
    kind: index === 0 ? 'compilation' : 'prompt',
    candidates: [
      {
        id: 'cur',
        label: 'current instruction',
        kind: 'incumbent',
        minibatchScore: null,
        minibatchExamples: 0,
        fullScore: 0.4,
        dropped: false,
      },
      {
        id: 'p1',
        label: 'proposal | 1',
        kind: 'instruction',
        instructions: { route: 'If the ticket mentions "refund", answer <b>billing</b>.' },
        minibatchScore: 0.6,
        minibatchExamples: 10,
        fullScore: 0.55,
        dropped: false,
      },
      {
        id: 'p2',
        label: 'proposal 2',
        kind: 'instruction',
        minibatchScore: 0.2,
        minibatchExamples: 10,
        fullScore: null,
        dropped: true,
        dropReason: 'behind-incumbent',
      },
    ],
    scoreBefore: 0.4,
    scoreAfter: accepted ? 0.55 : 0.4,
    accepted,
    winner: accepted ? 'p1' : null,
    decision: accepted ? 'proposal 1 scored 55.0%' : 'no candidate beat it',
    insight: 'The rule about *refunds* helped.',
    costs,
    constraintViolations: 2,
    plannedCalls: 50,
  };
}

export function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    format: 'copa-run-report',
    version: 1,
    name: 'Support ticket routing',
    status: 'finished',
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:05:00.000Z',
    model: { kind: 'standin', modelId: 'standin', label: 'Stand-in model', standIn: true },
    dataset: { task: 'ticket-routing', programEdited: false },
    settings: { ...DEFAULT_COPA_CONFIG, seed: 3, budget: { maxCalls: 900 } },
    baselineScore: 0.4,
    bestScore: 0.55,
    stopReason: 'no-change',
    totals: costs,
    curve: [],
    phases: [phase(1, true)],
    program: {
      version: 1,
      description: 'routes tickets',
      steps: [
        {
          name: 'route',
          chainOfThought: false,
          signature: {
            instruction: 'Route the ticket.\nAnswer with the department only.',
            inputs: [{ name: 'ticket', type: 'text', description: '' }],
            outputs: [
              {
                name: 'department',
                type: 'label',
                description: '',
                labels: ['billing', 'returns'],
              },
            ],
          },
          demos: [
            {
              data: {
                ticket: 'My <img src=x onerror=alert(1)> bill | is *wrong*',
                department: 'billing',
              },
              augmented: true,
            },
            { data: { ticket: 'Broken parcel', department: 'returns' }, augmented: false },
          ],
        },
      ],
    },
    ...overrides,
  };
}
