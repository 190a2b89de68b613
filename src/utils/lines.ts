/**
 * Where each line of a text starts. Lines end as JavaScript, ESLint and TypeScript end them: at
 * CRLF, LF, a lone CR, U+2028 or U+2029.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!/[\r\u2028\u2029]/.test(text)) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  const breaks = /\r\n?|[\n\u2028\u2029]/g;
  for (let found = breaks.exec(text); found; found = breaks.exec(text)) starts.push(found.index + found[0].length);
  return starts;
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
