import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FORMULA_START, markdownInline, markdownQuote } from '../../../src/ui/lib/neutral-text';

/** Hostile text: links, images, HTML, autolinks, code spans, a table break and a heading. */
const HOSTILE = [
  '![x](http://host/p.png)',
  '[click](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  'see http://evil.example/a and www.evil.example and me@evil.example, mailto:me@evil.example',
  'a `code` span ``` and | a table cell',
  '# heading',
  '&lt;b&gt; entity',
];

/** Characters that still act in the Markdown text: any not preceded by a backslash. */
function unescaped(md: string, ch: string): boolean {
  return new RegExp(`(^|[^\\\\])${ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').test(md);
}

describe('markdownInline', () => {
  it.each(HOSTILE)('leaves nothing active in %s', (text) => {
    const md = markdownInline(text);
    for (const ch of ['[', ']', '<', '>', '`', '|', '!', '&', '#', '@'])
      expect(unescaped(md, ch), `${ch} in ${md}`).toBe(false);
    expect(md).not.toMatch(/[a-z0-9]:\/\//i);
    expect(md).not.toMatch(/www\./i);
    expect(md).not.toMatch(/mailto:/i);
  });

  it('folds line breaks, so text cannot start a new block', () => {
    expect(markdownInline('a\n\n# b\n---')).toBe('a \\# b ---');
  });
});

describe('markdownQuote', () => {
  it('keeps each line inside the quote and stops lists, headings and underlines', () => {
    const md = markdownQuote('one\n- two\n===\n3. four\n# five\n![i](http://h/p.png)');
    const lines = md.split('\n');
    expect(lines.every((l) => l.startsWith('> '))).toBe(true);
    expect(lines).toEqual([
      '> one',
      '> \\- two',
      '> \\===',
      '> \\3. four',
      '> \\# five',
      '> \\!\\[i\\](http\\://h/p.png)',
    ]);
  });
});

describe('FORMULA_START', () => {
  const csv = (cell: string): string =>
    Papa.unparse({ fields: ['a'], data: [[cell]] }, { escapeFormulae: FORMULA_START });
  const readBack = (text: string): string =>
    Papa.parse<string[]>(text, { header: false }).data[1]?.[0] ?? '';

  it.each([
    '=HYPERLINK("http://evil","x")\nsecond line',
    '=1+2',
    '+1',
    '-1+cmd',
    '@SUM(A1)',
    '  =1+2',
    '\t=1',
    '\r=1',
    '\n=1',
    '＝1+2',
  ])('escapes %j whatever follows it', (cell) => {
    const back = readBack(csv(cell));
    expect(back.startsWith("'")).toBe(true);
    expect(back.slice(1)).toBe(cell);
  });

  it('leaves ordinary text as it is', () => {
    for (const cell of ['billing', 'a = b', 'x@y', '1-2']) expect(readBack(csv(cell))).toBe(cell);
  });
});
