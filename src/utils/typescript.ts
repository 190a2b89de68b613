import type * as ts from 'typescript';

let loaded: typeof ts | undefined;

/**
 * TypeScript, loaded on first use. The CLI's own process imports the modules that resolve imports
 * and check rewrites but does neither before its workers start; loading TypeScript takes a sixth
 * of a second that would delay them.
 */
export function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('typescript') as typeof ts);
}
