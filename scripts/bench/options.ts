/**
 * Reads a comma-separated env knob (BENCH_TASKS, BENCH_MODELS, …): `fallback` when unset or
 * empty; an unknown name throws with the known ones, so a typo does not silently run nothing.
 */
export function parseList(
  name: string,
  value: string | undefined,
  known: readonly string[],
  fallback: readonly string[] = known,
): string[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) return [...fallback];
  const unknown = items.filter((item) => !known.includes(item));
  if (unknown.length > 0)
    throw new RangeError(
      `${name}: unknown ${unknown.join(', ')}; choose from ${known.join(', ')}.`,
    );
  return items;
}

/** BENCH_SEEDS: comma-separated integers, or `a-b` ranges ("0-4" = 0,1,2,3,4). */
export function parseSeeds(value: string | undefined, fallback: readonly number[]): number[] {
  if (!value || value.trim() === '') return [...fallback];
  const seeds: number[] = [];
  for (const part of value.split(',').map((s) => s.trim())) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let s = from; s <= to; s++) seeds.push(s);
    } else if (/^-?\d+$/.test(part)) seeds.push(Number(part));
    else throw new RangeError(`BENCH_SEEDS: "${part}" is not a seed or a range such as 0-4.`);
  }
  return seeds;
}

/** BENCH_CONTEXT_WINDOW: a whole number of tokens, or undefined when unset or empty. */
export function parseContextWindow(value: string | undefined): number | undefined {
  if (!value || value.trim() === '') return undefined;
  const tokens = Number(value);
  if (!Number.isInteger(tokens) || tokens < 256)
    throw new RangeError(`BENCH_CONTEXT_WINDOW: "${value}" is not a whole number of tokens ≥ 256.`);
  return tokens;
}

/** BENCH_COPA / BENCH_BASELINE: a JSON object of config overrides, for exploring settings. */
export function parseOverrides(name: string, value: string | undefined): Record<string, unknown> {
  if (!value || value.trim() === '') return {};
  const parsed: unknown = JSON.parse(value);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TypeError(`${name} must be a JSON object, e.g. {"cycles":2}.`);
  return parsed as Record<string, unknown>;
}
