import { describe, expect, it } from 'vitest';
import { REAL_MODEL_PRESET } from '../../../src/core/real-model-preset';
import { presetSettings, presetWords, withoutPreset } from '../../../src/ui/lib/model-preset';
import { DEFAULT_RUN_SETTINGS } from '../../../src/ui/run-settings';

describe('the real-model preset in the run settings', () => {
  it("a WebLLM or local server model gets core's preset in the form's terms; the stand-in gets none", () => {
    const fields = presetSettings('webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(fields).toEqual({
      cycles: REAL_MODEL_PRESET.cycles,
      startWith: REAL_MODEL_PRESET.startWith,
      demoTokenBudget: REAL_MODEL_PRESET.demoTokenBudget,
      maxMinutes: (REAL_MODEL_PRESET.budget?.maxWallMs ?? 0) / 60_000,
    });
    expect(fields.maxMinutes).toBeGreaterThan(0);
    // A local server's model costs real time per call too: the same preset.
    expect(presetSettings('server:http://127.0.0.1:11434#llama3')).toEqual(fields);
    expect(presetSettings('standin:0')).toEqual({});
    expect(presetSettings(null)).toEqual({});
    expect(
      presetWords({ cycles: 2, startWith: 'prompt', demoTokenBudget: 600, maxMinutes: 10 }),
    ).toBe(
      '2 cycles, the instruction first, demos of at most 600 tokens per step, a 10-minute time budget',
    );
    expect(presetWords({ cycles: 1, startWith: 'compilation' })).toBe('1 cycle, the demos first');
  });

  it('taking the preset back restores only the settings the user left as it set them', () => {
    const fields = presetSettings('webllm:m');
    const applied = { ...DEFAULT_RUN_SETTINGS, ...fields, seed: 4 };
    const changed = { ...applied, maxMinutes: 45 };
    const back = withoutPreset(changed, { modelId: 'webllm:m', fields }, DEFAULT_RUN_SETTINGS);
    expect(back.cycles).toBe(DEFAULT_RUN_SETTINGS.cycles);
    expect(back.startWith).toBe(DEFAULT_RUN_SETTINGS.startWith);
    expect(back.demoTokenBudget).toBe(DEFAULT_RUN_SETTINGS.demoTokenBudget);
    expect(back.maxMinutes).toBe(45);
    expect(back.seed).toBe(4);
  });
});
