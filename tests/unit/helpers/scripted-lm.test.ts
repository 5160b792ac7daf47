import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, type LMRequest } from '../../../src/core/lm';
import { ScriptedLM } from './scripted-lm';

function request(user: string): LMRequest {
  return {
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: user },
    ],
    ...DEFAULT_SAMPLING,
  };
}

describe('ScriptedLM', () => {
  it('answers from a table by substring of the last user message, else the fallback', async () => {
    const lm = new ScriptedLM({ apple: 'fruit', carrot: 'vegetable' }, { fallback: 'unknown' });
    expect((await lm.complete(request('an apple a day'))).text).toBe('fruit');
    expect((await lm.complete(request('stone'))).text).toBe('unknown');
    expect(lm.calls).toBe(2);
    expect(lm.requests.map((r) => ScriptedLM.lastUser(r))).toEqual(['an apple a day', 'stone']);
  });

  it('throws for an unscripted message without a fallback', async () => {
    const lm = new ScriptedLM({ apple: 'fruit' });
    await expect(lm.complete(request('stone'))).rejects.toThrow(/no scripted answer/);
  });

  it('passes the call index to a script function and stops waiting on abort', async () => {
    const lm = new ScriptedLM((_r, i) => `call ${i}`, { delayMs: (i) => (i === 1 ? 60_000 : 0) });
    expect((await lm.complete(request('x'))).text).toBe('call 0');
    const controller = new AbortController();
    const pending = lm.complete(request('x'), controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
