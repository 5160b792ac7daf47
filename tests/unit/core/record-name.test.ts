import { describe, expect, it } from 'vitest';
import {
  checkRecordName,
  distinctName,
  MAX_RECORD_NAME_CHARS,
  recordName,
} from '../../../src/core/record-name';

describe('checkRecordName', () => {
  it('trims a name and keeps what is inside', () => {
    expect(checkRecordName('  Tickets · March  ')).toEqual({ ok: true, name: 'Tickets · March' });
  });

  it('refuses a blank name, saying what to do', () => {
    for (const blank of ['', '   ', '\t\n'])
      expect(checkRecordName(blank)).toEqual({
        ok: false,
        message: expect.stringMatching(/empty/),
      });
  });

  it('takes a name of the longest length and refuses one character more, saying how long it is', () => {
    const longest = 'a'.repeat(MAX_RECORD_NAME_CHARS);
    expect(checkRecordName(longest)).toEqual({ ok: true, name: longest });
    const over = checkRecordName(`${longest}b`);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.message).toContain(`${MAX_RECORD_NAME_CHARS + 1} characters`);
  });

  it('counts characters as a user sees them: emoji are one each', () => {
    const emoji = '🙂'.repeat(MAX_RECORD_NAME_CHARS);
    expect(checkRecordName(emoji).ok).toBe(true);
  });

  it('recordName throws a named error for a refused name', () => {
    expect(() => recordName(' ')).toThrow(expect.objectContaining({ name: 'RecordNameError' }));
    expect(recordName(' ok ')).toBe('ok');
  });
});

describe('distinctName', () => {
  it('keeps a free name and numbers a taken one, still within the longest name', () => {
    expect(distinctName('tickets', new Set(['other']))).toBe('tickets');
    expect(distinctName('tickets', new Set(['tickets', 'tickets (2)']))).toBe('tickets (3)');
    const longest = '🙂'.repeat(MAX_RECORD_NAME_CHARS);
    const numbered = distinctName(longest, new Set([longest]));
    expect(numbered.endsWith(' (2)')).toBe(true);
    expect(checkRecordName(numbered).ok).toBe(true);
  });
});
