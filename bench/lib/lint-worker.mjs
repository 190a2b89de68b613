#!/usr/bin/env node
// One timed ESLint run in a fresh process: `node lint-worker.mjs <dir> [concurrency]`, configured by
// bench/lib/eslint.config.mjs through its environment variables. Lints every source file under <dir>
// with `stats: true` (what `--stats` and TIMING=all measure) and prints one JSON line: wall time,
// summed per-file time, parse time and time per rule.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_GLOB } from './lint-config.mjs';

const require = createRequire(import.meta.url);
const { ESLint } = require('eslint');

const [dir, concurrency = 'off'] = process.argv.slice(2);
const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: path.join(path.dirname(fileURLToPath(import.meta.url)), 'eslint.config.mjs'),
  stats: true,
  cache: false,
  warnIgnored: false,
  concurrency: concurrency === 'off' ? 'off' : Number(concurrency),
});

const started = process.hrtime.bigint();
const results = await eslint.lintFiles([SOURCE_GLOB]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

const rules = {};
let parseMs = 0;
let filesMs = 0;
let fatal = 0;
let messages = 0;
for (const result of results) {
  fatal += result.fatalErrorCount;
  messages += result.messages.length;
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    filesMs += pass.total ?? 0;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + time.total;
  }
}
// Without worker threads the module summaries live in this process: how many files were parsed for them.
const modules = concurrency === 'off' ? require(path.join(process.env.SCENE_SYNC_DIST ?? '', 'analysis', 'modules', 'summary.js')).moduleStats() : undefined;
process.stdout.write(`${JSON.stringify({ files: results.length, wallMs, parseMs, filesMs, rules, fatal, messages, modules })}\n`);
