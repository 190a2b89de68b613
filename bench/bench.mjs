#!/usr/bin/env node
// `npm run bench`: how much this plugin's rules and codemod cost next to what users already run.
//
// Data: the real-world corpus (bench/corpus-packages.json) and the example app replicated and varied
// to 1,000 and 10,000 files (bench/lib/generate-app.mjs), plus 1,000 files that all hold sync sites.
// Lint: ESLint with typescript-eslint's parser (no type information), this plugin's `strict` rules,
// react-hooks' rules and every @tanstack/eslint-plugin-query rule in one run, timed per rule with
// `stats: true` (the numbers `--stats` and TIMING=all print). Codemod: `scene-sync migrate --dry`
// against jscodeshift running a no-op transform (parse and print every file, tsx parser), both
// through jscodeshift's Runner, on the same files, alternating. Each measurement is repeated and the
// median is reported. Prints Markdown tables and writes them to bench/results.md.
//
// Cross-module: the same lint with `crossModule` on and off (this plugin's rules only, one process,
// so the count of modules parsed for summaries is this process's).
//
// One file: lint time of a single file with 500, 1,000, 2,000 and 4,000 hand-synced sites, per site
// against the smallest size (bench/lib/one-file.mjs): a flat ratio means linear growth.
//
// Options: --runs N (default 3), --quick (1 run, no 10,000-file lint), --no-write, --one-file (only
// the one-file case, printed, results.md left alone), --cross-module-only (just the cross-module
// table, printed, nothing written).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, cliPath, distDir, fmtMs, fmtPct, fmtX, listFiles, log, median, repoRoot, runNode, table, workRoot } from './lib/common.mjs';
import { ensureCorpus } from './lib/corpus.mjs';
import { generateApp } from './lib/generate-app.mjs';
import { benchOneFile, oneFileTable } from './lib/one-file.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 1 : 3;
const crossModuleOnly = args.includes('--cross-module-only');
// ESLint's default, and what `auto` comes to on 2 cores: one thread. The worker-thread runs have
// their own table below.
const LINT_CONCURRENCY = 'off';
const started = Date.now();

if (!fs.existsSync(path.join(distDir, 'index.js'))) {
  log(`bench: ${distDir} has no build; run \`npm run build\` first (npm run bench does).`);
  process.exit(2);
}

if (args.includes('--one-file')) {
  process.stdout.write(`${oneFileTable(benchOneFile())}\n`);
  process.exit(0);
}

const OUR = 'scene-sync/';
const EXHAUSTIVE = 'react-hooks/exhaustive-deps';
const QUERY = '@tanstack/query/';

// ---------------------------------------------------------------- data
const corpus = ensureCorpus();
const apps = path.join(workRoot, 'apps');
const app1k = path.join(apps, 'app-1k');
const app10k = path.join(apps, 'app-10k');
const sites1k = path.join(apps, 'sites-1k');
log('bench: generating the example app copies');
generateApp(app1k, 1_000);
if (!quick && !crossModuleOnly) generateApp(app10k, 10_000);
if (!crossModuleOnly) generateApp(sites1k, 1_000, { sitesOnly: true });

const datasets = [
  { key: 'corpus', label: `real-world corpus (${corpus.packages.length} packages)`, dir: corpus.root, files: corpus.files.length },
  { key: 'app-1k', label: 'example app x1,000 files', dir: app1k, files: 1_000 },
  ...(quick ? [] : [{ key: 'app-10k', label: 'example app x10,000 files', dir: app10k, files: 10_000, runs: 1 }]),
];

// ---------------------------------------------------------------- cross-module summaries
const crossModuleOff = path.join(workRoot, 'settings-cross-module-off.json');
fs.writeFileSync(crossModuleOff, `${JSON.stringify({ crossModule: false })}\n`);

function lintOursOnce(dir, settingsFile) {
  const result = runNode([path.join(benchDir, 'lib', 'lint-worker.mjs'), dir, 'off'], {
    env: { SCENE_SYNC_BENCH_MODE: 'strict', SCENE_SYNC_BENCH_OTHERS: '0', SCENE_SYNC_DIST: distDir, ...(settingsFile ? { SCENE_SYNC_BENCH_SETTINGS: settingsFile } : {}) },
  });
  if (result.status !== 0) throw new Error(`lint run failed on ${dir}:\n${result.stderr}`);
  const run = JSON.parse(result.stdout.trim().split('\n').pop());
  return { ...run, ours: sum(run.rules, (rule) => rule.startsWith(OUR)) };
}

