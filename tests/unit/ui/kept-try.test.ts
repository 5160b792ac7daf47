import { describe, expect, it } from 'vitest';
import { routingProgram } from '../helpers/routing-program';
import type { RunOnceResult } from '../../../src/worker/api';
import {
  isAskedFor,
  keepArrived,
  pendingToFollow,
  tryToKeep,
  tryToRestore,
  whichToRestore,
  type TryTarget,
} from '../../../src/ui/try/kept-try';

const program = routingProgram;
const target: TryTarget = {
  taskId: 'ticket-routing',
  datasetId: null,
  which: 'current',
  program: program('Route the ticket.'),
  hasOptimized: true,
};
const answer: RunOnceResult = {
  prediction: { team: 'billing' },
  requests: [],
  replies: ['billing'],
  requestSteps: ['route'],
};
const typed = { ticket: 'I was charged twice' };
const failure = {
  name: 'ServerFailedError',
  message: "The server failed. Look at the server's log.",
};

describe('What was typed on Try it, kept while another screen is open', () => {
  it('comes back on the same task, data and program, with the answer shown', () => {
    const kept = tryToKeep(target, typed, answer);
    expect(tryToRestore(kept, target)).toEqual({ values: typed, result: answer, error: null });
  });

  it('is not brought back on another task or other data', () => {
    const kept = tryToKeep(target, typed, answer);
    expect(tryToRestore(kept, { ...target, taskId: 'date-normalization' })).toBeNull();
    expect(tryToRestore(kept, { ...target, datasetId: 'my-tickets' })).toBeNull();
  });

  it('is dropped when the program reads other input fields', () => {
    const kept = tryToKeep(target, typed, answer);
    expect(tryToRestore(kept, { ...target, program: program('Route.', 'message') })).toBeNull();
  });

  it('brings the inputs back without the answer when the program was changed since', () => {
    const kept = tryToKeep(target, typed, answer);
    const edited = { ...target, program: program('Route it; parcels go to shipping.') };
    expect(tryToRestore(kept, edited)).toEqual({ values: typed, result: null, error: null });
    expect(tryToRestore(kept, { ...target, which: 'optimized' })).toEqual({
      values: typed,
      result: null,
      error: null,
    });
    const failed = tryToKeep(target, typed, null, failure);
    expect(tryToRestore(failed, edited)).toEqual({ values: typed, result: null, error: null });
  });

  it('keeps only the program inputs typed, and nothing when nothing was typed or shown', () => {
    const kept = tryToKeep(target, { ticket: 'Refund please', team: 'billing', other: 'x' }, null);
    expect(kept?.values).toEqual({ ticket: 'Refund please' });
    expect(tryToKeep(target, { ticket: '' }, null)).toBeNull();
    expect(tryToKeep(target, {}, answer)?.result).toEqual(answer);
    expect(tryToKeep(target, {}, null, failure)?.error).toEqual(failure);
  });

  it('comes back with the error shown instead of an answer', () => {
    const kept = tryToKeep(target, typed, null, failure);
    expect(tryToRestore(kept, target)).toEqual({ values: typed, result: null, error: failure });
  });

  it('chooses the same program again on the same task, unless an optimized one came or went', () => {
    const kept = tryToKeep(target, typed, null);
    const now = { taskId: 'ticket-routing', datasetId: null, hasOptimized: true };
    expect(whichToRestore(kept, now)).toBe('current');
    expect(whichToRestore(kept, { ...now, taskId: 'date-normalization' })).toBeNull();
    const optimized = tryToKeep({ ...target, which: 'optimized' }, typed, null);
    expect(whichToRestore(optimized, now)).toBe('optimized');
    expect(whichToRestore(optimized, { ...now, hasOptimized: false })).toBeNull();
    // Chosen when there was nothing else: a run that made a program since has the screen choose.
    const before = tryToKeep({ ...target, hasOptimized: false }, typed, null);
    expect(whichToRestore(before, now)).toBeNull();
    expect(whichToRestore(null, now)).toBeNull();
  });
});

describe('An answer or error that arrived after Try it closed', () => {
  const asked = tryToKeep(target, typed, null);
  const arrived = { result: answer, error: null };

  it('is kept with the inputs it was asked for, and comes back with them', () => {
    const kept = keepArrived(tryToKeep(target, typed, null), asked, arrived);
    expect(tryToRestore(kept, target)).toEqual({ values: typed, result: answer, error: null });
  });

  it('keeps an error as an answer is kept, and it comes back with the inputs', () => {
    const kept = keepArrived(tryToKeep(target, typed, null), asked, {
      result: null,
      error: failure,
    });
    expect(tryToRestore(kept, target)).toEqual({ values: typed, result: null, error: failure });
  });

  it('is not kept with other inputs, another program or another task', () => {
    const others = [
      tryToKeep(target, { ticket: 'Where is my parcel?' }, null),
      tryToKeep({ ...target, program: program('Route it; parcels go to shipping.') }, typed, null),
      tryToKeep({ ...target, taskId: 'date-normalization' }, typed, null),
    ];
    for (const kept of others) expect(keepArrived(kept, asked, arrived)).toBe(kept);
    expect(keepArrived(null, asked, arrived)).toBeNull();
  });
});

describe('A Try it request still waiting when the screen opens again', () => {
  const asked = tryToKeep(target, typed, null);
  const pending = asked ? { asked, answer: Promise.resolve(answer) } : null;

  it('is waited for again with the same task, data, program and input', () => {
    expect(pending).not.toBeNull();
    expect(pendingToFollow(pending, target, typed)).toBe(pending);
  });

  it('is not waited for with other inputs, another program or another task', () => {
    expect(pendingToFollow(pending, target, { ticket: 'Where is my parcel?' })).toBeNull();
    expect(pendingToFollow(pending, { ...target, which: 'optimized' }, typed)).toBeNull();
    const edited = { ...target, program: program('Route it; parcels go to shipping.') };
    expect(pendingToFollow(pending, edited, typed)).toBeNull();
    expect(pendingToFollow(pending, { ...target, datasetId: 'my-tickets' }, typed)).toBeNull();
    expect(pendingToFollow(null, target, typed)).toBeNull();
    expect(pendingToFollow(pending, target, {})).toBeNull();
  });
});

describe('Whether the answer shown is for what is on screen now', () => {
  const asked = tryToKeep(target, typed, null)!;

  it('is, for the same task, data, program and input', () => {
    expect(isAskedFor(asked, target, { ...typed })).toBe(true);
  });

  it('is not once the input is edited, another program chosen or there is none', () => {
    expect(isAskedFor(asked, target, { ticket: 'Where is my parcel?' })).toBe(false);
    expect(isAskedFor(asked, { ...target, which: 'optimized' }, typed)).toBe(false);
    expect(isAskedFor(asked, null, typed)).toBe(false);
    expect(isAskedFor(asked, target, {})).toBe(false);
  });
});
