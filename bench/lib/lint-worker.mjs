#!/usr/bin/env node
// One timed ESLint run in a fresh process: `node lint-worker.mjs <dir> [concurrency]`, configured by
// bench/lib/eslint.config.mjs through its environment variables. Lints every source file under <dir>
// with `stats: true` (what `--stats` and TIMING=all measure) and prints one JSON line: wall time,
// summed per-file time, parse time and time per rule.
import crypto from 'node:crypto';
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
  concurrency: concurrency === 'off' || concurrency === 'auto' ? concurrency : Number(concurrency),
});

const started = process.hrtime.bigint();
const results = await eslint.lintFiles([SOURCE_GLOB]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

const rules = {};
let parseMs = 0;
let filesMs = 0;
let fatal = 0;
let messages = 0;
const reports = [];
for (const result of results) {
  fatal += result.fatalErrorCount;
  messages += result.messages.length;
  const file = path.relative(dir, result.filePath);
  for (const message of result.messages) reports.push(`${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`);
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    filesMs += pass.total ?? 0;
    for (const [rule, time] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + time.total;
  }
}
// One digest of every report, sorted: two runs agree on the reports exactly when their digests match.
const digest = crypto.createHash('sha256').update(reports.sort().join('\n')).digest('hex').slice(0, 16);
// Without worker threads the module summaries live in this process: how many files were parsed for them.
const modules = concurrency === 'off' ? require(path.join(process.env.SCENE_SYNC_DIST ?? '', 'analysis', 'modules', 'summary.js')).moduleStats() : undefined;
process.stdout.write(`${JSON.stringify({ files: results.length, wallMs, parseMs, filesMs, rules, fatal, messages, digest, modules })}\n`);
