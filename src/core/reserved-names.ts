/**
 * Names that JavaScript objects already answer to: `__proto__`, `constructor`, `prototype` and
 * every member an object inherits (`toString`, `hasOwnProperty`, …). A field or column with such
 * a name would read an inherited member instead of its value (`key in obj`, `obj[name]`), or
 * (`__proto__`) lose its values when assigned; such names are refused wherever a file or the
 * user names a field or a column.
 */
const RESERVED: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** True when `name` is a name JavaScript objects already have. */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

/** Why a reserved name is refused, for a message after the name ("… is reserved: …"). */
export const RESERVED_NAME_REASON =
  'it is a name JavaScript objects already have (like "constructor" or "toString"); rename it';

/** An object without a prototype, so that any key (even `__proto__`) is a plain own entry. */
export function bareRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
