import { describe, expect, it } from 'vitest';
import { webllmChunkIn } from '../../../../src/engines/webllm/offline-copy';

describe("WebLLM's chunk named in a failed import's message", () => {
  it("reads Chromium's and Firefox's wording, without a query string", () => {
    expect(
      webllmChunkIn(
        'Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/webllm-DBWAiD2g.js',
      ),
    ).toBe('http://127.0.0.1:4173/assets/webllm-DBWAiD2g.js');
    expect(
      webllmChunkIn(
        'error loading dynamically imported module: https://copa.example/app/assets/webllm-a_b-9.js?retry=2',
      ),
    ).toBe('https://copa.example/app/assets/webllm-a_b-9.js');
  });

  it('names nothing when the message names no WebLLM chunk (Safari names no file)', () => {
    expect(webllmChunkIn('Importing a module script failed.')).toBeNull();
    expect(
      webllmChunkIn('Failed to fetch dynamically imported module: http://x.test/assets/index-1.js'),
    ).toBeNull();
  });
});
