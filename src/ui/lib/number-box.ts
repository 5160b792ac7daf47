/**
 * What a number box holds: undefined when it is blank, NaN when its text is no number the
 * browser can hold. A browser empties the value of `<input type="number">` both for a blank box
 * and for text it cannot read ("1e400", which would be Infinity, or "1e"), and only
 * `validity.badInput` tells the two apart: read as blank, a limit typed as 1e400 was silently
 * no limit at all.
 */
export function numberInBox(box: {
  value: string;
  validity: { badInput: boolean };
}): number | undefined {
  if (box.validity.badInput) return Number.NaN;
  if (box.value.trim() === '') return undefined;
  const n = Number(box.value);
  return Number.isFinite(n) ? n : Number.NaN;
}
