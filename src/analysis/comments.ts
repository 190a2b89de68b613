import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from './node-types';
import type { Node } from './ast';
import { lineEnd, lineIndexAt, lineStarts } from '../utils/lines';

/**
 * Where a comment cannot start: inside a string, template, regex or JSX text. Recorded during the
 * walk that sets parents, so the comments cost no second walk.
 */
export class OpaqueSpans {
  readonly spans: (readonly [number, number])[] = [];

  add(node: Node): void {
    if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateElement || node.type === AST_NODE_TYPES.JSXText) this.spans.push(node.range);
  }
}

/**
 * The comments of a parsed text, as typescript-estree's `comment: true` gives them, found from the
 * text and the tree, not as typescript-estree does, by building every token of TypeScript's tree
 * to read the trivia before it: that was a twentieth of the codemod's time. Outside the opaque
 * spans, `//` and `/*` start a comment.
 */
export function commentsOf(text: string, opaque: OpaqueSpans): TSESTree.Comment[] {
  const spans = sortedSpans(opaque);
  const comments: TSESTree.Comment[] = [];
  const lines = new LineIndex(text);
  let span = 0;
  // A shebang is trivia to TypeScript, not a comment.
  let at = text.startsWith('#!') ? lineEnd(text, 2) : 0;
  for (at = text.indexOf('/', at); at !== -1; at = text.indexOf('/', at)) {
    while (span < spans.length && spans[span]![1] <= at) span++;
    if (span < spans.length && spans[span]![0] <= at) {
      at = spans[span]![1];
      continue;
    }
    const next = text.charCodeAt(at + 1);
    if (next === SLASH) {
      const end = lineEnd(text, at + 2);
      comments.push(comment(AST_TOKEN_TYPES.Line, text.slice(at + 2, end), at, end, lines));
      at = end;
    } else if (next === STAR) {
      const close = text.indexOf('*/', at + 2);
      const end = close === -1 ? text.length : close + 2;
      comments.push(comment(AST_TOKEN_TYPES.Block, text.slice(at + 2, close === -1 ? end : close), at, end, lines));
      at = end;
    } else {
      at++;
    }
  }
  return comments;
}

const SLASH = 0x2f;
const STAR = 0x2a;

/** The spans in source order: the walk nearly always meets them so; when it does not, they are sorted. */
function sortedSpans({ spans }: OpaqueSpans): readonly (readonly [number, number])[] {
  for (let index = 1; index < spans.length; index++) {
    if (spans[index]![0] < spans[index - 1]![0]) return [...spans].sort((a, b) => a[0] - b[0]);
  }
  return spans;
}

function comment(type: TSESTree.Comment['type'], value: string, start: number, end: number, lines: LineIndex): TSESTree.Comment {
  return { type, value, range: [start, end], loc: { start: lines.position(start), end: lines.position(end) } } as TSESTree.Comment;
}

/** Line and column of an offset (as typescript-estree gives them), the line starts found on first use. */
class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): TSESTree.Position {
    const starts = (this.starts ??= lineStarts(this.text));
    const index = lineIndexAt(starts, offset);
    return { line: index + 1, column: offset - starts[index]! };
  }
}
