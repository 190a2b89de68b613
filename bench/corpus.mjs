#!/usr/bin/env node
// `npm run corpus`: the rules and the codemod on code nobody here wrote. Exits non-zero on any violation.
//
// 1. Lint: every rule of this plugin, `recommended` and `strict` at once, over the real-world corpus
//    (bench/corpus-packages.json) and the example app replicated to 1,000 files, with the default
//    conventions and with bench/scene-sync.common.json (names common in real apps: tRPC `post.*`
//    procedures of create-t3-app, tldraw's `useEditor`). Any exception a rule throws is a violation.
// 2. Codemod: `scene-sync migrate` (writing) over copies of the corpus (common names) and of the
//    1,000-file app (defaults). Violations: a failure on a file the parser accepts, a changed file that
//    does not parse, a write to a file reported unchanged or failed, any change on a second run.
// 3. ESLint `--concurrency 2` and `--cache` (cold and warm) report exactly what a plain run reports, on
//    the 1,000-file app.
// 4. The package has no install scripts; `npm audit --omit=dev` finds nothing (when the registry's
//    audit endpoint answers).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { benchDir, cliPath, distDir, listFiles, log, repoRoot, runNode, workRoot } from './lib/common.mjs';
import { ensureCorpus } from './lib/corpus.mjs';
import { generateApp } from './lib/generate-app.mjs';

const require = createRequire(import.meta.url);
const { parseForESLint } = require('@typescript-eslint/parser');

const started = Date.now();
const violations = [];
const violation = (text) => {
  violations.push(text);
  log(`corpus: VIOLATION ${text}`);
};
const commonConfig = path.join(benchDir, 'scene-sync.common.json');
const relative = (root, file) => path.relative(root, file).split(path.sep).join('/');

if (!fs.existsSync(path.join(distDir, 'cli.js'))) {
  log(`corpus: ${distDir} has no build; run \`npm run build\` first (npm run corpus does).`);
  process.exit(2);
}

const corpus = ensureCorpus();
const app1k = path.join(workRoot, 'apps', 'app-1k');
generateApp(app1k, 1_000);
const appFiles = listFiles(app1k);

