#!/usr/bin/env node
// Lints files with every rule of this plugin in both configs at once (`recommended` under the
// `scene-sync/` prefix, `strict` under `scene-sync-strict/`), one file at a time through ESLint's
// Linter, and records any exception a rule throws with its file instead of stopping.
// `node lint-crash-worker.mjs <settings.json|-> <list-of-files.txt>`; prints one JSON line.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { loadPlugins, SOURCE_GLOB } from './lint-config.mjs';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');

const [settingsFile, listFile] = process.argv.slice(2);
const settings = settingsFile === '-' ? undefined : JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const { sceneSync, tsParser } = loadPlugins();

const rules = {};
for (const [rule, entry] of Object.entries(sceneSync.configs.recommended.rules)) rules[rule] = entry;
for (const [rule, entry] of Object.entries(sceneSync.configs.strict.rules)) rules[rule.replace('scene-sync/', 'scene-sync-strict/')] = entry;
// Rules in neither config still run, with their defaults.
for (const name of Object.keys(sceneSync.rules)) rules[`scene-sync/${name}`] ??= 'error';

const config = [
  {
    files: [SOURCE_GLOB],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } }, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { 'scene-sync': sceneSync, 'scene-sync-strict': sceneSync },
    settings: settings === undefined ? {} : { sceneSync: settings },
    rules,
  },
];

// cwd /: the files live outside this repository (a temporary folder), and a base path would ignore them.
const linter = new Linter({ configType: 'flat', cwd: '/' });
const crashes = [];
const parserRejected = [];
const configProblems = [];
const reports = {};
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const messages = linter.verify(text, config, { filename: file });
    for (const message of messages) {
      if (message.fatal) parserRejected.push({ file, message: message.message });
      else if (!message.ruleId) configProblems.push({ file, message: message.message });
      else reports[message.ruleId] = (reports[message.ruleId] ?? 0) + 1;
    }
  } catch (error) {
    const rule = /Rule: "([^"]+)"/.exec(error.message)?.[1];
    crashes.push({ file, rule, error: String(error.stack ?? error).split('\n').slice(0, 6).join('\n') });
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, crashes, parserRejected, configProblems, reports })}\n`);
