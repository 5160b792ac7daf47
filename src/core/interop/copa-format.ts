import { isJsonObject, jsonCopy, type JsonValue } from '../json';
import { Program, type ProgramState } from '../program';
import { NewerProgramFormatError, ProgramImportError } from './errors';
import { PROGRAM_LIMITS } from './program-limits';
import { programWithoutSecrets } from './secrets';
import { checkProgramState } from './program-schema';

/** Where an optimized program came from: enough to reproduce or judge it. */
export interface ProgramProvenance {
  /** The engine's model id, e.g. `Qwen2.5-0.5B-Instruct-q4f16_1-MLC`, or the stand-in's id. */
  modelId: string;
  /** E.g. `q4f16_1`; undefined when the engine has none. */
  quantization?: string;
  webllmVersion?: string;
  engine: 'webllm' | 'stand-in' | 'local-server';
  /** The base URL of the local server that answered (engine `local-server` only). */
  serverUrl?: string;
  seed: number;
  datasetId?: string;
  datasetName?: string;
  /** The fingerprint of the data it was optimized on (see data-fingerprint.ts). */
  dataFingerprint?: string;
  /** The build of the app that made it, e.g. `0.1.0+82f7c20`. */
  appBuild?: string;
  /** Scores in [0, 1] by split, e.g. `{ baseline: 0.4, validation: 0.7, test: 0.65 }`. */
  scores: Record<string, number>;
  /** ISO date of when the program was made. */
  createdAt: string;
}

export const COPA_PROGRAM_FORMAT = 'copa-playground/program';
export const COPA_PROGRAM_FORMAT_VERSION = 1;

/** The project's own program file. */
export interface CopaProgramFile {
  format: typeof COPA_PROGRAM_FORMAT;
  version: number;
  name: string;
  exportedAt: string;
  program: ProgramState;
  provenance?: ProgramProvenance;
}

/** Wraps program state (and provenance) in the project's versioned export envelope. */
export function exportCopaProgram(
  program: ProgramState,
  opts: { name: string; provenance?: ProgramProvenance; exportedAt?: Date },
): CopaProgramFile {
  const file: CopaProgramFile = {
    format: COPA_PROGRAM_FORMAT,
    version: COPA_PROGRAM_FORMAT_VERSION,
    name: opts.name,
    exportedAt: (opts.exportedAt ?? new Date()).toISOString(),
    // Kept DSPy parameters may hold credentials from before import dropped them (secrets.ts).
    program: jsonCopy(programWithoutSecrets(program).program),
  };
  if (opts.provenance)
    file.provenance = { ...opts.provenance, scores: { ...opts.provenance.scores } };
  return file;
}

export function copaProgramText(file: CopaProgramFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** True when a parsed JSON value claims to be the project's own program file. */
export function isCopaProgramFile(json: unknown): boolean {
  return isJsonObject(json) && json.format === COPA_PROGRAM_FORMAT;
}

/** Validates a parsed program file completely; throws ProgramImportError saying what is wrong. */
export function importCopaProgram(json: unknown): CopaProgramFile {
  if (!isJsonObject(json) || json.format !== COPA_PROGRAM_FORMAT)
    throw new ProgramImportError(
      `This is not a COPA Playground program file (no "format": "${COPA_PROGRAM_FORMAT}").`,
    );
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ProgramImportError('"version" must be a positive whole number.', 'version');
  if (version > COPA_PROGRAM_FORMAT_VERSION)
    throw new NewerProgramFormatError(version, COPA_PROGRAM_FORMAT_VERSION);
  if (!isJsonObject(json.program))
    throw new ProgramImportError('missing or not an object', 'program');
  const checked = checkProgramState(json.program);
  if (!checked.ok) throw new ProgramImportError(checked.message, 'program');
  let program: ProgramState;
  try {
    program = Program.fromState(checked.program).toState();
  } catch (err) {
    throw new ProgramImportError(err instanceof Error ? err.message : String(err), 'program');
  }
  const file: CopaProgramFile = {
    format: COPA_PROGRAM_FORMAT,
    version: COPA_PROGRAM_FORMAT_VERSION,
    name:
      typeof json.name === 'string' && json.name.trim()
        ? json.name.trim().slice(0, PROGRAM_LIMITS.programNameChars)
        : 'Imported program',
    exportedAt: typeof json.exportedAt === 'string' ? json.exportedAt : '',
    program,
  };
  if (json.provenance !== undefined) file.provenance = readProvenance(json.provenance);
  return file;
}

/** Checks a provenance object field by field. */
export function readProvenance(value: JsonValue | undefined): ProgramProvenance {
  if (!isJsonObject(value)) throw new ProgramImportError('must be an object', 'provenance');
  const str = (key: string, required: boolean): string | undefined => {
    const v = value[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && v === ''))
      throw new ProgramImportError('must be a non-empty text', `provenance.${key}`);
    return v;
  };
  if (value.engine !== 'webllm' && value.engine !== 'stand-in' && value.engine !== 'local-server')
    throw new ProgramImportError(
      'must be "webllm", "stand-in" or "local-server"',
      'provenance.engine',
    );
  if (typeof value.seed !== 'number' || !Number.isInteger(value.seed))
    throw new ProgramImportError('must be a whole number', 'provenance.seed');
  const scores = readScores(value.scores);
  const out: ProgramProvenance = {
    modelId: str('modelId', true) ?? '',
    engine: value.engine,
    seed: value.seed,
    scores,
    createdAt: str('createdAt', true) ?? '',
  };
  for (const key of [
    'quantization',
    'webllmVersion',
    'serverUrl',
    'datasetId',
    'datasetName',
    'dataFingerprint',
    'appBuild',
  ] as const) {
    const v = str(key, false);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function readScores(value: JsonValue | undefined): Record<string, number> {
  if (!isJsonObject(value))
    throw new ProgramImportError('must be an object of numbers', 'provenance.scores');
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ProgramImportError('must be a number', `provenance.scores.${k}`);
    out[k] = v;
  }
  return out;
}
