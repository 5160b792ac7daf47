import type { MethodRow } from '../../../scripts/bench/types';

/** A bench row with the given scores (validation = test unless `extra` says otherwise). */
export function methodRow(
  method: string,
  seed: number,
  testScore: number,
  extra: Partial<MethodRow> = {},
): MethodRow {
  return {
    method,
    seed,
    lmCalls: 100,
    promptTokens: 0,
    completionTokens: 0,
    valScore: testScore,
    runValScore: extra.valScore ?? testScore,
    testScore,
    wallMs: 0,
    overheadMsPerCall: 0,
    igpuSeconds: 0,
    promptTokensPerCall: 0,
    dspyPromptTokensPerCall: 0,
    curve: [],
    ...extra,
  };
}
