/**
 * A byte count as people read it: kB, MB or GB, in powers of 1,000 as browsers and disks count
 * them (a quota of 10,737,418,240 bytes reads "10.7 GB", not "10737.4 MB").
 */
export function byteSize(bytes: number): string {
  // Thresholds just under each unit's thousand, so rounding never shows "1000 kB" or "1000.0 MB".
  if (bytes < 999_500) return `${Math.ceil(bytes / 1e3)} kB`;
  if (bytes < 999_950_000) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** A size given in MB (as WebLLM's model list gives them), its digits grouped: "1,403 MB". */
export function megabytes(mb: number): string {
  return `${Math.round(mb).toLocaleString('en')} MB`;
}
