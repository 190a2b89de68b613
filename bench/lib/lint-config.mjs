// The ESLint configuration the benchmark and the corpus run use: typescript-eslint's parser without
// type information, this plugin's rules (built, from dist/), react-hooks' rules and all of
// @tanstack/eslint-plugin-query's rules side by side.
import { createRequire } from 'node:module';
import path from 'node:path';
import { distDir } from './common.mjs';

const require = createRequire(import.meta.url);

export const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts}';

export function loadPlugins() {
  const sceneSync = require(path.join(distDir, 'index.js'));
  const reactHooks = require('eslint-plugin-react-hooks');
  const query = require('@tanstack/eslint-plugin-query');
  const tsParser = require('@typescript-eslint/parser');
  return { sceneSync, reactHooks: reactHooks.default ?? reactHooks, query: query.default ?? query, tsParser };
}

/**
 * A flat config for one run.
 * @param {object} options
 * @param {'recommended'|'strict'} options.mode which of this plugin's configs to turn on
 * @param {object|undefined} options.settings `settings.sceneSync`
 * @param {boolean} [options.others] also turn on react-hooks and TanStack Query's rules
 * @param {boolean} [options.ours] turn on this plugin's rules (off: what ESLint does without them)
 */
export function lintConfig({ mode, settings, others = true, ours = true }) {
  const { sceneSync, reactHooks, query, tsParser } = loadPlugins();
  const rules = ours ? { ...sceneSync.configs[mode].rules } : {};
  const plugins = { 'scene-sync': sceneSync };
  if (others) {
    plugins['react-hooks'] = reactHooks;
    plugins['@tanstack/query'] = query;
    rules['react-hooks/exhaustive-deps'] = 'warn';
    rules['react-hooks/rules-of-hooks'] = 'error';
    for (const name of Object.keys(query.rules)) rules[`@tanstack/query/${name}`] = 'error';
  }
  return [
    {
      name: 'bench/sources',
      files: [SOURCE_GLOB],
      languageOptions: {
        parser: tsParser,
        parserOptions: { ecmaFeatures: { jsx: true } },
        ecmaVersion: 'latest',
        sourceType: 'module',
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins,
      settings: settings === undefined ? {} : { sceneSync: settings },
      rules,
    },
  ];
}

export const OUR_PREFIX = 'scene-sync/';
