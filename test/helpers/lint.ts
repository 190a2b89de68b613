import { Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import plugin from '../../src';

export type RuleName = keyof typeof plugin.rules;

export interface LintOptions {
  filename?: string;
  settings?: Record<string, unknown>;
  /** Rule ids (without prefix) with their options; default: every rule in the given mode. */
  rules?: Partial<Record<RuleName, unknown[]>>;
}

export interface Report {
  ruleId: string | null;
  messageId: string | undefined;
  message: string;
  line: number;
  column: number;
}

/** Lints `code` with the plugin's rules through ESLint's own Linter and the typescript-eslint parser. */
export function lint(code: string, options: LintOptions = {}): Report[] {
  const linter = new Linter({ cwd: '/project' });
  const rules: Linter.RulesRecord = {};
  for (const [name, ruleOptions] of Object.entries(options.rules ?? {})) {
    rules[`scene-sync/${name}`] = ['error', ...(ruleOptions ?? [])] as Linter.RuleEntry;
  }
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'scene-sync': plugin as never },
        rules,
        settings: options.settings ?? {},
      },
    ],
    { filename: options.filename ?? '/project/src/components/Panel.tsx' },
  );
  return messages.map((message) => ({
    ruleId: message.ruleId,
    messageId: message.messageId,
    message: message.message,
    line: message.line,
    column: message.column,
  }));
}

/** Every rule with the given mode for the two rules that take one. */
export function allRules(mode: 'after-mutation' | 'everywhere'): Partial<Record<RuleName, unknown[]>> {
  return {
    'no-direct-store-update': [{ mode }],
    'no-manual-invalidate': [{ mode }],
    'require-sync-after-mutation': [],
  };
}
