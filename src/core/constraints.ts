import type { FieldValues } from './example';
import type { JsonValue } from './json';
import { slowRegexReason } from './regex-safety';
import type { OutputValidator } from './run-program';

/**
 * The widest limit a number rule takes, either way: past 2^53 (about 9e15) an answer's digits are
 * no longer read exactly, and a limit such as 1e400 is no number at all (it reads as Infinity).
 */
export const NUMBER_RULE_LIMIT = 1e15;
/** The longest length limit a rule takes: far more than any answer a model writes in one call. */
export const MAX_LENGTH_LIMIT = 100_000;

/** What a number rule's limits may be, in words (shown where a limit is refused). */
export const NUMBER_LIMIT_WORDS = 'a number from -1e15 to 1e15 (such as 0, 2.5 or -10)';
/** What a length limit may be, in words. */
export const MAX_LENGTH_WORDS = `a whole number from 1 to ${MAX_LENGTH_LIMIT.toLocaleString('en')}`;

/** Whether a number rule's limit is usable (a blank limit is none and fine). */
export function isUsableNumberLimit(limit: number | undefined): boolean {
  return limit === undefined || (Number.isFinite(limit) && Math.abs(limit) <= NUMBER_RULE_LIMIT);
}

/** Whether a length limit is usable. */
export function isUsableMaxLength(maxChars: number): boolean {
  return Number.isInteger(maxChars) && maxChars >= 1 && maxChars <= MAX_LENGTH_LIMIT;
}

/** A constraint as plain data: what tasks declare and storage keeps. */
export type ConstraintSpec =
  | { kind: 'one-of'; field: string; values: string[]; caseSensitive?: boolean }
  | { kind: 'number'; field: string; min?: number; max?: number; integer?: boolean }
  | { kind: 'regex'; field: string; pattern: string; flags?: string; description?: string }
  | { kind: 'max-length'; field: string; maxChars: number }
  | { kind: 'json'; field: string };

/** A checked rule; custom predicates are Constraints built in code (not serializable). */
export interface Constraint {
  readonly field: string;
  /** Human words, shown in the UI and fed back to the model. */
  readonly description: string;
  /** A violation message, or null when the value is fine. */
  check(value: JsonValue | undefined, outputs: FieldValues): string | null;
}

/** Builds the checked rule a spec describes. Throws a RangeError for an unusable spec. */
export function constraintFromSpec(spec: ConstraintSpec): Constraint {
  switch (spec.kind) {
    case 'one-of':
      return oneOf(spec.field, spec.values, spec.caseSensitive ?? false);
    case 'number':
      return numberRule(spec.field, spec.min, spec.max, spec.integer ?? false);
    case 'regex':
      return regexRule(spec.field, spec.pattern, spec.flags, spec.description);
    case 'max-length':
      return maxLength(spec.field, spec.maxChars);
    case 'json':
      return jsonRule(spec.field);
  }
}

/** A constraint from a predicate written in code. */
export function customConstraint(
  field: string,
  description: string,
  predicate: (value: JsonValue | undefined, outputs: FieldValues) => boolean,
): Constraint {
  return {
    field,
    description,
    check: (value, outputs) =>
      predicate(value, outputs) ? null : `"${field}" must satisfy: ${description}.`,
  };
}

/**
 * The RunContext.validate function for a list of constraints: each predictor is checked only
 * against the constraints on fields it outputs; the first violation is returned.
 */
export function validatorFor(constraints: readonly Constraint[]): OutputValidator {
  if (constraints.length === 0) return () => null;
  // Cache the per-predictor subset: the validator runs on every call, so keep it cheap.
  const byPredictor = new Map<string, readonly Constraint[]>();
  return (predictor, outputs) => {
    let own = byPredictor.get(predictor.name);
    if (!own) {
      const names = new Set(predictor.signature.outputs.map((f) => f.name));
      own = constraints.filter((c) => names.has(c.field));
      byPredictor.set(predictor.name, own);
    }
    for (const c of own) {
      const message = c.check(outputs[c.field], outputs);
      if (message !== null) return message;
    }
    return null;
  };
}

