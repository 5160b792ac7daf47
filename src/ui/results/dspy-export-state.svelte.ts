import type { CopaClient } from '../../worker/client';
import type { DspyExportBundle } from '../../worker/api';
import { toShown, type ShownError } from '../engine-state.svelte';
import { saveTextFile } from '../lib/save-file';

/** The button that opens the DSPy export: it says what the user gets. */
export const DSPY_EXPORT_LABEL = 'DSPy (JSON + Python to load it)';

/**
 * One program's DSPy export as the page shows it before anything is downloaded: the JSON, the
 * Python that loads it and the export's warnings.
 */
export class DspyExportState {
  /** The program whose export is shown; null when the panel is closed. */
  programId = $state<string | null>(null);
  bundle = $state.raw<DspyExportBundle | null>(null);
  error = $state<ShownError | null>(null);
  /** What the last copy did, for a status line. */
  copyStatus = $state('');

  constructor(private readonly client: CopaClient) {}

  async open(programId: string): Promise<void> {
    this.error = null;
    this.copyStatus = '';
    try {
      this.bundle = await this.client.exportDspy(programId);
      this.programId = programId;
    } catch (err) {
      this.error = toShown(err);
    }
  }

  close(): void {
    this.programId = null;
    this.bundle = null;
    this.copyStatus = '';
  }

  download(which: 'json' | 'python'): void {
    if (this.bundle) saveTextFile(this.bundle[which]);
  }

  async copyPython(): Promise<void> {
    if (!this.bundle) return;
    try {
      await navigator.clipboard.writeText(this.bundle.python.text);
      this.copyStatus = 'Copied.';
    } catch {
      // No clipboard without a secure context or the page's focus.
      this.copyStatus =
        'Could not copy here: select the code and copy it, or download the .py file.';
    }
  }
}
