import type { StorageStatus } from '../../worker/api';
import { byteSize } from '../lib/byte-size';

/**
 * The Library's words about the site's storage. The numbers come from the browser's
 * navigator.storage.estimate(), which rounds and pads them: the Storage line says so, once, and
 * the notes about a backup speak of what "this browser says" rather than repeating it.
 */

/** The space the browser says is left for this site, or null when it tells neither number. */
export function spaceLeft(status: StorageStatus | null): number | null {
  const usage = status?.usageBytes ?? null;
  const quota = status?.quotaBytes ?? null;
  return usage === null || quota === null ? null : Math.max(0, quota - usage);
}

/** "Using 12 kB of 10.7 GB available, 10.7 GB left (the browser's estimates)". */
export function storageLine(status: StorageStatus | null): string {
  const size = (b: number | null): string => (b === null ? '—' : byteSize(b));
  const left = spaceLeft(status);
  return `Using ${size(status?.usageBytes ?? null)} of ${size(status?.quotaBytes ?? null)} available${left === null ? '' : `, ${byteSize(left)} left`} (the browser's estimates)`;
}

/**
 * Said before a restore when the picked file is larger than the space left: the restore may
 * stop part-way (what it wrote stays). Null when it fits or the browser tells no space left.
 */
export function restoreSpaceWarning(
  fileName: string,
  fileBytes: number,
  status: StorageStatus | null,
): string | null {
  const left = spaceLeft(status);
  if (left === null || fileBytes <= left) return null;
  return `${fileName} (${byteSize(fileBytes)}) is larger than the ${byteSize(left)} this browser says it has left for this site, so the restore may stop part-way. Free space first (delete runs or models you no longer need, or clear cached answers), or restore it anyway.`;
}

/** After a restore: "Storage used: 1.2 MB before, 3.4 MB now." ('' when the browser tells none). */
export function storageChangeWords(
  before: StorageStatus | null,
  after: StorageStatus | null,
): string {
  const now = after?.usageBytes ?? null;
  const was = before?.usageBytes ?? null;
  if (now === null) return '';
  if (was === null) return `Storage used now: ${byteSize(now)}.`;
  return `Storage used: ${byteSize(was)} before, ${byteSize(now)} now.`;
}

/** After a backup, which is saved outside the browser's storage: what the site uses there. */
export function storageNowWords(status: StorageStatus | null): string {
  const now = status?.usageBytes ?? null;
  return now === null
    ? ''
    : `This site uses ${byteSize(now)} of the browser's storage; the backup file is outside it.`;
}
