/**
 * Finds label names used as knowledge in TypeScript source: the check behind
 * no-task-knowledge.test.ts. It splits a file into code, comments, string literals (template
 * literals included) and regex literals, and reports:
 *
 * - a **coined label** (a name no prose uses: it has `_`, `-` or a digit, or is written in
 *   capitals in its dataset, such as `card_declined`, `w2`, `ABBR`) anywhere in a comment,
 *   string, regex or object key, as a whole token, in any case;
 * - a **word label** (a name that is also an English word: `positive`, `date`, `order`, `no`)
 *   only where it is used as an item of knowledge: a string literal that is exactly the label, an
 *   item of a word list (`'a, b, c'`, `'a|b|c'`, or words split by `.split(' ')`), an alternative of a regex
 *   (`/x|label|y/`), an object key with a value (`label: [...]`, `'label': 1`), or the label in
 *   quotes inside a comment or string (`"refund" means returns`). Prose such as "the date in
 *   the text" is not knowledge of a task and does not count.
 */

export interface LabelHit {
  label: string;
  where: 'comment' | 'string' | 'regex' | 'key';
  line: number;
  excerpt: string;
}

interface Segment {
  kind: 'code' | 'comment' | 'string' | 'regex';
  text: string;
  start: number;
}

/** Splits source text into code, comments, strings and regex literals (a small TS lexer). */
export function segments(source: string): Segment[] {
  const out: Segment[] = [];
  let code = '';
  let codeStart = 0;
  let i = 0;
  const flush = (at: number): void => {
    if (code !== '') out.push({ kind: 'code', text: code, start: codeStart });
    code = '';
    codeStart = at;
  };
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      flush(i);
      out.push({ kind: 'comment', text: source.slice(i + 2, stop), start: i });
      i = stop;
      codeStart = i;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      flush(i);
      out.push({ kind: 'comment', text: source.slice(i + 2, stop - 2), start: i });
      i = stop;
      codeStart = i;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      flush(i);
      out.push({ kind: 'string', text: source.slice(i + 1, j), start: i });
      i = j + 1;
      codeStart = i;
    } else if (c === '/' && regexCanStart(code)) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n') {
        const d = source[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      flush(i);
      out.push({ kind: 'regex', text: source.slice(i + 1, j), start: i });
      i = j + 1;
      while (/[a-z]/.test(source[i] ?? '')) i++;
      codeStart = i;
    } else {
      code += c;
      i++;
    }
  }
  flush(source.length);
  return out;
}

/** A `/` starts a regex after an operator, an opening bracket, a keyword or at the start. */
function regexCanStart(codeBefore: string): boolean {
  const trimmed = codeBefore.trimEnd();
  if (trimmed === '') return true;
  if (/[(,=:[!&|?{};+\-*%<>~^]$/.test(trimmed)) return true;
  return /\b(return|typeof|case|of|in)$/.test(trimmed);
}

/** A label is coined when no prose would use it: `_`, `-`, a digit, or capitals in its data. */
export function isCoined(label: string): boolean {
  return /[_\-\d]/.test(label) || (/[A-Z]/.test(label) && label === label.toUpperCase());
}

/** Every place in `source` where one of `labels` is used as knowledge (see the file comment). */
export function scanSource(source: string, labels: readonly string[]): LabelHit[] {
  const coined = labels.filter(isCoined);
  const words = new Set(labels.filter((l) => !isCoined(l)).map((l) => l.toLowerCase()));
  const keys = new Set(labels.map((l) => l.toLowerCase()));
  const hits: LabelHit[] = [];
  const lineOf = (at: number): number => source.slice(0, at).split('\n').length;
  const report = (label: string, seg: Segment, where: LabelHit['where']): void => {
    hits.push({
      label,
      where,
      line: lineOf(seg.start),
      excerpt: seg.text.trim().slice(0, 80),
    });
  };
  const all = segments(source);
  all.forEach((seg, k) => {
    if (seg.kind === 'code') {
      for (const m of seg.text.matchAll(/([A-Za-z_$][\w$]*)\s*:\s*(?=[[{'"`\d/])/g))
        if (keys.has((m[1] ?? '').toLowerCase())) report(m[1] ?? '', seg, 'key');
      return;
    }
    const where = seg.kind;
    for (const label of coined)
      if (new RegExp(`(^|[^A-Za-z0-9_])${escape(label)}($|[^A-Za-z0-9_])`, 'i').test(seg.text))
        report(label, seg, where);
    const lower = seg.text.toLowerCase();
    for (const label of wordUses(lower, seg.kind, splitLater(all, k)))
      if (words.has(label)) report(label, seg, where);
  });
  return hits;
}

/** The words a comment, string or regex uses as knowledge items. */
function wordUses(text: string, kind: Segment['kind'], split: boolean): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["'`“‘]([a-z][a-z0-9 ]*)["'`”’]/g)) out.push(m[1] ?? '');
  if (kind === 'string') {
    // The whole literal (also a quoted object key or an item of an array of words).
    out.push(text.trim());
    const listed = text.split(/\s*[,|]\s*/).filter((s) => s !== '');
    if (listed.length >= 3 && listed.every((s) => /^[a-z][a-z']*$/.test(s))) out.push(...listed);
    if (split) out.push(...text.split(/\s+/));
  }
  if (kind === 'regex')
    for (const alt of text.split('|'))
      out.push(alt.replace(/\\b|[\^$()?:<>!=]/g, '').replace(/\\s[*+?]?/g, ' '));
  return out.map((s) => s.trim());
}

/** True when the string at `k` (maybe joined with `+` to others) is cut up by `.split(`. */
function splitLater(all: readonly Segment[], k: number): boolean {
  for (let j = k + 1; j < all.length; j++) {
    const seg = all[j];
    if (!seg || seg.kind === 'comment' || seg.kind === 'string') continue;
    if (seg.kind === 'regex') return false;
    const m = /^[\s+()]*(\.split\()?/.exec(seg.text);
    if (m?.[1]) return true;
    if ((m?.[0].length ?? 0) < seg.text.length) return false;
  }
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
