import { presetForModel } from '../../core/real-model-preset';
import type { RunSettings } from '../run-settings';

/** A preset the app applied to the run settings for a model, and what it changed. */
export interface AppliedPreset {
  modelId: string;
  /** The settings the preset set (the user may have changed them since). */
  fields: Partial<RunSettings>;
  /**
   * What those settings were before the preset set them, so that taking it back (the stand-in)
   * gives the user's own values back rather than COPA's defaults. Empty after "Use COPA's
   * defaults", which sets the defaults.
   */
  replaced?: Partial<RunSettings>;
}

/** The run settings a model's preset sets (none for the stand-in); core's preset in the form's terms. */
export function presetSettings(modelId: string | null): Partial<RunSettings> {
  if (!modelId) return {};
  const preset = presetForModel(modelId);
  const out: Partial<RunSettings> = {};
  if (preset.cycles !== undefined) out.cycles = preset.cycles;
  if (preset.startWith !== undefined) out.startWith = preset.startWith;
  if (preset.demoCandidates !== undefined) out.demoCandidates = preset.demoCandidates;
  if (preset.instructionCandidates !== undefined)
    out.instructionCandidates = preset.instructionCandidates;
  if (preset.maxBootstrappedDemos !== undefined)
    out.maxBootstrappedDemos = preset.maxBootstrappedDemos;
  if (preset.demoTokenBudget !== undefined) out.demoTokenBudget = preset.demoTokenBudget;
  if (preset.budget?.maxCalls !== undefined) out.maxCalls = preset.budget.maxCalls;
  if (preset.budget?.maxWallMs !== undefined)
    out.maxMinutes = Math.round(preset.budget.maxWallMs / 60_000);
  return out;
}

/**
 * `settings` with the preset's fields put back where the user left them as set: to what they
 * were before the preset (its `replaced`), else to `defaults`.
 */
export function withoutPreset(
  settings: RunSettings,
  preset: AppliedPreset,
  defaults: RunSettings,
): RunSettings {
  const restored: RunSettings = { ...settings };
  for (const key of Object.keys(preset.fields) as (keyof RunSettings)[])
    if (restored[key] === preset.fields[key])
      Object.assign(restored, { [key]: preset.replaced?.[key] ?? defaults[key] });
  return restored;
}

/**
 * Applies `fields` (a newly loaded model's preset) over `settings`, where `previous` is the
 * preset in force until now: a setting the user changed from what `previous` set stays as the
 * user set it (loading another real model must not undo it); every other one takes the new
 * preset's value. Returns the settings and what the new preset replaced, to give back later.
 */
export function withPreset(
  settings: RunSettings,
  fields: Partial<RunSettings>,
  previous: AppliedPreset | null,
  defaults: RunSettings,
): { settings: RunSettings; replaced: Partial<RunSettings> } {
  const base = previous ? withoutPreset(settings, previous, defaults) : settings;
  const next: RunSettings = { ...base };
  const replaced: Partial<RunSettings> = { ...previous?.replaced };
  for (const key of Object.keys(fields) as (keyof RunSettings)[]) {
    const changedByUser =
      previous !== null && key in previous.fields && settings[key] !== previous.fields[key];
    if (changedByUser) continue;
    Object.assign(replaced, { [key]: base[key] });
    Object.assign(next, { [key]: fields[key] });
  }
  return { settings: next, replaced };
}

/** "2 cycles, the instruction first, a 10-minute time budget": what a preset sets, in words. */
export function presetWords(fields: Partial<RunSettings>): string {
  const parts: string[] = [];
  if (fields.cycles !== undefined)
    parts.push(`${fields.cycles} cycle${fields.cycles === 1 ? '' : 's'}`);
  if (fields.startWith !== undefined)
    parts.push(fields.startWith === 'prompt' ? 'the instruction first' : 'the demos first');
  if (fields.demoCandidates !== undefined)
    parts.push(`${fields.demoCandidates} demo-set candidates`);
  if (fields.instructionCandidates !== undefined)
    parts.push(`${fields.instructionCandidates} instruction candidates`);
  if (fields.maxBootstrappedDemos !== undefined)
    parts.push(`at most ${fields.maxBootstrappedDemos} bootstrapped demos`);
  if (fields.demoTokenBudget !== undefined)
    parts.push(`demos of at most ${fields.demoTokenBudget} tokens per step`);
  if (fields.maxCalls) parts.push(`a budget of ${fields.maxCalls} model calls`);
  if (fields.maxMinutes) parts.push(`a ${fields.maxMinutes}-minute time budget`);
  return parts.join(', ');
}
