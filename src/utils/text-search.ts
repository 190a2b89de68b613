/** The comments of a parsed file, in source order (as every parser here gives them). */
export type CommentRanges = readonly { readonly range: readonly [number, number] }[];

/**
 * A text test. With the file's comments, a word found only inside them does not count: no site,
 * channel or table update is spelled in a comment, and prose mentions `invalidate` or
 * `generation` often. Without them (a text not parsed yet) every occurrence counts.
 */
export type TextTest = (text: string, comments?: CommentRanges) => boolean;

/** The index of the first comment that starts at or after `offset`. */
export function firstCommentFrom(comments: CommentRanges, offset: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comments[mid]!.range[0] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where the comment that holds `offset` ends, or -1 when `offset` is outside every comment. */
export function commentEndAt(comments: CommentRanges, offset: number): number {
  const holder = comments[firstCommentFrom(comments, offset + 1) - 1];
  return holder !== undefined && offset < holder.range[1] ? holder.range[1] : -1;
}

/**
 * Whether `word` occurs outside the comments, at an offset `accept` takes when given. Words never
 * hold `/`, so one cannot run into a comment.
 */
export function includesInCode(text: string, word: string, comments: CommentRanges | undefined, accept?: (at: number) => boolean): boolean {
  const outsideComments = comments && comments.length > 0 ? comments : undefined;
  if (!outsideComments && !accept) return text.includes(word);
  for (let at = text.indexOf(word); at !== -1; ) {
    const end = outsideComments ? commentEndAt(outsideComments, at) : -1;
    if (end !== -1) {
      at = text.indexOf(word, end);
      continue;
    }
    if (!accept || accept(at)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

/** Whether a global (`g`) pattern matches outside the comments; its `lastIndex` is reset first. */
export function matchesInCode(pattern: RegExp, text: string, comments: CommentRanges | undefined): boolean {
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    const end = comments && comments.length > 0 ? commentEndAt(comments, found.index) : -1;
    if (end === -1) return true;
    pattern.lastIndex = end;
  }
  return false;
}

/** Characters per token beyond which a file is mostly literal text (a bundled script, an inlined image). */
const LITERAL_CHARACTERS_PER_TOKEN = 1_000;

/**
 * Whether the word tests would cost more than the analyses they spare: they scan every character,
 * several times, and the analyses visit nodes. In a file that is mostly one literal the nodes are
 * few, so the analyses decide alone; they find what the tests would have let through, and nothing
 * else. Only a parse that kept its tokens (ESLint's) can tell.
 */
export function treeCheaperThanText(parsed: { readonly tokens?: readonly unknown[] | undefined }, text: string): boolean {
  return parsed.tokens !== undefined && text.length > LITERAL_CHARACTERS_PER_TOKEN * parsed.tokens.length;
}
