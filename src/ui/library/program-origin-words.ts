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
