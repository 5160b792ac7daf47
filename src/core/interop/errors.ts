import { CopaError } from '../errors';

/** A program file could not be imported; `where` names the key or line that is wrong. */
export class ProgramImportError extends CopaError {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super('ProgramImportError', where ? `${where}: ${message}` : message);
  }
}

/** A program export was written by a newer version of the playground than this one. */
export class NewerProgramFormatError extends CopaError {
  constructor(
    readonly foundVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      'NewerProgramFormatError',
      `This program file has format version ${foundVersion}, but this version of the playground reads only up to version ${supportedVersion}. Update the playground to import it.`,
    );
  }
}

/** A project export refused: the file would be larger than the playground's import reads. */
export class ProgramExportTooLargeError extends CopaError {
  constructor(message: string) {
    super('ProgramExportTooLargeError', message);
  }
}
