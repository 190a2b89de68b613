import path from 'node:path';
import type { ParserOptions } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type * as ts from 'typescript';
import { prepareTree, type VisitorKeys } from './ast';
import { commentsOf, OpaqueSpans } from './comments';

interface Parsers {
  parseForESLint: typeof import('@typescript-eslint/parser').parseForESLint;
  analyze: typeof import('@typescript-eslint/scope-manager').analyze;
  parse: typeof import('@typescript-eslint/typescript-estree').parse;
  visitorKeys: VisitorKeys;
}

let loadedParsers: Parsers | undefined;

/**
 * The parser and TypeScript, loaded on the first parse: the codemod's first process imports the
 * summaries but parses nothing before its workers start, and loading them takes a quarter second.
 */
function parsers(): Parsers {
  /* eslint-disable @typescript-eslint/no-require-imports */
  loadedParsers ??= {
    parseForESLint: (require('@typescript-eslint/parser') as typeof import('@typescript-eslint/parser')).parseForESLint,
    analyze: (require('@typescript-eslint/scope-manager') as typeof import('@typescript-eslint/scope-manager')).analyze,
    parse: (require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree')).parse,
    visitorKeys: (require('@typescript-eslint/visitor-keys') as typeof import('@typescript-eslint/visitor-keys')).visitorKeys as VisitorKeys,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loadedParsers;
}

/** Extensions parsed with JSX on, as typescript-estree treats them. */
export const JSX_EXTENSIONS: ReadonlySet<string> = new Set(['.tsx', '.jsx', '.js', '.mjs', '.cjs']);

/** How the codemod and the cross-module summaries parse a file: as ESLint's parser does for rules. */
export function parseOptions(filename: string): ParserOptions {
  return {
    ecmaFeatures: { jsx: isJsxFile(filename) },
    ecmaVersion: 'latest',
    sourceType: 'module',
    range: true,
    loc: true,
    comment: true,
    filePath: filename,
  };
}

function isJsxFile(filename: string): boolean {
  return JSX_EXTENSIONS.has(path.extname(filename).toLowerCase());
}

export interface ParsedText {
  ast: TSESTree.Program;
  scopeManager: Scope.ScopeManager;
  visitorKeys: VisitorKeys;
}

/**
 * A file parsed outside ESLint: the tree, scopes and comments ESLint's parser gives, without its
 * tokens, which no analysis reads and which cost a third of the parse. With a program that holds
 * the file (typed linting), its tree is converted as the parser does, with the program's libs.
 * One walk then does what ESLint does before rules run and while they do: every node gets its
 * `parent`, and the code nodes the analyses start from are collected. The comments are found from
 * that walk and the text (`commentsOf`); `comments: false` leaves them out, for a tree nothing
 * rewrites. Throws on text that does not parse.
 */
export function parseModuleText(text: string, filename: string, program?: ts.Program, { comments = true }: { comments?: boolean } = {}): ParsedText {
  if (program) {
    // ESLint's parser always gives the comments (and tokens) with a program.
    const result = parsers().parseForESLint(text, { ...parseOptions(filename), programs: [program] });
    const parsed = { ast: result.ast as TSESTree.Program, scopeManager: result.scopeManager as Scope.ScopeManager, visitorKeys: result.visitorKeys as VisitorKeys };
    prepareTree(parsed.ast, parsed.visitorKeys);
    return parsed;
  }
  const { parse, analyze, visitorKeys } = parsers();
  const ast = parse(text, { jsx: isJsxFile(filename), range: true, loc: true, comment: false, filePath: filename }) as TSESTree.Program;
  ast.sourceType = 'module';
  // The scope analysis the parser runs, with its defaults for a file without a program.
  const scopeManager = analyze(ast, { sourceType: 'module' }) as unknown as Scope.ScopeManager;
  if (!comments) {
    prepareTree(ast, visitorKeys);
  } else {
    const opaque = new OpaqueSpans();
    prepareTree(ast, visitorKeys, (node) => opaque.add(node));
    ast.comments = commentsOf(text, opaque);
  }
  return { ast, scopeManager, visitorKeys };
}
