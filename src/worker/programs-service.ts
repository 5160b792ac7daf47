import type { ProgramState } from '../core/program';
import type { ProgramExportFormat, ProgramScoring, ProgramsApi } from './api';
import type { ProgramLibrary } from './program-library';
import { requireStorage } from './storage-required';

/** Saved programs (see ProgramLibrary); refused plainly without storage. */
export class ProgramsService implements ProgramsApi {
  readonly #programs: ProgramLibrary | null;

  constructor(programs: ProgramLibrary | null) {
    this.#programs = programs;
  }

  async listPrograms() {
    return requireStorage(this.#programs).list();
  }

  async deleteProgram(id: string): Promise<void> {
    return requireStorage(this.#programs).delete(id);
  }

  async renameProgram(id: string, name: string) {
    return requireStorage(this.#programs).rename(id, name);
  }

  async exportProgram(id: string, format: ProgramExportFormat) {
    return requireStorage(this.#programs).export(id, format);
  }

  async exportDspy(id: string) {
    return requireStorage(this.#programs).exportDspy(id);
  }

  async importProgram(fileName: string, bytes: Uint8Array) {
    return requireStorage(this.#programs).import(fileName, bytes);
  }

  async saveProgram(name: string, program: ProgramState, scoring?: ProgramScoring) {
    return requireStorage(this.#programs).save(name, program, scoring);
  }
}
