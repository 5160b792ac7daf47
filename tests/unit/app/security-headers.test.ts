import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  headersFileText,
  SECURITY_HEADERS,
} from '../../../src/security-headers';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe('security headers', () => {
  it('public/_headers says what vite preview sends', () => {
    const file = readFileSync(new URL('../../../public/_headers', import.meta.url), 'utf8');
    expect(file).toBe(headersFileText());
  });

  it('is strict: only this origin, the model hosts and loopback; no eval, plugins, framing or base', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    const connect = directives.get('connect-src') ?? [];
    expect(connect).toContain("'self'");
    expect(connect).toContain('https://huggingface.co');
    expect(connect).toContain('http://127.0.0.1:*');
    expect(connect).toContain('http://localhost:*');
    // Chromium ignores an IPv6 literal as a CSP source (with a console warning).
    expect(connect.some((s) => s.includes('['))).toBe(false);
    expect(
      connect.every(
        (s) => s === "'self'" || /^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost):\*$/.test(s),
      ),
    ).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });
});
