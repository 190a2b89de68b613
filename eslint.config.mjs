// Lints this repository's own code: TypeScript sources and tests with typescript-eslint,
// and the rule modules with eslint-plugin-eslint-plugin (the checks ESLint plugins hold themselves to).
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    name: 'scene-sync/ignores',
    ignores: ['dist/', 'node_modules/', 'examples/', 'coverage/', 'test/fixtures/**', 'test/codemods/fixtures/**'],
  },
  {
    name: 'scene-sync/typescript',
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommended],
  },
  {
    name: 'scene-sync/rules',
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
);