const crossModule = {};
for (const dataset of [datasets[0], datasets[1]]) {
  const on = [];
  const off = [];
  for (let run = 0; run < RUNS; run++) {
    log(`bench: cross-module ${dataset.key} run ${run + 1}/${RUNS}`);
    off.push(lintOursOnce(dataset.dir, crossModuleOff));
    on.push(lintOursOnce(dataset.dir, undefined));
  }
  crossModule[dataset.key] = {
    label: dataset.label,
    files: on[0].files,
    off: median(off.map((run) => run.ours)),
    on: median(on.map((run) => run.ours)),
    total: median(on.map((run) => run.filesMs)),
    modules: on[0].modules,
    reports: { off: off[0].messages, on: on[0].messages },
  };
}
const crossModuleTable = table(
  ['data', 'files', 'our rules, crossModule off', 'on', 'on / off', 'extra / ESLint total (on)', 'modules parsed', 'distinct files', 'imports looked up', 'reports off / on'],
  Object.values(crossModule).map((row) => [
    row.label,
    row.files,
    fmtMs(row.off),
    fmtMs(row.on),
    fmtX(row.on / row.off),
    fmtPct((row.on - row.off) / row.total),
    row.modules?.parsed ?? '?',
    row.modules?.files ?? '?',
    row.modules?.lookups ?? '?',
    `${row.reports.off} / ${row.reports.on}`,
  ]),
);
if (crossModuleOnly) {
  process.stdout.write(`${crossModuleTable}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- lint
function lintOnce(dir) {
  const result = runNode([path.join(benchDir, 'lib', 'lint-worker.mjs'), dir, String(LINT_CONCURRENCY)], {
    env: { SCENE_SYNC_BENCH_MODE: 'strict', SCENE_SYNC_BENCH_OTHERS: '1', SCENE_SYNC_DIST: distDir },
  });
  if (result.status !== 0) throw new Error(`lint run failed on ${dir}:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const lint = {};
for (const dataset of datasets) {
  const runs = [];
  const count = dataset.runs ?? RUNS;
  for (let run = 0; run < count; run++) {
    log(`bench: lint ${dataset.key} run ${run + 1}/${count}`);
    runs.push(lintOnce(dataset.dir));
  }
  const rules = new Set(runs.flatMap((run) => Object.keys(run.rules)));
  const med = (pick) => median(runs.map(pick));
  lint[dataset.key] = {
    runs: count,
    files: runs[0].files,
    fatal: runs[0].fatal,
    wall: med((run) => run.wallMs),
    total: med((run) => run.filesMs),
    parse: med((run) => run.parseMs),
    rules: Object.fromEntries([...rules].map((rule) => [rule, med((run) => run.rules[rule] ?? 0)])),
    ours: med((run) => sum(run.rules, (rule) => rule.startsWith(OUR))),
    query: med((run) => sum(run.rules, (rule) => rule.startsWith(QUERY))),
  };
}

// ---------------------------------------------------------------- prefilter
// How many files the text tests let through, on the words alone: the site test (`mightConcern`),
// and any of the rules' tests, which bounds the files the analyses may parse and walk (a file whose
// only word is `mutate` is then walked only if it imports a mutation hook). The rules have the parsed
// file's comments, where words do not count: the last column, the files they analyse besides those
// that are mostly one literal (over 1,000 characters per token, decided by their tree; this count
// leaves them out). The codemod tests the words before it parses: the column before.
const { getConventions } = await import(path.join(distDir, 'conventions.js'));
const { siteKeywords } = await import(path.join(distDir, 'analysis', 'index.js'));
const { mightHoldChannel } = await import(path.join(distDir, 'analysis', 'event-bus.js'));
const { mightUpdateSceneTable } = await import(path.join(distDir, 'analysis', 'revision-guard.js'));
const { parseModuleText } = await import(path.join(distDir, 'analysis', 'parse-options.js'));
const defaultConventions = getConventions(undefined);
const textOptions = { typed: false, crossModule: defaultConventions.settings.crossModule };
const prefilter = {};
for (const dataset of datasets) {
  const files = dataset.key === 'corpus' ? corpus.files : listFiles(dataset.dir);
  let sites = 0;
  let any = 0;
  let inCode = 0;
  const passes = (text, comments) =>
    siteKeywords(text, defaultConventions, textOptions, comments) !== 'none' || mightHoldChannel(text, defaultConventions, comments) || mightUpdateSceneTable(text, defaultConventions, comments);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (defaultConventions.mightConcern(text)) sites++;
    if (!passes(text)) continue;
    any++;
    let comments;
    try {
      comments = parseModuleText(text, file).ast.comments;
    } catch {
      // ESLint reports the parse error; no rule runs.
      continue;
    }
    if (passes(text, comments)) inCode++;
  }
  prefilter[dataset.key] = { files: files.length, sites, any, inCode };
}

// ---------------------------------------------------------------- concurrency
// ESLint's worker threads against one thread, on the 1,000-file app: the reports must be the same
// (the rules keep no state between files but caches keyed by file). `auto` starts at most half the
// cores' threads, and none when that is one (2 cores), so the run with one thread per core is what
// shows scaling; the same runs without this plugin tell what ESLint itself gains on this machine.
const cores = os.availableParallelism();
const threadModes = ['off', 'auto', ...(cores > 1 ? [String(cores)] : [])];
const threads = { with: {}, without: {} };
for (let run = 0; run < RUNS; run++) {
  for (const plugin of ['with', 'without']) {
    for (const mode of threadModes) {
      if (plugin === 'without' && mode === 'auto') continue;
      log(`bench: lint app-1k ${plugin} this plugin, concurrency ${mode}, run ${run + 1}/${RUNS}`);
      const result = runNode([path.join(benchDir, 'lib', 'lint-worker.mjs'), app1k, mode], {
        env: { SCENE_SYNC_BENCH_MODE: 'strict', SCENE_SYNC_BENCH_OTHERS: '1', SCENE_SYNC_BENCH_OURS: plugin === 'with' ? '1' : '0', SCENE_SYNC_DIST: distDir },
      });
      if (result.status !== 0) throw new Error(`lint run failed (concurrency ${mode}):\n${result.stderr}`);
      (threads[plugin][mode] ??= []).push(JSON.parse(result.stdout.trim().split('\n').pop()));
    }
  }
}

function sum(rules, keep) {
  return Object.entries(rules).reduce((total, [rule, ms]) => (keep(rule) ? total + ms : total), 0);
}

// ---------------------------------------------------------------- codemod
const codemodSets = [
  { key: 'corpus', label: 'real-world corpus (few sites)', dir: corpus.root, target: 0.3 },
  // Its target sits near the machine's noise: more runs for a steadier median.
  { key: 'sites-1k', label: '1,000 app files, all with sites', dir: sites1k, target: 1.1, runs: quick ? RUNS : Math.max(RUNS, 5) },
];

function migrateOnce(dir) {
  const result = runNode([cliPath, 'migrate', '--dry', '.'], { cwd: dir });
  if (result.status !== 0 && result.status !== 1) throw new Error(`scene-sync migrate failed on ${dir} (${result.status}):\n${result.stderr}`);
  const summary = /(\d+) files scanned, (\d+) changed, (\d+) unchanged, (\d+) failed/.exec(result.stdout);
  return { ms: result.ms, scanned: Number(summary?.[1]), changed: Number(summary?.[2]), failed: Number(summary?.[4]) };
}

function noopOnce(dir) {
  const result = runNode([path.join(benchDir, 'lib', 'noop-run.mjs'), '.'], { cwd: dir });
  if (result.status !== 0) throw new Error(`no-op jscodeshift run failed on ${dir}:\n${result.stderr}`);
  const stats = JSON.parse(result.stdout.trim().split('\n').pop());
  return { ms: result.ms, files: stats.ok + stats.nochange + stats.skip + stats.error, errors: stats.error };
}

const codemod = {};
for (const set of codemodSets) {
  const noop = [];
  const ours = [];
  const count = set.runs ?? RUNS;
  for (let run = 0; run < count; run++) {
    // Alternate, so a change in the machine's load hits both alike.
    log(`bench: codemod ${set.key} run ${run + 1}/${count}`);
    noop.push(noopOnce(set.dir));
    ours.push(migrateOnce(set.dir));
  }
  codemod[set.key] = {
    ...set,
    files: ours[0].scanned,
    noopFiles: noop[0].files,
    noopErrors: noop[0].errors,
    changed: ours[0].changed,
    failed: ours[0].failed,
    noop: median(noop.map((run) => run.ms)),
    ours: median(ours.map((run) => run.ms)),
  };
}

// ---------------------------------------------------------------- one file
const oneFile = benchOneFile();

// ---------------------------------------------------------------- report
const version = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const ourVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = [
  `- Machine: ${os.cpus().length} cores (\`nproc\`), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${cpu}, ${os.type()} ${os.release()}; load average at the start ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')}`,
  `- Node ${process.version}; eslint ${version('eslint')}, typescript-eslint ${version('@typescript-eslint/parser')}, typescript ${version('typescript')}, eslint-plugin-react-hooks ${version('eslint-plugin-react-hooks')}, @tanstack/eslint-plugin-query ${version('@tanstack/eslint-plugin-query')}, jscodeshift ${version('jscodeshift')}, eslint-plugin-scene-sync ${ourVersion}`,
  `- Corpus: ${corpus.files.length} .ts/.tsx files from ${corpus.packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`,
  `- Medians of ${RUNS} runs (the 10,000-file lint: ${datasets.find((set) => set.key === 'app-10k')?.runs ?? '-'} run; the codemod on the all-sites files: ${codemodSets.find((set) => set.key === 'sites-1k').runs}). Lint: ESLint API, \`concurrency: ${LINT_CONCURRENCY}\`, \`stats: true\`; "ESLint total" is the sum of the per-file times (parse + rules + fixes), which the ratios use; "wall" is the whole run.`,
];

const lintSummaryRows = datasets.map(({ key, label }) => {
  const row = lint[key];
  const exhaustive = row.rules[EXHAUSTIVE] ?? 0;
  const worst = Math.max(...Object.entries(row.rules).filter(([rule]) => rule.startsWith(OUR)).map(([, ms]) => ms));
  return [
    label,
    row.files,
    fmtMs(row.wall),
    fmtMs(row.total),
    fmtMs(row.parse),
    fmtMs(exhaustive),
    fmtMs(row.query),
    fmtMs(row.ours),
    fmtPct(row.ours / row.total),
    fmtX(worst / exhaustive),
  ];
});
const lintSummary = table(
  ['data', 'files', 'wall', 'ESLint total', 'parse', 'exhaustive-deps', 'TanStack Query (8 rules)', 'our rules', 'ours / total', 'our worst rule / exhaustive-deps'],
  lintSummaryRows,
);

const ourRules = [...new Set(datasets.flatMap(({ key }) => Object.keys(lint[key].rules).filter((rule) => rule.startsWith(OUR))))].sort();
const perRuleRows = [];
for (const { key } of datasets) {
  const row = lint[key];
  const exhaustive = row.rules[EXHAUSTIVE] ?? 0;
  for (const rule of [...ourRules, EXHAUSTIVE, 'react-hooks/rules-of-hooks']) {
    const ms = row.rules[rule] ?? 0;
    perRuleRows.push([key, rule, fmtMs(ms), fmtX(ms / exhaustive), fmtX(ms / row.query), fmtPct(ms / row.parse), fmtPct(ms / row.total)]);
  }
}
const perRule = table(['data', 'rule', 'time', '/ exhaustive-deps', '/ TanStack Query (8)', '/ parse', '/ ESLint total'], perRuleRows);

const codemodRows = codemodSets.map(({ key }) => {
  const row = codemod[key];
  const ratio = row.ours / row.noop;
  return [row.label, row.files, fmtMs(row.noop), fmtMs(row.ours), fmtX(ratio), `<= ${fmtX(row.target)}`, ratio <= row.target ? 'met' : 'missed'];
});
const codemodTable = table(['data', 'files', 'jscodeshift no-op (parse+print)', 'scene-sync migrate --dry', 'ratio', 'target', ''], codemodRows);

const prefilterTable = table(
  ['data', 'files', 'pass the site keywords', 'share', 'pass any rule\'s text test', 'share', 'and with words in comments left out (the rules analyse these, and any file over 1,000 characters per token)', 'share'],
  datasets.map(({ key, label }) => {
    const { files, sites, any, inCode } = prefilter[key];
    return [label, files, sites, fmtPct(sites / files), any, fmtPct(any / files), inCode, fmtPct(inCode / files)];
  }),
);

const threadWall = (plugin, mode) => median(threads[plugin][mode].map((run) => run.wallMs));
const withPlugin = Object.values(threads.with).flat();
const sameReports = withPlugin.every((run) => run.digest === withPlugin[0].digest && run.messages === withPlugin[0].messages);
const threadRows = [];
for (const plugin of ['with', 'without']) {
  for (const mode of threadModes) {
    if (!threads[plugin][mode]) continue;
    const first = threads[plugin][mode][0];
    threadRows.push([plugin === 'with' ? 'yes' : 'no', mode, fmtMs(threadWall(plugin, mode)), first.messages, first.digest, fmtX(threadWall(plugin, 'off') / threadWall(plugin, mode))]);
  }
}
const threadTable = table(['this plugin', 'concurrency', 'wall', 'reports', 'report digest', 'speed-up'], threadRows);
const scaling = (plugin) => threadWall(plugin, 'off') / threadWall(plugin, String(cores));

const targets = [];
for (const { key, label } of datasets) {
  const row = lint[key];
  const share = row.ours / row.total;
  const shareTarget = key === 'corpus' ? 0.02 : 0.04;
  targets.push(`- lint, ${label}: our rules together ${fmtPct(share)} of ESLint's total (target < ${fmtPct(shareTarget)}): ${share < shareTarget ? 'met' : 'missed'}`);
  const exhaustive = row.rules[EXHAUSTIVE] ?? 0;
  targets.push(`- lint, ${label}: our rules together ${fmtX(row.ours / exhaustive)} of exhaustive-deps (target <= 1.00x): ${row.ours <= exhaustive ? 'met' : 'missed'}`);
}
// One core has no thread-per-core run to compare.
const scalingText = cores > 1 ? `; concurrency ${cores} on ${cores} cores: ${fmtX(scaling('with'))} the speed of one thread with this plugin, ${fmtX(scaling('without'))} without it` : '; one core: no scaling to show';
targets.push(`- lint, worker threads on the 1,000-file app: ${sameReports ? 'the same reports' : 'DIFFERENT reports'} in every run (${threadModes.join(', ')})${scalingText}`);
for (const { key } of codemodSets) {
  const row = codemod[key];
  targets.push(`- codemod, ${row.label}: ${fmtX(row.ours / row.noop)} of the no-op (target <= ${fmtX(row.target)}): ${row.ours / row.noop <= row.target ? 'met' : 'missed'}`);
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const report = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (bench/bench.mjs) on ${new Date().toISOString().slice(0, 10)}, in ${minutes} min.`,
  '',
  ...machine,
  '',
  '## Lint: this plugin next to react-hooks and TanStack Query, same ESLint run',
  '',
  lintSummary,
  '',
  perRule,
  '',
  '## Prefilter: files the analysis parses and walks (default conventions)',
  '',
  prefilterTable,
  '',
  '## ESLint worker threads: the same reports, on more cores (with and without this plugin)',
  '',
  threadTable,
  '',
  '## Codemod: `scene-sync migrate --dry` against a jscodeshift no-op, same files, same Runner',
  '',
  codemodTable,
  '',
  '## Lint: one file, more and more hand-synced sites (strict, this plugin only)',
  '',
  oneFileTable(oneFile),
  '',
  '## Cross-module summaries: the same lint with `crossModule` off and on',
  '',
  'This plugin\'s rules only, one process (no worker threads), medians of the same runs; "modules parsed" counts the parses the summaries made in that process, "distinct files" the files among them: each module is parsed at most once, however many files import it.',
  '',
  crossModuleTable,
  '',
  '## Targets',
  '',
  ...targets,
  '',
].join('\n');

process.stdout.write(`${report}\n`);
if (!args.includes('--no-write')) {
  const out = path.join(benchDir, 'results.md');
  const notes = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n<!-- notes -->\n')[1] : undefined;
  fs.writeFileSync(out, notes === undefined ? report : `${report}\n<!-- notes -->\n${notes}`);
  log(`bench: wrote ${path.relative(process.cwd(), out)}`);
}
