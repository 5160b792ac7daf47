import type { ProgramProvenance } from '../../core/interop/copa-format';
import { modelDisplayName, serverModelId } from '../../core/model-name';
import type { ProgramOrigin } from '../../worker/api';

/** Where a saved program came from, as the Library lists it. */
export function programOriginWords(origin: ProgramOrigin): string {
  switch (origin) {
    case 'run':
      return 'from a run';
    case 'import-dspy':
      return 'imported DSPy file';
    case 'import-copa':
      return 'imported project file';
    case 'manual':
      return 'saved from the Program screen';
  }
}

/** The model a saved program was optimized with, named as every screen names it. */
export function provenanceModelWords(
  provenance: Pick<ProgramProvenance, 'engine' | 'modelId' | 'serverUrl'>,
): string {
  if (provenance.engine === 'stand-in') return 'stand-in model';
  return modelDisplayName(
    provenance.engine === 'local-server'
      ? serverModelId(provenance.serverUrl ?? '', provenance.modelId)
      : provenance.modelId,
  );
}
