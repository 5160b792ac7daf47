/** Small helpers for writing Python source text (used by the DSPy loader code). */

const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** True for a name Python accepts as a variable, attribute or keyword argument. */
export function isPythonIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

/**
 * A Python string literal. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) mean the same in Python,
 * and JSON.stringify never writes `\/`, so its output is a valid double-quoted Python string.
 */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A triple-quoted docstring, indented for a class body. Backslashes and `"""` are escaped; a
 * trailing `"` is escaped too, or it would run into the closing quotes.
 */
export function pythonDocstring(text: string, indent: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/"$/, '\\"');
  const lines = escaped.split('\n').map((l, i) => (i === 0 || l === '' ? l : indent + l));
  return `${indent}"""${lines.join('\n')}"""`;
}

/** `route_ticket`, `generate_query[0]` → `RouteTicket`, `GenerateQuery0`. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const out = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z_]/.test(out) ? out : `Step${out}`;
}

/** A readable snake_case variable name from any step name: `generate_query[0]` → `generate_query_0`. */
export function snakeName(name: string): string {
  const out = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  const safe = /^[A-Za-z_]/.test(out) ? out : `step_${out}`;
  return isPythonIdentifier(safe) ? safe : `${safe}_`;
}
