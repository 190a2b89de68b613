import type { ESLint, Linter, Rule } from 'eslint';
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

// Typed with ESLint's own config types so `defineConfig` from `eslint/config` accepts the configs.
// typescript-eslint's rule type and ESLint's differ only in the context they declare; the objects are the same.
const plugin = {
  meta: { name, version },
  rules: rules as unknown as Record<RuleName, Rule.RuleModule>,
  configs: {} as Record<ConfigName, Linter.Config>,
};

function buildConfig(configName: ConfigName): Linter.Config {
  const configRules: Linter.RulesRecord = {};
  for (const [ruleName, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    if (!rule.meta.docs?.[configName]) continue;
    const options = configName === 'strict' ? STRICT_OPTIONS[ruleName] : undefined;
    configRules[`${PLUGIN_PREFIX}/${ruleName}`] = options ? ['error', ...options] : 'error';
  }
  return {
    name: `${PLUGIN_PREFIX}/${configName}`,
    plugins: { [PLUGIN_PREFIX]: plugin satisfies ESLint.Plugin },
    rules: configRules,
  };
}

plugin.configs.recommended = buildConfig('recommended');
plugin.configs.strict = buildConfig('strict');

export = plugin;
