// Lines end as JavaScript, ESLint and TypeScript end them: at CRLF, LF, a lone CR, U+2028 or U+2029.
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;
const UNCOMMON_BREAK = /[\r\u2028\u2029]/;
// Only `lineEnd` uses it, setting `lastIndex` before each search.
const NEXT_BREAK = /[\r\n\u2028\u2029]/g;

/** Where each line of a text starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!UNCOMMON_BREAK.test(text)) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  const breaks = new RegExp(LINE_BREAK);
  for (let found = breaks.exec(text); found; found = breaks.exec(text)) starts.push(found.index + found[0].length);
  return starts;
}

/** Where the line holding `from` ends: at its line break, or the end of the text. */
export function lineEnd(text: string, from: number): number {
  NEXT_BREAK.lastIndex = from;
  return NEXT_BREAK.exec(text)?.index ?? text.length;
}

/** The 0-based index of the line that holds `offset`, by binary search over `lineStarts`. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
