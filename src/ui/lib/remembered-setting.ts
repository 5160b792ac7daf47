/*
 * A small setting kept in localStorage across reloads (a page reload cuts a run off, and the
 * run resumed afterwards should go on as it was set up). Storage can be unavailable (private
 * modes, a full quota): the setting then starts from its default and is not kept.
 */

const PREFIX = 'copa-playground.';

/** The remembered whole number under `key`, when it is one within [min, max]; else `fallback`. */
export function rememberedNumber(key: string, min: number, max: number, fallback: number): number {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    if (raw === null || raw === undefined) return fallback;
    const value = Number(raw);
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Keeps a number or a yes or no under `key`, read back by rememberedNumber or rememberedFlag. */
export function rememberSetting(key: string, value: number | boolean): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, String(value));
  } catch {
    // Not kept: see above.
  }
}

/** The remembered yes or no under `key`; null when none was kept (the caller's default holds). */
export function rememberedFlag(key: string): boolean | null {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw === 'true' ? true : raw === 'false' ? false : null;
  } catch {
    return null;
  }
}
