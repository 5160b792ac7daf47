/*
 * The response headers the app is served with: `vite preview` sends them (vite.config.ts) and
 * static hosts that read a `_headers` file (Netlify, Cloudflare Pages) send public/_headers,
 * which a unit test keeps equal to these.
 */

/**
 * Where model files come from: WebLLM's prebuilt models on Hugging Face (whose downloads are
 * redirected to its CDNs on *.huggingface.co and *.hf.co) and their compiled libraries on
 * raw.githubusercontent.com. A custom model on another host needs that host added here (and to
 * public/_headers), or the browser refuses the download.
 */
export const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
] as const;

/**
 * A local OpenAI-compatible server (the "local server" engine) listens on the loopback
 * address; connect-src allows it on any port. The IPv6 form `http://[::1]:*` is left out on
 * purpose: CSP host sources cannot be IPv6 literals, and Chromium ignores that source with a
 * console warning ("contains an invalid source"), so a server on [::1] is reached as
 * `localhost`. Nothing else off this origin is reachable.
 */
export const LOOPBACK_HOSTS = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebLLM compiles the model's WebAssembly library; nothing is ever eval'd.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  `connect-src 'self' ${[...MODEL_HOSTS, ...LOOPBACK_HOSTS].join(' ')}`,
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The same headers as a `_headers` file for static hosts (every path). */
export function headersFileText(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
  return `/*\n${lines.join('\n')}\n`;
}
