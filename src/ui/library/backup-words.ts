import type {
  LibraryBackupFile,
  LibraryCollection,
  LibraryCounts,
  LibraryRestoreReport,
} from '../../worker/api';
import type { ShownError } from '../engine-state.svelte';
import { byteSize } from '../lib/byte-size';
import { countWords } from '../lib/count-words';

const NOUNS: Record<LibraryCollection, string> = {
  datasets: 'dataset',
  programs: 'program',
  runs: 'run',
};
const ORDER: readonly LibraryCollection[] = ['datasets', 'programs', 'runs'];

/** "a, b and c". */
function joined(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "3 datasets, 5 programs and 1 run", leaving out the collections with none. */
export function countsWords(counts: LibraryCounts): string {
  return joined(ORDER.filter((c) => counts[c] > 0).map((c) => countWords(counts[c], NOUNS[c])));
}

const total = (counts: LibraryCounts): number => counts.datasets + counts.programs + counts.runs;

/** What a downloaded backup holds, what it left out, and whether a restore can read it. */
export function backupNotice(file: LibraryBackupFile): string {
  const held =
    total(file.included) > 0 ? countsWords(file.included) : 'nothing (the Library is empty)';
  const parts = [`Saved ${file.fileName} (${byteSize(file.bytes)}) with ${held}.`];
  if (total(file.leftOut) > 0)
    parts.push(
      `Left out ${countsWords(file.leftOut)} that cannot be read (see “Records that cannot be read”).`,
    );
  if (file.bytes > file.restoreLimitBytes)
    parts.push(
      `This file is larger than the ${byteSize(file.restoreLimitBytes)} a restore reads: delete runs you no longer need and download a new backup.`,
    );
  return parts.join(' ');
}

/** What was restored: "Restored 3 datasets…; 1 program was already here; 1 run was added as a copy…". */
export function restoreNotice(report: LibraryRestoreReport): string {
  const written = sum(report.added, report.copied);
  const from = `${report.fileName} (${byteSize(report.fileBytes)})`;
  const parts = [
    total(written) > 0
      ? `Restored ${countsWords(written)} from ${from}`
      : `Nothing new in ${from}: everything in it is already here`,
  ];
  if (total(written) > 0 && total(report.alreadyHere) > 0)
    parts.push(
      `${countsWords(report.alreadyHere)} ${were(total(report.alreadyHere))} already here`,
    );
  for (const c of ORDER) {
    const n = report.copied[c];
    if (n === 1)
      parts.push(`1 ${NOUNS[c]} was added as a copy because a different ${NOUNS[c]} had its id`);
    else if (n > 1)
      parts.push(
        `${countWords(n, NOUNS[c])} were added as copies because different ${NOUNS[c]}s had their ids`,
      );
  }
  const paused =
    report.pausedRuns > 0
      ? ` ${countWords(report.pausedRuns, 'run')} running when the backup was made ${report.pausedRuns === 1 ? 'is' : 'are'} paused here: resume ${report.pausedRuns === 1 ? 'it' : 'them'} under Unfinished runs.`
      : '';
  return `${parts.join('; ')}.${paused}`;
}

/** A restore that stopped part-way: what was restored, what was not, why, and what to do. */
export function restoreFailure(report: LibraryRestoreReport): ShownError | null {
  const failure = report.failure;
  if (!failure) return null;
  const written = sum(report.added, report.copied);
  const done =
    total(written) > 0
      ? `Restored ${countsWords(written)} from ${report.fileName}.`
      : 'Nothing was restored.';
  const missing = joined(failure.notRestored.map((c) => `the ${c}`));
  return {
    name: failure.name,
    message: `${done} ${capitalized(missing)} in the backup were not restored: ${failure.message} When that is fixed, restore the same file again: what is already here is skipped.`,
  };
}

function sum(a: LibraryCounts, b: LibraryCounts): LibraryCounts {
  return {
    datasets: a.datasets + b.datasets,
    programs: a.programs + b.programs,
    runs: a.runs + b.runs,
  };
}

const were = (n: number): string => (n === 1 ? 'was' : 'were');

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