// ---------------------------------------------------------------- 1. lint crashes
function runAsync(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, SCENE_SYNC_DIST: distDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const listFile = path.join(workRoot, 'lint-files.txt');
fs.writeFileSync(listFile, [...corpus.files, ...appFiles].join('\n'));
log(`corpus: linting ${corpus.files.length + appFiles.length} files, every rule in both configs, default and common conventions`);
const lintRuns = await Promise.all(
  [['default', '-'], ['common names', commonConfig]].map(async ([label, settings]) => {
    const run = await runAsync([path.join(benchDir, 'lib', 'lint-crash-worker.mjs'), settings, listFile]);
    if (run.status !== 0) throw new Error(`lint worker (${label}) exited ${run.status}:\n${run.stderr}`);
    return { label, ...JSON.parse(run.stdout.trim().split('\n').pop()) };
  }),
);
const lintSummary = [];
for (const run of lintRuns) {
  for (const crash of run.crashes) violation(`rule ${crash.rule ?? '?'} threw on ${crash.file} (${run.label} conventions):\n${crash.error}`);
  for (const problem of run.configProblems.slice(0, 5)) violation(`lint setup problem (${run.label}): ${problem.file}: ${problem.message}`);
  const reports = Object.values(run.reports).reduce((sum, count) => sum + count, 0);
  lintSummary.push(`  ${run.label} conventions: ${run.files} files, ${reports} reports, ${run.crashes.length} rule crashes, ${run.parserRejected.length} files the parser rejects`);
}

// ---------------------------------------------------------------- 2. codemod
function jsxFor(file) {
  return /\.(?:tsx|jsx|js|mjs|cjs)$/i.test(file);
}

/** The parser's verdict on a file, as ESLint and the codemod parse it. */
function parseError(text, file) {
  try {
    parseForESLint(text.replace(/^\uFEFF/, ''), { ecmaFeatures: { jsx: jsxFor(file) }, ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, comment: true, filePath: file });
    return undefined;
  } catch (error) {
    return error.message.split('\n')[0];
  }
}

function migrate(dir, config, reportFile) {
  const args = [cliPath, 'migrate', '--report', reportFile, ...(config ? ['--config', config] : []), '.'];
  const run = runNode(args, { cwd: dir });
  if (run.status !== 0 && run.status !== 1) throw new Error(`scene-sync migrate exited ${run.status} in ${dir}:\n${run.stdout}${run.stderr}`);
  return JSON.parse(fs.readFileSync(reportFile, 'utf8'));
}

const codemodSummary = [];
async function checkCodemod(label, sourceDir, copyDir, config) {
  log(`corpus: codemod on ${label}`);
  fs.rmSync(copyDir, { recursive: true, force: true });
  fs.cpSync(sourceDir, copyDir, { recursive: true, filter: (source) => path.basename(source) !== '.stamp' });
  const before = new Map(listFiles(copyDir).map((file) => [relative(copyDir, file), fs.readFileSync(file)]));
  const first = migrate(copyDir, config, path.join(workRoot, `${label}-run1.json`));
  const changed = new Set(first.changedFiles);

  let parserRejected = 0;
  for (const failure of first.failures) {
    const original = before.get(failure.file);
    const reason = original && (original.includes(0) ? 'binary' : parseError(original.toString('utf8'), failure.file));
    if (reason) parserRejected++;
    else violation(`codemod failed on ${label}/${failure.file}, which the parser accepts: ${failure.error}`);
  }
  for (const [file, bytes] of before) {
    const after = fs.readFileSync(path.join(copyDir, file));
    if (changed.has(file)) {
      if (after.equals(bytes)) violation(`codemod reported ${label}/${file} changed but left it as it was`);
      const error = parseError(after.toString('utf8'), file);
      if (error) violation(`codemod output of ${label}/${file} does not parse: ${error}`);
    } else if (!after.equals(bytes)) {
      violation(`codemod wrote ${label}/${file} without reporting a change`);
    }
  }
  const second = migrate(copyDir, config, path.join(workRoot, `${label}-run2.json`));
  if (second.files.changed > 0) violation(`a second codemod run on ${label} changed ${second.files.changed} files: ${second.changedFiles.slice(0, 5).join(', ')}`);
  if (second.failures.length !== first.failures.length) violation(`a second codemod run on ${label} failed on ${second.failures.length} files, the first on ${first.failures.length}`);
  codemodSummary.push(
    `  ${label}: ${first.files.scanned} files, ${first.files.changed} changed (${first.rewrites.length} helper calls), ${first.reviews.length} left for review, ` +
      `${first.failures.length} failed (${parserRejected} rejected by the parser); second run: ${second.files.changed} changed`,
  );
}

await checkCodemod('corpus', corpus.root, path.join(workRoot, 'codemod', 'corpus'), commonConfig);
await checkCodemod('app-1k', app1k, path.join(workRoot, 'codemod', 'app-1k'), undefined);

// ---------------------------------------------------------------- 3. --concurrency and --cache
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
function eslintJson(label, extra) {
  const out = path.join(workRoot, `eslint-${label}.json`);
  fs.rmSync(out, { force: true });
  const run = runNode([eslintBin, '--config', path.join(benchDir, 'lib', 'eslint.config.mjs'), '--format', 'json', '--output-file', out, ...extra, '.'], {
    cwd: app1k,
    env: { SCENE_SYNC_BENCH_MODE: 'strict', SCENE_SYNC_BENCH_OTHERS: '0', SCENE_SYNC_DIST: distDir },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint (${label}) exited ${run.status}:\n${run.stdout}${run.stderr}`);
  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  return results
    .map((result) => ({
      file: relative(app1k, result.filePath),
      messages: result.messages.map(({ ruleId, messageId, message, line, column, endLine, endColumn, fatal, suggestions }) => ({
        ruleId, messageId, message, line, column, endLine, endColumn, fatal, suggestions,
      })),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}
log('corpus: eslint plain, --concurrency 2, --cache (cold, warm) on the 1,000-file app');
const cacheFile = path.join(workRoot, 'eslint-cache');
fs.rmSync(cacheFile, { force: true });
const plain = eslintJson('plain', []);
const variants = {
  '--concurrency 2': eslintJson('concurrency', ['--concurrency', '2']),
  '--cache (cold)': eslintJson('cache-cold', ['--cache', '--cache-location', cacheFile]),
  '--cache (warm)': eslintJson('cache-warm', ['--cache', '--cache-location', cacheFile]),
};
const plainText = JSON.stringify(plain);
const plainReports = plain.reduce((sum, result) => sum + result.messages.length, 0);
const eslintSummary = [`  plain run: ${plain.length} files, ${plainReports} reports`];
for (const [label, results] of Object.entries(variants)) {
  const same = JSON.stringify(results) === plainText;
  if (!same) {
    const differing = results.filter((result, index) => JSON.stringify(result) !== JSON.stringify(plain[index])).map((result) => result.file);
    violation(`eslint ${label} reports differ from a plain run (${differing.length} files, e.g. ${differing.slice(0, 3).join(', ')})`);
  }
  eslintSummary.push(`  ${label}: ${same ? 'same reports' : 'DIFFERENT reports'}`);
}

// ---------------------------------------------------------------- 4. package hygiene
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => pkg.scripts?.[name] !== undefined);
if (installScripts.length > 0) violation(`package.json has install scripts: ${installScripts.join(', ')}`);
const audit = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['audit', '--omit=dev', '--json'], { cwd: repoRoot, encoding: 'utf8' });
let auditLine;
try {
  const report = JSON.parse(audit.stdout);
  if (!report.metadata?.vulnerabilities) {
    auditLine = `  npm audit --omit=dev: NOT CHECKED, the registry's audit endpoint answered "${report.message ?? report.error?.summary ?? 'nothing'}"`;
  } else {
    const counts = report.metadata.vulnerabilities;
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (total > 0) violation(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
    auditLine = `  npm audit --omit=dev: ${total} vulnerabilities`;
  }
} catch {
  auditLine = `  npm audit --omit=dev: not checked (${(audit.stderr || 'no output').trim().split('\n').pop()})`;
}

// ---------------------------------------------------------------- summary
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const summary = [
  '',
  `scene-sync corpus check (${corpus.files.length} corpus files from ${corpus.packages.length} packages + ${appFiles.length} generated app files), ${minutes} min`,
  'Lint, every rule in recommended and strict:',
  ...lintSummary,
  'Codemod, twice (writing):',
  ...codemodSummary,
  'ESLint on the 1,000-file app:',
  ...eslintSummary,
  'Package:',
  `  install scripts: ${installScripts.length === 0 ? 'none' : installScripts.join(', ')}`,
  auditLine,
  violations.length === 0 ? 'OK: no violation.' : `FAILED: ${violations.length} violations (see above).`,
];
process.stdout.write(`${summary.join('\n')}\n`);
process.exitCode = violations.length === 0 ? 0 : 1;
