import { ServerError } from './errors';

/** Where a server address points: this computer, a private network, or anywhere else. */
export type AddressKind = 'loopback' | 'private' | 'public';

/**
 * The base URL as the engine uses it: http(s) only, no query or fragment, no trailing slash,
 * and without a trailing "/v1" (users often paste the OpenAI base URL, which includes it) or
 * an endpoint's path under it (copied from a server's docs or a curl line).
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ServerError('ServerAddressError', input);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ServerError('ServerAddressError', input);
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/(\/v1)?\/(chat\/completions|completions|models)$/, '')
    .replace(/\/v1$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Classifies the host of a normalized base URL (names other than localhost count as public). */
export function addressKind(baseUrl: string): AddressKind {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return 'loopback';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 169 && b === 254) return 'private';
    return 'public';
  }
  // IPv6 unique-local (fc00::/7) and link-local (fe80::/10) addresses.
  if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return 'private';
  return 'public';
}
