import type {
  ChatCompletionRequestNonStreaming,
  MLCEngine,
  MLCEngineConfig,
} from '@mlc-ai/web-llm';
import { describe, expectTypeOf, it } from 'vitest';
import type { ChatEngine, ChatEngineConfig } from '../../../../src/engines/webllm/chat-engine';
import { toChatRequest } from '../../../../src/engines/webllm/request';

// Checked by `tsc` against WebLLM's own declarations: the narrow engine interface the app
// codes against must be satisfied by the real MLCEngine, and our requests must be its requests.
describe('WebLLM type compatibility', () => {
  it('the real MLCEngine is a ChatEngine and takes our engine config', () => {
    expectTypeOf<MLCEngine>().toExtend<ChatEngine>();
    expectTypeOf<ChatEngineConfig>().toExtend<MLCEngineConfig>();
  });

  it('requests are WebLLM non-streaming chat requests', () => {
    expectTypeOf(toChatRequest).returns.toEqualTypeOf<ChatCompletionRequestNonStreaming>();
  });
});
