import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules';

// Read at run time so the version is never a second copy of package.json's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

type RuleName = keyof typeof rules;
type ConfigName = 'recommended' | 'strict';

const PLUGIN_PREFIX = 'scene-sync';

/** Options each rule takes in `strict`: everywhere, not only after a mutation. */
const STRICT_OPTIONS: Partial<Record<RuleName, unknown[]>> = {
  'no-direct-store-update': [{ mode: 'everywhere' }],
  'no-manual-invalidate': [{ mode: 'everywhere' }],
};

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

function buildConfig(configName: ConfigName): TSESLint.FlatConfig.Config {
  const configRules: TSESLint.FlatConfig.Rules = {};
  for (const [ruleName, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    if (!rule.meta.docs?.[configName]) continue;
    const options = configName === 'strict' ? STRICT_OPTIONS[ruleName] : undefined;
    configRules[`${PLUGIN_PREFIX}/${ruleName}`] = options ? ['error', ...options] : 'error';
  }
  return {
    name: `${PLUGIN_PREFIX}/${configName}`,
    plugins: { [PLUGIN_PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: configRules,
  };
}

plugin.configs.recommended = buildConfig('recommended');
plugin.configs.strict = buildConfig('strict');

export = plugin;
