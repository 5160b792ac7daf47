/** One reading of a download: when, how many bytes so far, and the percent done. */
export interface LoadSample {
  atMs: number;
  bytes: number;
  percent: number;
}

/**
 * Seconds left in a download, from the bytes loaded since the first reading over the time
 * elapsed; the total is inferred from bytes and percent. Null until it can be told (under a
 * second of data, nothing loaded since, or no percent yet).
 */
export function secondsLeft(first: LoadSample, now: LoadSample): number | null {
  const elapsedS = (now.atMs - first.atMs) / 1000;
  const loaded = now.bytes - first.bytes;
  if (elapsedS < 1 || loaded <= 0 || now.percent <= 0) return null;
  if (now.percent >= 100) return 0;
  const total = now.bytes / (now.percent / 100);
  return Math.max(0, total - now.bytes) / (loaded / elapsedS);
}

/** "about 40 s left", "about 3 min left"; empty when unknown. */
export function timeLeftWords(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
