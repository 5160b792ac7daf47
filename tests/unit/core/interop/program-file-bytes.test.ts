import { describe, expect, it } from 'vitest';
import { importProgramFile } from '../../../../src/core/interop/program-file';
import {
  PROGRAM_FILE_MAX_BYTES,
  programFileText,
} from '../../../../src/core/interop/program-file-bytes';
import { HAS_SHARED_DATA, readSharedText, SKIP_NOTE } from './shared-data';

const G3 = 'dspy-programs/dspy-3.0.0__saved_program.json';

/** A small DSPy 3.x file whose instruction has accented letters. */
const ACCENTED = JSON.stringify({
  traces: [],
  train: [],
  demos: [],
  signature: {
    instructions: 'Résumé the café review.',
    fields: [
      { prefix: 'Review:', description: '${review}' },
      { prefix: 'Summary:', description: '${summary}' },
    ],
  },
  lm: null,
  metadata: { dependency_versions: {} },
});

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

describe('programFileText', () => {
  it('refuses a Latin-1 file instead of importing its accents as replacement characters', () => {
    expect(() => programFileText(latin1(ACCENTED), 'review.json')).toThrow(
      expect.objectContaining({
        name: 'ProgramImportError',
        message: expect.stringMatching(
          /^review\.json is not UTF-8 text: the byte at offset \d+ \(line 1\).*save the file as UTF-8/,
        ),
      }),
    );
  });

  it('reads UTF-8 as it is', () => {
    const text = programFileText(new TextEncoder().encode(ACCENTED), 'review.json');
    expect(importProgramFile(text).program.steps[0]?.signature.instruction).toBe(
      'Résumé the café review.',
    );
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `reads a UTF-16 file with a byte-order mark as the same program${SKIP_NOTE}`,
    () => {
      const original = readSharedText(G3);
      const fromUtf16 = importProgramFile(programFileText(utf16le(original), 'agent.json'));
      expect(fromUtf16.program).toEqual(importProgramFile(original).program);
    },
  );

  it('says a pickle or a binary file is not JSON, and how to save one', () => {
    expect(() => programFileText(Uint8Array.from([0x80, 0x04, 0x95, 0x10]), 'p.pkl')).toThrow(
      /p\.pkl is a Python pickle .*program\.save\("program\.json"\)/,
    );
    expect(() => programFileText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), 'p.zip')).toThrow(
      /p\.zip is a ZIP archive/,
    );
  });

  it('refuses a file too large to hold a program before decoding it', () => {
    expect(() => programFileText(new Uint8Array(PROGRAM_FILE_MAX_BYTES + 1), 'big.json')).toThrow(
      /The program file is 80\.0 MB; the playground imports program files up to 20\.0 MB/,
    );
  });
});
