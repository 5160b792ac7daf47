import type {
  ChatCompletionRequestNonStreaming,
  MLCEngine,
  MLCEngineConfig,
} from '@mlc-ai/web-llm';
import type { ChatEngine, ChatEngineConfig } from '../../../../src/engines/webllm/chat-engine';
import type { toChatRequest } from '../../../../src/engines/webllm/request';

/*
 * Not a test that runs: `tsc -p tsconfig.node.json` (npm run check) compiles this file against
 * WebLLM's own declarations and fails when the narrow engine interface the app codes against
 * is no longer satisfied by the real MLCEngine, or our requests are no longer its requests.
 * Each constant is `true` only while its type holds; otherwise its type is `never`.
 */

type Holds<T extends boolean> = T extends true ? true : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const realEngineIsAChatEngine: Holds<MLCEngine extends ChatEngine ? true : false> = true;

export const ourConfigIsAnEngineConfig: Holds<
  ChatEngineConfig extends MLCEngineConfig ? true : false
> = true;

export const ourRequestsAreWebLLMRequests: Holds<
  Same<ReturnType<typeof toChatRequest>, ChatCompletionRequestNonStreaming>
> = true;
