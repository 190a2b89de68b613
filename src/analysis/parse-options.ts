import path from 'node:path';
import type { ParserOptions } from '@typescript-eslint/parser';

/** Extensions parsed with JSX on, as typescript-estree treats them. */
export const JSX_EXTENSIONS: ReadonlySet<string> = new Set(['.tsx', '.jsx', '.js', '.mjs', '.cjs']);

/** How the codemod and the cross-module summaries parse a file: as ESLint's parser does for rules. */
export function parseOptions(filename: string): ParserOptions {
  return {
    ecmaFeatures: { jsx: JSX_EXTENSIONS.has(path.extname(filename).toLowerCase()) },
    ecmaVersion: 'latest',
    sourceType: 'module',
    range: true,
    loc: true,
    comment: true,
    filePath: filename,
  };
}
