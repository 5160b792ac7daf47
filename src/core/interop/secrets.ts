import { isJsonObject, type JsonValue } from '../json';
import type { ProgramState } from '../program';

/**
 * Credentials in what an imported DSPy file carries along: a Flex module's or an unknown
 * parameter's `lm` settings (DSPy up to 3.0.3 saved the `api_key` passed to `dspy.LM`), an
 * `api_base` with a user and password in it, a header with a bearer token. The playground keeps
 * such parameters to write them back on export, and an export is made to be shared: what looks
 * like a credential is dropped on import and again on export (for programs kept before), and
 * said, so a user can set it again where the program runs.
 */

/** One credential left out, and where it was. */
export interface DroppedSecret {
  /** Where it was, e.g. `retrieve.lm.api_key` or `flex.lm.api_base`. */
  path: string;
  /** What it is, capitalised, e.g. "An API key". */
  what: string;
}

/** Keys whose value is a credential, by name (lowercase, `-` read as `_`), with what it is. */
const SECRET_KEYS: readonly [RegExp, string][] = [
  [/^(x_)?api_?key$|_api_?key$/, 'An API key'],
  [/^(authorization|proxy_authorization|auth|bearer)$/, 'An authorization header'],
  [/secret/, 'A secret'],
  [/^(password|passwd|pwd)$|_password$/, 'A password'],
  [/^credentials?$|_credentials?$/, 'Credentials'],
  [/^(access|private|secret)_?key(_id)?$|_(access|private)_?key(_id)?$/, 'An access key'],
  [/(^|_)token$/, 'A token'],
];

/**
 * Tokens a tokenizer names, not credentials: an LM's settings may hold them (`stop_token`),
 * and writing them back is harmless.
 */
const TOKENIZER_TOKEN = /^(eos|bos|pad|stop|sep|unk|cls|mask|start|end)_token$/;

/** Values that are a well-known provider's key whatever their key is called. */
const KEY_VALUE =
  /\b(sk-(ant-|proj-)?[A-Za-z0-9_-]{16,}|sk_live_[A-Za-z0-9]{16,}|hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[A-Za-z0-9_-]{30,})/g;
/** `Bearer <token>` in a header value. */
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** A user and password in an address: `https://user:pass@host/…`. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi;
/** A credential in an address's query: `?api_key=…`, `&token=…`. */
const URL_SECRET_PARAM =
  /([?&](?:api[_-]?key|key|token|access[_-]?token|auth|secret|password|sig|signature)=)[^&#\s"']+/gi;

/** What a key's value is when its name says it is a credential, else null. */
function secretKind(key: string): string | null {
  // `apiKey`, `API-Key` and `api_key` alike.
  const name = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/-/g, '_');
  if (TOKENIZER_TOKEN.test(name)) return null;
  for (const [pattern, what] of SECRET_KEYS) if (pattern.test(name)) return what;
  return null;
}

const REDACTED = '<removed>';

/** A string with the credentials in it replaced, and what they were (null when none). */
function redactedString(text: string): { text: string; what: string } | null {
  // The first kind found names the note; every match is replaced.
  const found: { what: string | null } = { what: null };
  const replace = (pattern: RegExp, what: string, by: (match: string, group: string) => string) => {
    out = out.replace(pattern, (match: string, group: string) => {
      found.what ??= what;
      return by(match, group);
    });
  };
  let out = text;
  replace(URL_USER_INFO, 'A user name and password in an address', (_m, scheme) => scheme);
  replace(URL_SECRET_PARAM, 'A credential in an address', (_m, name) => `${name}${REDACTED}`);
  replace(BEARER, 'A bearer token', () => `Bearer ${REDACTED}`);
  replace(KEY_VALUE, 'An API key', () => REDACTED);
  return found.what === null ? null : { text: out, what: found.what };
}

/**
 * A JSON value without the credentials in it: keys named as credentials are left out (with
 * what they held), and credentials inside strings (an address's password, a key written into
 * code) are replaced by `<removed>`. `path` names the value in the notes.
 */
export function withoutSecrets(
  value: JsonValue,
  path: string,
): { value: JsonValue; dropped: DroppedSecret[] } {
  const dropped: DroppedSecret[] = [];
  const walk = (v: JsonValue, at: string): JsonValue => {
    if (typeof v === 'string') {
      const redacted = redactedString(v);
      if (!redacted) return v;
      dropped.push({ path: at, what: redacted.what });
      return redacted.text;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${at}[${i}]`));
    if (!isJsonObject(v)) return v;
    const out: Record<string, JsonValue> = {};
    for (const [k, item] of Object.entries(v)) {
      const what = secretKind(k);
      // An empty or null credential (`"api_key": null`) holds nothing to leak.
      if (what !== null && item !== null && item !== '') {
        dropped.push({ path: `${at}.${k}`, what });
        continue;
      }
      out[k] = walk(item, `${at}.${k}`);
    }
    return out;
  };
  return { value: walk(value, path), dropped };
}

/** "An API key in flex.lm.api_key was not kept: …", for the import notes. */
export function droppedOnImportNote(d: DroppedSecret): string {
  return `${d.what} in ${d.path} was not kept: a program the playground exports is made to be shared, so it never carries credentials. Set it again where you run the program in DSPy (e.g. from an environment variable).`;
}

/** "An API key in flex.lm.api_key was not written: …", for the export notes. */
export function droppedOnExportNote(d: DroppedSecret): string {
  return `${d.what} in ${d.path} (kept from the imported file) was not written: an exported program is made to be shared. Set it again where you run the program.`;
}

/** A program whose kept parameters hold no credentials, and what was taken out of them. */
export function programWithoutSecrets(program: ProgramState): {
  program: ProgramState;
  dropped: DroppedSecret[];
} {
  if (!program.kept || program.kept.length === 0) return { program, dropped: [] };
  const dropped: DroppedSecret[] = [];
  const kept = program.kept.map((k) => {
    const clean = withoutSecrets(k.state, k.name);
    dropped.push(...clean.dropped);
    return isJsonObject(clean.value) ? { ...k, state: clean.value } : k;
  });
  return { program: { ...program, kept }, dropped };
}
