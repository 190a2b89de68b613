// eslint-doc-generator writes the header of each docs/rules/*.md and the rules table in README.md;
// `eslint-doc-generator --check` (in `npm run lint`) fails when they are stale.
// It loads the plugin from this package's "main", the built dist/index.js: run `npm run build`
// first (the `docs` and `lint` scripts do).

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleListColumns: ['name', 'description', 'configsError', 'options', 'fixable', 'hasSuggestions'],
  ruleDocTitleFormat: 'prefix-name',
};

export default config;
