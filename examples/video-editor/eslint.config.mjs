// Lints the example app with eslint-plugin-scene-sync from this repository, built: run
// `npm run build` at the repository root first (the devDependency links `file:../..`).
import { existsSync, readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { defineConfig } from 'eslint/config';
import sceneSync from 'eslint-plugin-scene-sync';

// The conventions the codemod reads (`scene-sync migrate`, `scene-sync init`), shared with the
// rules. This app follows the defaults but for its second scene query (`project.getFullProject`, keyed by `id`).
const conventionsFile = new URL('./scene-sync.config.json', import.meta.url);
const sceneSyncSettings = existsSync(conventionsFile) ? JSON.parse(readFileSync(conventionsFile, 'utf8')) : {};

export default defineConfig(
  {
    name: 'video-editor/ignores',
    ignores: ['node_modules/', 'dist/'],
  },
  {
    name: 'video-editor/scene-sync',
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { sceneSync: sceneSyncSettings },
    extends: [sceneSync.configs.recommended],
  },
);
