/**
 * How an answer's reading tells labels apart: lower case, with `_`, `-`, `/` and runs of white
 * space as single spaces ("Card-Arrival" and "card_arrival" read alike, "Sci-Tech" and AG News's
 * "Sci/Tech" too). Two labels with the same words cannot both be answered.
 */
export function looseWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\s/-]+/g, ' ')
    .trim();
}
