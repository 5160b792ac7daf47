import { canonicalJson } from '../../core/json';
import { jsonDigest } from '../../core/json-digest';
import type { DatasetRecord } from '../../storage/datasets';
import type { ProgramRecord } from '../../storage/programs';
import type { LibraryCollection, LibraryCounts } from '../api';
import type { BackedUpRun, LibraryBackup } from './backup-format';
import { copyNamed, type IdMaps, programForm, runForm } from './restore-forms';

/**
 * The stored records a restore compares the backup with, by id: at least those with the id of
 * a backup record or of its copy (copyIdOf). Null stands for a record that cannot be read: it
 * is never taken for the backup's, so it is never overwritten.
 */
export interface StoredLibrary {
  datasets: ReadonlyMap<string, DatasetRecord | null>;
  programs: ReadonlyMap<string, ProgramRecord | null>;
  runs: ReadonlyMap<string, BackedUpRun | null>;
}

/** What a restore writes, collection by collection, and what each backup record came to. */
export interface RestorePlan {
  datasets: DatasetRecord[];
  programs: ProgramRecord[];
  runs: BackedUpRun[];
  added: LibraryCounts;
  alreadyHere: LibraryCounts;
  copied: LibraryCounts;
  /** Written runs that the backup had as running. */
  pausedRuns: number;
}

/**
 * The id of the copy of a backup record whose id is taken. It is derived from the record, not
 * drawn at random, so restoring the same file again finds the copy already here instead of
 * adding another (and a restore stopped half-way can simply be done again).
 */
export function copyIdOf(id: string, record: unknown): string {
  return `${id}-restored-${jsonDigest(record).slice(0, 12)}`;
}

/** Added under its id; already here; to be added as a copy; its copy already here. */
type Kind = 'add' | 'here' | 'copy' | 'copy-here';

/** One backup record on its way in. */
interface Entry<T> {
  collection: LibraryCollection;
  /** Its id in the backup. */
  id: string;
  original: T;
  kind: Kind;
  /** As it would be written under its own id (references following the copies decided so far). */
  form: () => T;
  /** The stored record with an id (undefined: none; null: one that cannot be read). */
  stored: (id: string) => T | null | undefined;
}

/**
 * Decides, for every record of a backup, whether to add it (its id is free), skip it (the
 * record here with its id is the same) or add it as a copy under another id, named
 * "… (restored)" (the record here is different, or cannot be read). References between
 * records follow the copies: a run of a copied dataset points at the copy. Records are compared
 * as they would be written (references followed, a running run paused) and as they are in the
 * file, so restoring a backup into the Library it came from, or twice, adds nothing.
 */
export function planRestore(
  backup: LibraryBackup,
  stored: StoredLibrary,
  newId: () => string,
): RestorePlan {
  const ids: IdMaps = { datasets: new Map(), programs: new Map(), runs: new Map() };
  const entry = <T>(
    collection: LibraryCollection,
    id: string,
    original: T,
    form: () => T,
    here: ReadonlyMap<string, T | null>,
  ): Entry<T> => ({ collection, id, original, kind: 'add', form, stored: (at) => here.get(at) });
  const datasets = backup.datasets.map((d) => entry('datasets', d.id, d, () => d, stored.datasets));
  const programs = backup.programs.map((p) =>
    entry('programs', p.id, p, () => programForm(p, ids), stored.programs),
  );
  const runs = backup.runs.map((r) =>
    entry('runs', r.record.id, r, () => runForm(r, ids), stored.runs),
  );
  const all: Entry<unknown>[] = [...datasets, ...programs, ...runs];
  const copyOf = <T>(e: Entry<T>): T =>
    copyNamed(e.collection, e.form(), ids[e.collection].get(e.id) ?? e.id);

  // Records refer to each other (a run to its dataset and program, the program to its run):
  // copying one changes the form of those referring to it, which may then differ from what is
  // stored under their ids, so records are decided again until no new copy is needed. A copy
  // stays a copy, so this ends (at the latest when every record is a copy).
  for (let again = true; again;) {
    again = false;
    for (const e of all) {
      if (e.kind === 'copy') continue;
      e.kind = decide(e.original, e.form(), e.stored(e.id));
      if (e.kind !== 'copy') continue;
      ids[e.collection].set(e.id, copyIdOf(e.id, e.original));
      again = true;
    }
  }
  // A copy's id may hold a record already: the same copy, from an earlier restore of this file
  // (left as it is), or a different one (say, a restored run resumed since): then the copy gets
  // a fresh id, which the records referring to it follow, so the copies are checked again.
  for (let again = true; again;) {
    again = false;
    for (const e of all) {
      if (e.kind !== 'copy' && e.kind !== 'copy-here') continue;
      const here = e.stored(ids[e.collection].get(e.id) ?? e.id);
      if (here === undefined) e.kind = 'copy';
      else if (here !== null && same(here, copyOf(e))) e.kind = 'copy-here';
      else {
        ids[e.collection].set(e.id, newId());
        e.kind = 'copy';
        again = true;
      }
    }
  }

  const counts = (kinds: Kind[]): LibraryCounts => {
    const of = (c: LibraryCollection): number =>
      all.filter((e) => e.collection === c && kinds.includes(e.kind)).length;
    return { datasets: of('datasets'), programs: of('programs'), runs: of('runs') };
  };
  const written = <T>(entries: Entry<T>[]): T[] =>
    entries.flatMap((e) => (e.kind === 'add' ? [e.form()] : e.kind === 'copy' ? [copyOf(e)] : []));
  return {
    datasets: written(datasets),
    programs: written(programs),
    runs: written(runs),
    added: counts(['add']),
    alreadyHere: counts(['here', 'copy-here']),
    copied: counts(['copy']),
    pausedRuns: runs.filter(
      (e) => (e.kind === 'add' || e.kind === 'copy') && e.original.record.status === 'running',
    ).length,
  };
}

/** Skipped when the stored record is the same as written or as in the file; else copied. */
function decide(original: unknown, form: unknown, stored: unknown): Kind {
  if (stored === undefined) return 'add';
  if (stored === null) return 'copy';
  return same(stored, form) || same(stored, original) ? 'here' : 'copy';
}

/** The same content, whatever the order of keys. */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
