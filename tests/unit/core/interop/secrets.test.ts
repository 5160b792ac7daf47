import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../../../src/core/interop/secrets';

describe('withoutSecrets', () => {
  it('drops keys named as credentials, whatever their case or style', () => {
    const { value, dropped } = withoutSecrets(
      {
        apiKey: 'x1',
        'X-API-Key': 'x2',
        openai_api_key: 'x3',
        accessToken: 'x4',
        client_secret: 'x5',
        credentials: { user: 'a' },
        aws_access_key_id: 'x6',
        keep: 1,
      },
      'p',
    );
    expect(value).toEqual({ keep: 1 });
    expect(dropped.map((d) => d.path)).toEqual([
      'p.apiKey',
      'p.X-API-Key',
      'p.openai_api_key',
      'p.accessToken',
      'p.client_secret',
      'p.credentials',
      'p.aws_access_key_id',
    ]);
  });

  it('keeps what only sounds like one: token counts, tokenizer tokens, empty keys', () => {
    const settings = {
      max_tokens: 500,
      max_completion_tokens: 9,
      eos_token: '</s>',
      api_key: null,
      token: '',
      keyword: 'k',
      model: 'ollama_chat/llama3.2',
      api_base: 'http://localhost:11434',
    };
    expect(withoutSecrets(settings, 'p')).toEqual({ value: settings, dropped: [] });
  });

  it('takes credentials out of strings anywhere: addresses, headers, keys written in code', () => {
    const { value, dropped } = withoutSecrets(
      [
        'postgres://bob:pw@db:5432/x',
        'see https://h/?token=t0k&x=1',
        'Bearer abcdefghijkl',
        'k = "hf_aaaaaaaaaaaaaaaaaaaaaaaa"',
      ],
      'p',
    );
    expect(value).toEqual([
      'postgres://db:5432/x',
      'see https://h/?token=<removed>&x=1',
      'Bearer <removed>',
      'k = "<removed>"',
    ]);
    expect(dropped.map((d) => d.what)).toEqual([
      'A user name and password in an address',
      'A credential in an address',
      'A bearer token',
      'An API key',
    ]);
  });
});
