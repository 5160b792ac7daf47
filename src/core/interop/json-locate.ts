/**
 * Finds where a JSON text stops being valid JSON. Engines differ in whether their JSON.parse
 * message carries a position (V8 often gives only the unexpected token), so this small scanner
 * follows the JSON grammar and returns the offset of the first character that breaks it.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (): never => {
    throw new JsonStop(i);
  };
  // A text cut off inside a token fails at its end, so a caller can tell a cut-off file from a typo.
  const cutOff = (): never => {
    i = text.length;
    return fail();
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else if (word.startsWith(text.slice(i))) cutOff();
    else fail();
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 92) {
        const e = text.charAt(i + 1);
        if (e === '') cutOff();
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (hex.length < 4 && /^[0-9a-fA-F]*$/.test(hex)) cutOff();
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else fail();
      } else i++;
    }
    fail();
  };
  const number = (): void => {
    const head = text.slice(i, i + 400);
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(head);
    const atEnd = i + head.length === text.length;
    if (atEnd && m?.[0] !== head && /^-?\d*(\.\d*)?([eE][+-]?\d*)?$/.test(head)) cutOff();
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail();
  };
  const object = (): void => {
    i++;
    ws();
    if (text.charAt(i) === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text.charAt(i) !== '"') fail();
      string();
      ws();
      if (text.charAt(i) !== ':') fail();
      i++;
      value();
      ws();
      const c = text.charAt(i);
      i++;
      if (c === '}') return;
      if (c !== ',') {
        i--;
        fail();
      }
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      const c = text.charAt(i);
      i++;
      if (c === ']') return;
      if (c !== ',') {
        i--;
        fail();
      }
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (err) {
    // Anything else (e.g. a stack overflow on absurd nesting) means "position unknown".
    return err instanceof JsonStop ? err.offset : undefined;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
