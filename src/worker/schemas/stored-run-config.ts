import * as v from 'valibot';
import type { DataIdentity } from '../../core/data-fingerprint';
import type { JsonObject } from '../../core/json';
import { CorruptRecordError } from '../../storage/errors';
import type { RunRecord } from '../../storage/runs';
import type { EngineStatus, RunRequest, TaskRef } from '../api';
import { partialCopaConfig } from './checkpoint-schema';
import { constraintSpec, example, issueText, metricId, programState } from './plain-data';

/** What a run record's `config` holds: enough to start the run again after a reload. */
export interface StoredRunConfig {
  request: RunRequest;
  engine: EngineStatus;
  name: string;
  datasetName?: string;
  /**
   * The app build that started the run (src/core/app-build.ts; a run resumed after an update ran
   * its later phases on a newer one). Absent in runs stored before it was recorded.
   */
  appBuild?: string;
  /**
   * The identity of the data the run used (a stored dataset's, else the built-in task's), taken
   * when it started: a later app build may make a built-in task's data anew, and a dataset may be
   * deleted. Absent in runs stored before it was recorded.
   */
  data?: DataIdentity;
}

const taskRef: v.GenericSchema<TaskRef> = v.variant('kind', [
  v.looseObject({
    kind: v.literal('builtin'),
    taskId: v.string(),
    dataSeed: v.optional(v.number()),
    program: v.optional(programState),
    metricId: v.optional(metricId),
    targetField: v.optional(v.string()),
    constraints: v.optional(v.array(constraintSpec)),
  }),
  v.looseObject({
    kind: v.literal('custom'),
    program: programState,
    trainset: v.array(example),
    valset: v.array(example),
    testset: v.optional(v.array(example)),
    metricId,
    targetField: v.string(),
    constraints: v.optional(v.array(constraintSpec)),
  }),
]);

const storedRunConfig: v.GenericSchema<StoredRunConfig> = v.looseObject({
  request: v.looseObject({
    task: taskRef,
    datasetId: v.optional(v.string()),
    adapter: v.optional(v.picklist(['chat', 'json'])),
    config: v.optional(partialCopaConfig),
  }),
  engine: v.looseObject({
    kind: v.nullable(v.picklist(['standin', 'webllm', 'server'])),
    modelId: v.nullable(v.string()),
    label: v.string(),
    thinkingOff: v.optional(v.picklist(['catalog', 'warm-up'])),
  }),
  name: v.string(),
  datasetName: v.optional(v.string()),
  appBuild: v.optional(v.string()),
  data: v.optional(
    v.looseObject({
      trainExamples: v.number(),
      validationExamples: v.number(),
      testExamples: v.number(),
      fingerprint: v.string(),
    }),
  ),
});

/** A run's stored settings, checked; a damaged record is refused by name and left as it is. */
export function runConfigOf(run: RunRecord): StoredRunConfig {
  const parsed = v.safeParse(storedRunConfig, run.config);
  if (!parsed.success)
    throw new CorruptRecordError('run', run.id, `its settings' ${issueText(parsed.issues)}`);
  return parsed.output;
}

/** The settings as the JSON a run record keeps (a plain copy: nothing of the caller's is shared). */
export function runConfigJson(config: StoredRunConfig): JsonObject {
  return structuredClone(config) as unknown as JsonObject;
}
