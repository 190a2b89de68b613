import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import parser from '@typescript-eslint/parser';
import plugin from '../../src';
import { allRules } from './lint';

/** A tsconfig with a `paths` alias, as the apps the plugin is for have one. */
export const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', strict: true, baseUrl: '.', paths: { '~/*': ['./src/*'] } },
  include: ['src'],
});

/** Writes `files` (path relative to the root: text) into a new temporary folder; returns its real path. */
export function writeTree(files: Record<string, string>, prefix = 'scene-sync-tree-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return root;
}

export interface TreeReport {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

/** Lints the files of a tree with real ESLint (cwd in the tree), every rule in after-mutation mode; `typed`: with the project service. */
export async function lintTree(root: string, files: string[], settings: Record<string, unknown> = {}, typed = false): Promise<TreeReport[]> {
  const rules: Linter.RulesRecord = {};
  for (const [name, options] of Object.entries(allRules('after-mutation'))) rules[`scene-sync/${name}`] = ['error', ...(options ?? [])] as Linter.RuleEntry;
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: {
          parser: parser as Linter.Parser,
          parserOptions: { ecmaFeatures: { jsx: true }, ...(typed ? { projectService: true, tsconfigRootDir: root } : {}) },
        },
        plugins: { 'scene-sync': plugin as never },
        rules,
        settings: { sceneSync: settings },
      },
    ],
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(root, result.filePath).replace(/\\/g, '/'),
      ruleId: message.ruleId,
      line: message.line,
      column: message.column,
      message: message.message,
    })),
  );
}
