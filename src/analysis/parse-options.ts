import path from 'node:path';
import { parseForESLint, type ParserOptions } from '@typescript-eslint/parser';
import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { visitorKeys as typescriptVisitorKeys } from '@typescript-eslint/visitor-keys';
import type * as ts from 'typescript';
import type { VisitorKeys } from './ast';

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
 * `comments: false` leaves out the comments, a fifth of the parse, for a tree nothing rewrites.
 * Throws on text that does not parse.
 */
export function parseModuleText(text: string, filename: string, program?: ts.Program, { comments = true }: { comments?: boolean } = {}): ParsedText {
  if (program) {
    const result = parseForESLint(text, { ...parseOptions(filename), programs: [program] });
    return { ast: result.ast as TSESTree.Program, scopeManager: result.scopeManager as Scope.ScopeManager, visitorKeys: result.visitorKeys as VisitorKeys };
  }
  const ast = parse(text, { jsx: isJsxFile(filename), range: true, loc: true, comment: comments, filePath: filename }) as TSESTree.Program;
  ast.sourceType = 'module';
  // The scope analysis the parser runs, with its defaults for a file without a program.
  const scopeManager = analyze(ast, { sourceType: 'module' }) as unknown as Scope.ScopeManager;
  return { ast, scopeManager, visitorKeys: typescriptVisitorKeys as VisitorKeys };
}
