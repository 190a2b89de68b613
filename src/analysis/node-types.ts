import { AST_NODE_TYPES as TYPES_NODE_TYPES, AST_TOKEN_TYPES as TYPES_TOKEN_TYPES } from '@typescript-eslint/types';

/**
 * The node and token type enums, from `@typescript-eslint/types`, not `@typescript-eslint/utils`:
 * loading the latter loads ESLint itself, which the codemod's processes never use. A plain binding,
 * as the analysis reads it in every loop.
 */
export const AST_NODE_TYPES = TYPES_NODE_TYPES;
export const AST_TOKEN_TYPES = TYPES_TOKEN_TYPES;