/** Human words for a spec (for the UI, without building the rule). */
export function describeConstraint(spec: ConstraintSpec): string {
  return constraintFromSpec(spec).description;
}

function asText(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shown(value: JsonValue | undefined): string {
  const text = asText(value);
  if (text === null) return 'nothing';
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

function oneOf(field: string, values: readonly string[], caseSensitive: boolean): Constraint {
  if (values.length === 0) throw new RangeError(`The one-of rule on "${field}" lists no values.`);
  const norm = (s: string): string => (caseSensitive ? s.trim() : s.trim().toLowerCase());
  const allowed = new Set(values.map(norm));
  const description = `${field} must be one of: ${values.join(', ')}`;
  return {
    field,
    description,
    check: (value) => {
      const text = asText(value);
      if (text !== null && allowed.has(norm(text))) return null;
      return `"${field}" was ${shown(value)} but must be exactly one of: ${values.join(', ')}.`;
    },
  };
}

function numberRule(
  field: string,
  min: number | undefined,
  max: number | undefined,
  integer: boolean,
): Constraint {
  // JSON keeps Infinity as null and the check would pass anything: refused, not dropped.
  for (const [which, limit] of [
    ['minimum', min],
    ['maximum', max],
  ] as const)
    if (!isUsableNumberLimit(limit))
      throw new RangeError(
        `The ${which} of the number rule on "${field}" is ${String(limit)}; it must be ${NUMBER_LIMIT_WORDS}.`,
      );
  const parts = [integer ? 'an integer' : 'a number'];
  if (min !== undefined) parts.push(`at least ${min}`);
  if (max !== undefined) parts.push(`at most ${max}`);
  const description = `${field} must be ${parts.join(', ')}`;
  return {
    field,
    description,
    check: (value) => {
      const n = toNumber(value);
      const ok =
        n !== null &&
        (!integer || Number.isInteger(n)) &&
        (min === undefined || n >= min) &&
        (max === undefined || n <= max);
      return ok ? null : `"${field}" was ${shown(value)} but must be ${parts.join(', ')}.`;
    },
  };
}

function toNumber(value: JsonValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const cleaned = value.trim().replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

function regexRule(
  field: string,
  pattern: string,
  flags: string | undefined,
  text: string | undefined,
): Constraint {
  let re: RegExp;
  try {
    re = new RegExp(pattern, (flags ?? '').replace(/[gy]/g, ''));
  } catch {
    throw new RangeError(
      `The pattern for "${field}" is not a valid regular expression: ${pattern}`,
    );
  }
  const slow = slowRegexReason(pattern);
  if (slow !== null) throw new RangeError(`The pattern for "${field}" is refused: ${slow}`);
  const description = text ?? `${field} must match the pattern /${pattern}/`;
  return {
    field,
    description,
    check: (value) => {
      const s = asText(value);
      if (s !== null && re.test(s)) return null;
      return `"${field}" was ${shown(value)} but ${text ? `must be ${text}` : `must match /${pattern}/`}.`;
    },
  };
}

function maxLength(field: string, maxChars: number): Constraint {
  if (!isUsableMaxLength(maxChars))
    throw new RangeError(
      `The length limit on "${field}" is ${String(maxChars)}; it must be ${MAX_LENGTH_WORDS}.`,
    );
  const description = `${field} must be at most ${maxChars} characters`;
  return {
    field,
    description,
    check: (value) => {
      const s = asText(value) ?? '';
      return s.length <= maxChars
        ? null
        : `"${field}" has ${s.length} characters but must have at most ${maxChars}.`;
    },
  };
}

function jsonRule(field: string): Constraint {
  return {
    field,
    description: `${field} must be valid JSON`,
    check: (value) => {
      if (value === undefined) return `"${field}" is missing but must be valid JSON.`;
      if (typeof value !== 'string') return null; // already parsed into a JSON value
      try {
        JSON.parse(value);
        return null;
      } catch {
        return `"${field}" was ${shown(value)}, which is not valid JSON.`;
      }
    },
  };
}
