import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './json';

/**
 * SHA-256 hex of a value's canonical JSON (keys sorted), so equal values hash alike. Hashed
 * synchronously in JS (@noble/hashes): WebCrypto's digest is asynchronous and, per call, several
 * times slower than the hash itself for texts of a few kilobytes.
 */
export function jsonDigest(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
