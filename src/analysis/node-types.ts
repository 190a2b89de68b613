import { AST_NODE_TYPES as REEXPORTED_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * The node type enum as a plain binding. `@typescript-eslint/utils` re-exports it through getters,
 * and the analysis reads it in every loop: a getter call per comparison showed in profiles.
 */
export const AST_NODE_TYPES = REEXPORTED_NODE_TYPES;
