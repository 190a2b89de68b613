// Compiled by `npm run typecheck`: the configs must be accepted by ESLint's own config types.
import { defineConfig } from 'eslint/config';
import plugin from '../../src/index';

export default defineConfig([
  plugin.configs.recommended,
  { extends: [plugin.configs.strict] },
  { plugins: { 'scene-sync': plugin }, rules: { 'scene-sync/no-direct-store-update': ['warn', { mode: 'everywhere' }] } },
]);
