import { describe, expect, it } from 'vitest';
import { LibraryState } from '../../../src/ui/library/library-state.svelte';
import type { ProgramSummary, RunSummary } from '../../../src/worker/api';
import type { CopaClient } from '../../../src/worker/client';

/** An error as it arrives from the worker: a plain Error with the worker's name. */
function workerError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('LibraryState.openResults', () => {
  it('says why a run whose data was deleted cannot be opened, instead of doing nothing', async () => {
    const library = new LibraryState({} as CopaClient);
    await library.openResults('My tickets', async () => {
      throw workerError(
        'RecordNotFoundError',
        'No dataset "d1" is stored (it may have been deleted in another tab).',
      );
    });
    expect(library.error?.name).toBe('RunResultsUnavailableError');
    expect(library.error?.message).toBe(
      'The results of “My tickets” cannot be shown again: the data it ran on is no longer stored (it was deleted). Its report and its program are still here.',
    );
  });

  it('shows any other failure as it is, and nothing when the results open', async () => {
    const library = new LibraryState({} as CopaClient);
    await library.openResults('Run', async () => {
      throw workerError('StorageUnavailableError', 'Storage is unavailable.');
    });
    expect(library.error?.name).toBe('StorageUnavailableError');
    await library.openResults('Run', async () => {});
    expect(library.error).toBeNull();
  });
});

describe('LibraryState.unfinished', () => {
  it('offers a run stopped by an error after a finished phase for resuming, not as ended', () => {
    const library = new LibraryState({} as CopaClient);
    const run = (id: string, status: RunSummary['status'], checkpoints: number): RunSummary => ({
      id,
      name: id,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      status,
      checkpoints,
    });
    library.runs = [
      run('cut', 'running', 2),
      run('paused', 'paused', 2),
      run('full-disk', 'failed', 2),
      run('failed-at-start', 'failed', 1),
      run('done', 'finished', 5),
    ];
    expect(library.unfinished.map((r) => r.id)).toEqual(['cut', 'paused', 'full-disk']);
    expect(library.past.map((r) => r.id)).toEqual(['failed-at-start', 'done']);
  });
});

describe('LibraryState notice after a rename', () => {
  /** A worker holding programs by id and name; renames and deletes change what it lists. */
  function libraryOf(programs: Record<string, string>): {
    library: LibraryState;
    programs: Record<string, string>;
  } {
    const listed = (): ProgramSummary[] =>
      Object.entries(programs).map(([id, name]) => ({ id, name }) as ProgramSummary);
    const empty = { items: [], problems: [] };
    const client = {
      listDatasets: async () => empty,
      listPrograms: async () => ({ items: listed(), problems: [] }),
      listRuns: async () => empty,
      storageStatus: async () => ({ persisted: true }),
      lmCacheReport: async () => null,
      runLockState: async () => ({ busy: false, here: false }),
      renameProgram: async (id: string, name: string) => {
        programs[id] = name.trim();
        return { id, name: programs[id] } as ProgramSummary;
      },
      deleteProgram: async (id: string) => {
        delete programs[id];
      },
      runReport: async () => null,
    } as unknown as CopaClient;
    return { library: new LibraryState(client), programs };
  }

  it('names the record and both names, while the record has the name it was given', async () => {
    const { library, programs } = libraryOf({ p1: 'Ticket router', p2: 'Date fixer' });
    await library.refresh();
    expect(await library.rename('program', 'p1', 'Tuned router ')).toBe('Tuned router');
    expect(library.notice).toBe('Renamed the program “Ticket router” to “Tuned router”.');
    // The new name shows in place: the Library need not be scrolled to its notice.
    expect(library.actionNotice).toBe('');
    // Renamed again in another tab: the Library's next reading no longer bears it out.
    programs.p1 = 'Router v3';
    await library.refresh();
    expect(library.notice).toBe('');
  });

  it('is gone once the record is deleted, or the user turns to another item', async () => {
    const { library } = libraryOf({ p1: 'Ticket router', p2: 'Date fixer' });
    await library.refresh();
    await library.rename('program', 'p1', 'Tuned router');
    // Asking to delete another program: the notice is about something else now.
    await library.remove('program', 'p2');
    expect(library.notice).toBe('');
    await library.rename('program', 'p1', 'Router v2');
    expect(library.notice).toBe('Renamed the program “Tuned router” to “Router v2”.');
    library.dropNotice();
    expect(library.notice).toBe('');
    await library.rename('program', 'p1', 'Router v3');
    await library.remove('program', 'p1');
    await library.remove('program', 'p1');
    expect(library.programs).toEqual([{ id: 'p2', name: 'Date fixer' }]);
    expect(library.notice).toBe('');
  });
});

describe('LibraryState.actionNotice', () => {
  it('is a notice that is the only sign of what an action did', async () => {
    const library = new LibraryState({ runReport: async () => null } as unknown as CopaClient);
    await library.downloadReport('r1', 'markdown');
    expect(library.actionNotice).toBe(
      'This run has no report yet: it stopped before its first score.',
    );
    expect(library.notice).toBe(library.actionNotice);
  });
});
