import type { DatasetFileInput, DatasetImportInput, DatasetsApi } from './api';
import type { DatasetLibrary } from './dataset-library';
import { requireStorage } from './storage-required';

/** Stored datasets (see DatasetLibrary); refused plainly without storage. */
export class DatasetsService implements DatasetsApi {
  readonly #datasets: DatasetLibrary | null;

  constructor(datasets: DatasetLibrary | null) {
    this.#datasets = datasets;
  }

  async previewDataset(file: DatasetFileInput, taskId: string, limit?: number) {
    return requireStorage(this.#datasets).preview(file, taskId, limit);
  }

  async importDataset(input: DatasetImportInput) {
    return requireStorage(this.#datasets).import(input);
  }

  async listDatasets() {
    return requireStorage(this.#datasets).list();
  }

  async deleteDataset(id: string): Promise<void> {
    return requireStorage(this.#datasets).delete(id);
  }

  async renameDataset(id: string, name: string) {
    return requireStorage(this.#datasets).rename(id, name);
  }
}
