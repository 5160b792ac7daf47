/**
 * A static check for regular expressions that can take exponential time on a non-matching text.
 * JavaScript cannot interrupt a running `RegExp.test`, so a rule such as `^(\w+\s?)*$` checked
 * against a 40-character answer freezes the worker (and with it every run and Try it) for
 * minutes. The check is the usual star-height heuristic: a repeated group that itself contains
 * an unbounded repeat (`(a+)+`, `(\w+\s?)*`, `(?:x*y)+`). It does not find every slow pattern
 * (overlapping alternatives such as `(\w|\d)*` pass), but it finds the ones people write.
 */

/** Why the pattern can take exponential time on an answer, or null when it cannot be told. */
export function slowRegexReason(pattern: string): string | null {
  const nested = nestedRepeat(pattern);
  return nested === null
    ? null
    : `it repeats a group that already repeats inside (${nested}), which can freeze the app for minutes on an answer that does not match; repeat only the inside or only the group (for example ^[\\w\\s]*$ instead of ^(\\w+\\s?)*$).`;
}

interface Group {
  start: number;
  /** The group holds an unbounded repeat (`*`, `+`, `{n,}`), directly or in a group inside. */
  repeats: boolean;
}

/** The first repeated group with an unbounded repeat inside, as written; null when none. */
function nestedRepeat(pattern: string): string | null {
  const groups: Group[] = [{ start: 0, repeats: false }];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') i = afterEscape(pattern, i);
    else if (c === '[') i = afterClass(pattern, i);
    else if (c === '(') {
      groups.push({ start: i, repeats: false });
      i += 1;
      continue;
    } else if (c === ')' && groups.length > 1) {
      const group = groups.pop()!;
      const quantifier = readQuantifier(pattern, i + 1);
      if (quantifier && group.repeats && quantifier.max > 1)
        return pattern.slice(group.start, quantifier.end);
      const parent = groups[groups.length - 1]!;
      parent.repeats ||= group.repeats || (quantifier?.unbounded ?? false);
      i = quantifier?.end ?? i + 1;
      continue;
    } else i += 1;
    // After an atom (a character, an escape or a class): its own repeat, if any.
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (quantifier.unbounded) groups[groups.length - 1]!.repeats = true;
      i = quantifier.end;
    }
  }
  return null;
}

interface Quantifier {
  max: number;
  unbounded: boolean;
  /** Index just after the quantifier (and its lazy `?`). */
  end: number;
}

function readQuantifier(pattern: string, at: number): Quantifier | null {
  const c = pattern[at];
  let found: Quantifier | null = null;
  if (c === '*' || c === '+') found = { max: Infinity, unbounded: true, end: at + 1 };
  else if (c === '?') found = { max: 1, unbounded: false, end: at + 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (m) {
      const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      found = { max, unbounded: max === Infinity, end: at + m[0].length };
    }
  }
  if (found && pattern[found.end] === '?') found.end += 1;
  return found;
}

/** Index after an escape, `\p{…}`, `\u{…}` and `\k<…>` included. */
function afterEscape(pattern: string, at: number): number {
  const kind = pattern[at + 1];
  const open = pattern[at + 2];
  const close =
    open === '{' && 'pPu'.includes(kind ?? '') ? '}' : open === '<' && kind === 'k' ? '>' : null;
  if (close !== null) {
    const end = pattern.indexOf(close, at + 3);
    if (end >= 0) return end + 1;
  }
  return at + 2;
}

/** Index after a character class `[…]`. */
function afterClass(pattern: string, at: number): number {
  let i = at + 1;
  while (i < pattern.length && pattern[i] !== ']') i = pattern[i] === '\\' ? i + 2 : i + 1;
  return i + 1;
}
