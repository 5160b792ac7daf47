import { describe, expect, it } from 'vitest';
import { REAL_MODEL_PRESET } from '../../../src/core/real-model-preset';
import type { EngineState } from '../../../src/ui/engine-state.svelte';
import { DEFAULT_RUN_SETTINGS, RunState } from '../../../src/ui/run-state.svelte';
import type { TaskState } from '../../../src/ui/task-state.svelte';
import type { CopaClient } from '../../../src/worker/client';

/** A RunState whose engine status the test sets. */
function runWith() {
  const engine = {
    status: { kind: null, modelId: null, label: 'No model loaded' },
  } as unknown as EngineState;
  const run = new RunState({} as CopaClient, engine, {} as TaskState);
  const load = (kind: 'webllm' | 'standin', modelId: string) => {
    engine.status = { kind, modelId, label: modelId };
    run.followModel();
  };
  return { run, load };
}

describe('the real-model preset follows the loaded model', () => {
  it('a WebLLM model applies it once (into the budget sent to the run); the stand-in takes it back', () => {
    const { run, load } = runWith();
    expect(REAL_MODEL_PRESET.cycles).not.toBe(DEFAULT_RUN_SETTINGS.cycles);
    load('webllm', 'webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(run.settings.cycles).toBe(REAL_MODEL_PRESET.cycles);
    expect(run.config().budget).toEqual(REAL_MODEL_PRESET.budget);
    expect(run.config().startWith).toBe(REAL_MODEL_PRESET.startWith);
    expect(REAL_MODEL_PRESET.budget?.maxWallMs).toBeGreaterThan(0);
    expect(run.preset?.modelId).toBe('webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    // The user's changes stay while the same model is loaded.
    run.settings.cycles = 4;
    run.followModel();
    expect(run.settings.cycles).toBe(4);
    // The stand-in takes back what the user left as the preset set it.
    load('standin', 'standin:0');
    expect(run.preset).toBeNull();
    expect(run.settings.cycles).toBe(4);
    expect(run.settings.maxMinutes).toBe(DEFAULT_RUN_SETTINGS.maxMinutes);
    expect(run.config().budget).toEqual({});
    expect(run.config().startWith).toBe(DEFAULT_RUN_SETTINGS.startWith);
  });

  it("'Use COPA's defaults' sets the preset aside for that model; settings stay put during a run", () => {
    const { run, load } = runWith();
    load('webllm', 'webllm:a');
    run.usePresetDefaults();
    expect(run.settings).toEqual(DEFAULT_RUN_SETTINGS);
    run.followModel();
    expect(run.settings.cycles).toBe(DEFAULT_RUN_SETTINGS.cycles);
    run.paused = true;
    load('webllm', 'webllm:b');
    expect(run.settings.cycles).toBe(DEFAULT_RUN_SETTINGS.cycles);
    run.paused = false;
    run.followModel();
    expect(run.settings.cycles).toBe(REAL_MODEL_PRESET.cycles);
    expect(run.preset?.modelId).toBe('webllm:b');
  });
});

describe('switching engines keeps what the user set', () => {
  it('another real model keeps the preset settings the user changed', () => {
    const { run, load } = runWith();
    load('webllm', 'webllm:a');
    run.settings.maxMinutes = 45;
    run.settings.cycles = 4;
    load('webllm', 'webllm:b');
    expect(run.preset?.modelId).toBe('webllm:b');
    expect(run.settings.maxMinutes).toBe(45);
    expect(run.settings.cycles).toBe(4);
    expect(run.settings.startWith).toBe(REAL_MODEL_PRESET.startWith);
  });

  it('the stand-in gives back the settings the preset replaced, not COPA defaults', () => {
    const { run, load } = runWith();
    load('standin', 'standin:0');
    run.settings.cycles = 5;
    run.settings.maxMinutes = 90;
    load('webllm', 'webllm:a');
    expect(run.settings.cycles).toBe(REAL_MODEL_PRESET.cycles);
    load('webllm', 'webllm:b');
    load('standin', 'standin:0');
    expect(run.preset).toBeNull();
    expect(run.settings.cycles).toBe(5);
    expect(run.settings.maxMinutes).toBe(90);
    expect(run.settings.startWith).toBe(DEFAULT_RUN_SETTINGS.startWith);
  });
});
