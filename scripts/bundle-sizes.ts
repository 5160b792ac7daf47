/**
 * Prints the sizes of the built app's JavaScript, split into what the page loads (main thread)
 * and what the optimizer worker loads (its entry, and WebLLM, fetched on demand).
 * Run after `vite build`: `npx tsx scripts/bundle-sizes.ts [distDir]`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Strings found only in WebLLM's runtime (its loader and error messages). */
export const WEBLLM_MARKERS = [
  'Fetching param cache',
  'Cannot find model record in appConfig',
  'mlc-chat-config.json',
  'WebGPU is not supported in your current environment',
];

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  /** JS the page loads up front, following static imports from index.html. */
  mainThread: ChunkSize[];
  /** JS the page may load later (its dynamic imports), excluding the worker. */
  mainThreadLazy: ChunkSize[];
  workerEntry: ChunkSize[];
  /** Chunks the worker imports dynamically (WebLLM). */
  workerLazy: ChunkSize[];
}

const QUOTED = String.raw`["'\x60]`;
const STATIC_IMPORT = new RegExp(
  String.raw`(?:\bfrom|\bimport)\s*${QUOTED}\.{0,2}/?(?:assets/)?([\w.-]+\.js)${QUOTED}`,
  'g',
);
const DYNAMIC_IMPORT = new RegExp(
  String.raw`\bimport\(\s*${QUOTED}\.{0,2}/?(?:assets/)?([\w.-]+\.js)${QUOTED}\s*\)`,
  'g',
);
const WORKER_URL = new RegExp(
  String.raw`${QUOTED}[./]*(?:assets/)?([\w.-]*worker[\w.-]*\.js)${QUOTED}`,
  'g',
);

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}

/** Reads dist/ and sorts its JavaScript into main-thread and worker parts. */
export function analyzeBundle(distDir: string): BundleReport {
  const assets = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const read = (file: string): string => readFileSync(join(assets, file), 'utf8');
  const size = (file: string): ChunkSize => {
    const bytes = readFileSync(join(assets, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  };
  const entries = [
    ...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="[^"]*\/([\w.-]+\.js)"/g),
  ].map((m) => m[1] as string);
  const closure = (starts: string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...starts];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file) || !existsSync(join(assets, file))) continue;
      seen.add(file);
      queue.push(...matches(read(file), STATIC_IMPORT));
    }
    return seen;
  };
  const lazyOf = (files: Set<string>): Set<string> => {
    const lazy = new Set<string>();
    for (const f of files)
      for (const d of matches(read(f), DYNAMIC_IMPORT)) if (!files.has(d)) lazy.add(d);
    return new Set([...lazy].flatMap((f) => [...closure([f])]).filter((f) => !files.has(f)));
  };
  const main = closure(entries);
  const workers = new Set(
    [...main].flatMap((f) => matches(read(f), WORKER_URL)).filter((f) => !main.has(f)),
  );
  const workerFiles = closure([...workers]);
  const mainLazy = [...lazyOf(main)].filter((f) => !workerFiles.has(f));
  const workerLazy = lazyOf(workerFiles);
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const sorted = (files: Iterable<string>): ChunkSize[] =>
    [...files]
      .filter((f) => js.includes(f))
      .sort()
      .map(size);
  return {
    mainThread: sorted(main),
    mainThreadLazy: sorted(mainLazy),
    workerEntry: sorted(workerFiles),
    workerLazy: sorted(workerLazy),
  };
}

/** WebLLM markers found in the given chunks, as "file: marker". */
export function webllmMarkersIn(distDir: string, chunks: readonly ChunkSize[]): string[] {
  const found: string[] = [];
  for (const c of chunks) {
    const text = readFileSync(join(distDir, 'assets', c.file), 'utf8');
    for (const marker of WEBLLM_MARKERS)
      if (text.includes(marker)) found.push(`${c.file}: ${marker}`);
  }
  return found;
}

function printGroup(title: string, chunks: readonly ChunkSize[]): void {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
  const total = chunks.reduce((s, c) => s + c.bytes, 0);
  const gz = chunks.reduce((s, c) => s + c.gzipBytes, 0);
  console.log(`${title}: ${kb(total)} (gzip ${kb(gz)})`);
  for (const c of chunks) console.log(`  ${c.file}  ${kb(c.bytes)} (gzip ${kb(c.gzipBytes)})`);
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const dist = process.argv[2] ?? 'dist';
  const report = analyzeBundle(dist);
  printGroup('Main thread (loaded by the page)', report.mainThread);
  printGroup('Main thread, loaded on demand', report.mainThreadLazy);
  printGroup('Optimizer worker', report.workerEntry);
  printGroup(
    "Worker, loaded on demand (WebLLM; the browser tests' simulated engine)",
    report.workerLazy,
  );
  const leaks = webllmMarkersIn(dist, [...report.mainThread, ...report.mainThreadLazy]);
  if (leaks.length > 0) {
    console.error(`WebLLM code found in the main-thread bundle:\n  ${leaks.join('\n  ')}`);
    process.exitCode = 1;
  }
}
