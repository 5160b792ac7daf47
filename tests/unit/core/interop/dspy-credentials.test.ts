import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copaProgramText, exportCopaProgram } from '../../../../src/core/interop/copa-format';
import { exportDspyProgram } from '../../../../src/core/interop/dspy-export';
import { dspyLoaderPython } from '../../../../src/core/interop/dspy-python';
import { importProgramFile } from '../../../../src/core/interop/program-file';
import type { JsonObject } from '../../../../src/core/json';
import type { ProgramState } from '../../../../src/core/program';

// A DSPy file whose kept parameters hold credentials: an export is made to be shared, so none
// may be kept on import or written on export (they were written back as they were).
const text = readFileSync(
  resolve(__dirname, '../../../fixtures/dspy/kept-credentials-3.0.json'),
  'utf8',
);
const CREDENTIALS = [
  'sk-proj-Zq8vKx2mN4pL7rT1wY5uB3cD',
  'sk-ant-api03-AbCdEfGhIjKlMnOpQrSt',
  'hunter2',
  'abc123def',
  'eyJhbGciOiJIUzI1NiJ9',
  'hf_AbCdEfGhIjKlMnOpQrStUvWx',
  's3cret!',
];
const holdsNone = (out: string): void => {
  for (const secret of CREDENTIALS) expect(out).not.toContain(secret);
};

describe('credentials in an imported DSPy file', () => {
  const imported = importProgramFile(text);

  it('are not kept, and the import notes say which and where', () => {
    holdsNone(JSON.stringify(imported.program));
    const notes = imported.warnings.join('\n');
    expect(notes).toContain('An API key in search.lm.api_key was not kept');
    expect(notes).toContain(
      'An authorization header in search.lm.headers.Authorization was not kept',
    );
    expect(notes).toContain('A token in search.hf_token was not kept');
    expect(notes).toContain('A password in search.settings.password was not kept');
    expect(notes).toContain(
      'A user name and password in an address in search.lm.api_base was not kept',
    );
    expect(notes).toContain('An API key in rerank.module_src was not kept');
    // The predictor's own LM is left out whole, and its key is named as not kept.
    expect(notes).toMatch(
      /answer\.predict: the predictor's own LM settings .*an API key in answer\.predict\.lm\.api_key/,
    );
  });

  it('leaves what is no credential as it was: the model, its settings, the address without its password', () => {
    const search = imported.program.kept?.find((k) => k.name === 'search')?.state;
    expect(search).toEqual({
      lm: {
        model: 'openai/gpt-4o-mini',
        model_type: 'chat',
        temperature: 0,
        max_tokens: 1000,
        stop_token: '</s>',
        api_base: 'https://llm.example.com/v1?api_key=<removed>&region=eu',
        headers: {},
      },
      settings: { endpoint: 'https://search.example.com/query', top_k: 5 },
    });
    const rerank = imported.program.kept?.find((k) => k.name === 'rerank')?.state;
    expect(rerank?.module_src).toBe(
      "import dspy\n\nlm = dspy.LM('openai/gpt-4o', api_key='<removed>')\n",
    );
  });

  it('cannot reach an export, not even from a program kept before imports dropped them', () => {
    // As such a program was stored: the file's parameters verbatim.
    const raw = JSON.parse(text) as Record<string, JsonObject>;
    const stored: ProgramState = {
      ...imported.program,
      kept: [
        { name: 'search', kind: 'unknown', state: raw.search! },
        { name: 'rerank', kind: 'flex', state: raw.rerank! },
      ],
    };
    const dspy = exportDspyProgram(stored);
    holdsNone(dspy.text);
    expect(dspy.warnings.join('\n')).toContain(
      'An API key in search.lm.api_key (kept from the imported file) was not written',
    );
    holdsNone(dspyLoaderPython(stored, { jsonFileName: 'p.dspy.json' }).code);
    const copa = copaProgramText(exportCopaProgram(stored, { name: 'p' }));
    holdsNone(copa);
    // A project file holding them (written by an older build) loses them on import too.
    const fromCopa = importProgramFile(
      copaProgramText({ ...exportCopaProgram(imported.program, { name: 'p' }), program: stored }),
    );
    holdsNone(JSON.stringify(fromCopa.program));
    expect(fromCopa.warnings.join('\n')).toContain('An API key in search.lm.api_key was not kept');
  });
});
