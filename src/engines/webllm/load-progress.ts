/** Where a model load is. */
export type LoadPhase =
  | 'starting'
  | 'downloading'
  | 'reading-cache'
  | 'compiling'
  | 'ready'
  /** After loading: a short warm-up call measures the model's speed (the app's, not WebLLM's). */
  | 'measuring-speed';

/** Plain-data progress of a model load, as the UI shows it. */
export interface LoadProgress {
  phase: LoadPhase;
  /** 0..100 within the current phase (WebLLM reports per phase). */
  percent: number;
  /** Bytes of weights fetched or read so far, when WebLLM says (it reports whole MB). */
  bytes: number | null;
  /** WebLLM's own words. */
  text: string;
}

const MB = 1024 * 1024;

/** Reads WebLLM's init progress report (a fraction and a sentence) into plain progress data. */
export function toLoadProgress(report: { progress: number; text: string }): LoadProgress {
  const text = report.text;
  const mb = /(\d+(?:\.\d+)?)\s*MB (?:fetched|loaded)/i.exec(text);
  return {
    phase: phaseOf(text, report.progress),
    percent: Math.round(Math.min(1, Math.max(0, report.progress || 0)) * 1000) / 10,
    bytes: mb?.[1] ? Math.round(Number(mb[1]) * MB) : null,
    text,
  };
}

function phaseOf(text: string, progress: number): LoadPhase {
  if (/^Finish loading/i.test(text)) return 'ready';
  if (/Fetching param cache|Start to fetch/i.test(text)) return 'downloading';
  if (/Loading model from cache/i.test(text)) return 'reading-cache';
  if (/shader/i.test(text)) return 'compiling';
  return progress >= 1 ? 'ready' : 'starting';
}
