import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../src/core/json';
import { LocalServerModel } from '../../../../src/engines/openai-server/server-model';
import { askToRoute } from '../../helpers/route-request';

// What a thinking model (Qwen3, DeepSeek-R1) or a broken chat template sends back through
// Ollama, llama-server, LM Studio or vLLM, and what the app makes of it.
const address = 'http://127.0.0.1:11434';

function modelAnswering(message: JsonObject, finishReason = 'stop'): LocalServerModel {
  const body = {
    object: 'chat.completion',
    choices: [
      { index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 32 },
  };
  return new LocalServerModel({
    baseUrl: address,
    model: 'qwen3:4b',
    fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 })),
  });
}

describe('the answer text of a local server', () => {
  it('drops the thinking block a server leaves before the answer', async () => {
    const m = modelAnswering({
      content:
        '<think>\nBilling or account? The card was charged.\n</think>\n\n[[ ## department ## ]]\nbilling',
    });
    expect((await askToRoute(m)).text).toBe('[[ ## department ## ]]\nbilling');
  });

  it('an empty answer is an error that says what to do, not a wrong answer', async () => {
    await expect(askToRoute(modelAnswering({ content: '' }))).rejects.toMatchObject({
      name: 'ServerEmptyAnswerError',
      message: expect.stringMatching(/no text.*the answer was empty; finish_reason: stop/s),
    });
    await expect(askToRoute(modelAnswering({ content: null }))).rejects.toMatchObject({
      name: 'ServerEmptyAnswerError',
    });
  });

  it('says so when the model ran out of answer length while thinking', async () => {
    const separate = modelAnswering(
      { content: '', reasoning_content: 'Okay, the user wants a department.' },
      'length',
    );
    await expect(askToRoute(separate)).rejects.toMatchObject({
      name: 'ServerEmptyAnswerError',
      message: expect.stringMatching(
        /turn its thinking off.*still thinking \(34 characters of reasoning\); finish_reason: length/s,
      ),
    });
    const inline = modelAnswering({ content: '<think>\nOkay, the user wants' }, 'length');
    await expect(askToRoute(inline)).rejects.toMatchObject({
      name: 'ServerEmptyAnswerError',
      message: expect.stringMatching(/still thinking; finish_reason: length/),
    });
  });
});
