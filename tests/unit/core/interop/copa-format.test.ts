import { describe, expect, it } from 'vitest';
import {
  copaProgramText,
  exportCopaProgram,
  importCopaProgram,
  type ProgramProvenance,
} from '../../../../src/core/interop/copa-format';
import { NewerProgramFormatError, ProgramImportError } from '../../../../src/core/interop/errors';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { importProgramFile } from '../../../../src/core/interop/program-file';
import { parseJsonText } from '../../../../src/core/interop/json-text';
import { predict, Program } from '../../../../src/core/program';

const program = new Program([
  predict('classify', 'text -> label: label[pos|neg]', [
    { data: { text: 'great', label: 'pos' }, augmented: true },
  ]),
]).toState();
const provenance: ProgramProvenance = {
  modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
  quantization: 'q4f16_1',
  webllmVersion: '0.2.86',
  engine: 'webllm',
  seed: 7,
  datasetId: 'ds-1',
  dataFingerprint: `sha256:${'ab'.repeat(32)}`,
  appBuild: '0.1.0+82f7c20',
  scores: { baseline: 0.4, validation: 0.7 },
  createdAt: '2025-01-02T03:04:05.000Z',
};

describe("the project's own program file", () => {
  it('round-trips program and provenance through its text', () => {
    const file = exportCopaProgram(program, {
      name: 'Sentiment',
      provenance,
      exportedAt: new Date(0),
    });
    const back = importProgramFile(copaProgramText(file));
    expect(back.kind).toBe('copa');
    expect(back.program).toEqual(program);
    if (back.kind === 'copa') {
      expect(back.file.provenance).toEqual(provenance);
      expect(back.file.name).toBe('Sentiment');
      expect(back.file.exportedAt).toBe('1970-01-01T00:00:00.000Z');
    }
  });

  it('refuses a newer format version with a named error', () => {
    const file = { ...exportCopaProgram(program, { name: 'x' }), version: 2 };
    expect(() => importCopaProgram(file)).toThrow(NewerProgramFormatError);
    expect(() => importCopaProgram(file)).toThrow(/version 2.*up to version 1/);
  });

  it('says which part is wrong', () => {
    const ok = exportCopaProgram(program, { name: 'x', provenance });
    expect(() => importCopaProgram({ ...ok, program: { version: 1, steps: 'no' } })).toThrow(
      /^program: /,
    );
    expect(() =>
      importCopaProgram({ ...ok, provenance: { ...provenance, engine: 'gpu' } }),
    ).toThrow(/provenance\.engine/);
    expect(() =>
      importCopaProgram({ ...ok, provenance: { ...provenance, scores: { val: 'high' } } }),
    ).toThrow(/provenance\.scores\.val/);
    expect(() =>
      importCopaProgram({ ...ok, provenance: { ...provenance, dataFingerprint: 42 } }),
    ).toThrow(/provenance\.dataFingerprint/);
    expect(() => importCopaProgram({ ...ok, version: 0 })).toThrow(ProgramImportError);
    const badSig = JSON.parse(JSON.stringify(ok)) as {
      program: { steps: { signature: { inputs: unknown[] } }[] };
    };
    badSig.program.steps[0]!.signature.inputs = [];
    expect(() => importCopaProgram(badSig)).toThrow(
      /"steps.0.signature.inputs" needs at least one field/,
    );
  });

  it('importProgramFile tells DSPy files from ours', () => {
    const dspy = importProgramFile(exportDspyProgram(program).text);
    expect(dspy.kind).toBe('dspy');
    expect(dspy.program).toEqual(program);
  });
});

describe('parseJsonText', () => {
  it('reports line and column of a syntax error and ignores a BOM', () => {
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(() => parseJsonText('{\n  "a": 1,\n  "b": }', 'x.json')).toThrow(
      /^x\.json is not valid JSON at line 3, column \d+\.$/,
    );
  });
});
