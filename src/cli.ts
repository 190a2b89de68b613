#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import picomatch from 'picomatch';
import { resolveSettings, SceneSyncConfigError, type ResolvedSettings } from './conventions';
import { loadConfigFile } from './codemods/config-file';
import { inferClient } from './codemods/infer-client';
import { defaultHelperPath, renderHelperModule } from './codemods/init';
import type { FileRecord } from './codemods/scene-sync';

const EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
/** Folders that hold dependencies or build output, never sources to migrate. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next', '.nuxt', '.output', '.turbo', '.cache', 'coverage', '.svelte-kit', '.vercel']);
const CONFIG_FILE = 'scene-sync.config.json';

const USAGE = `Usage:
  scene-sync migrate [paths...] [--config <file>] [--dry] [--print] [--report <file.json>] [--force] [--ignore <glob>]...
  scene-sync init [--config <file>] [--out <file>]

migrate  rewrites hand-written scene syncs after mutations to the sync helpers.
  --config <file>   conventions as JSON (default: ${CONFIG_FILE} here, if present)
  --dry             change no file
  --print           print a unified diff of each changed file
  --report <file>   write a JSON report
  --force           run on a git tree with uncommitted changes
  --ignore <glob>   skip matching files (repeatable); node_modules, build output
                    and .gitignored files are always skipped
init     writes the helper module for the configured conventions, if it does not exist.
  --out <file>      where to write it (default: from helper.module, ~/ mapped to src/)`;

class UsageError extends Error {}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the command line; resolves with the exit status (0 done, 1 some file failed, 2 bad usage or config). */
export async function main(argv: string[], io: Output = consoleOutput, cwd = process.cwd()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'migrate') return await migrate(rest, io, cwd);
    if (command === 'init') return init(rest, io, cwd);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(readVersion());
      return 0;
    }
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  } catch (error) {
    if (error instanceof SceneSyncConfigError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`scene-sync: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS');
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

function loadSettings(configOption: string | undefined, cwd: string): ResolvedSettings {
  if (configOption) return loadConfigFile(path.resolve(cwd, configOption));
  const local = path.join(cwd, CONFIG_FILE);
  return fs.existsSync(local) ? loadConfigFile(local) : resolveSettings(undefined);
}

function init(args: string[], io: Output, cwd: string): number {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false, strict: true });
  const settings = loadSettings(values.config, cwd);
  const target = path.resolve(cwd, values.out ?? defaultHelperPath(settings));
  if (fs.existsSync(target)) {
    io.out(`scene-sync init: ${path.relative(cwd, target)} exists; left unchanged.`);
    return 0;
  }
  if (!settings.client) {
    const inferred = inferClient(readSources(collectFiles([cwd], cwd, [], false)));
    if (inferred) {
      settings.client = inferred;
      const found = inferred.kind === 'classic' ? `"name": "${inferred.name}"` : `"hook": "${inferred.hook}"`;
      io.out(`scene-sync init: no "client" setting; the code uses { "module": "${inferred.module}", ${found} }, so the helper is typed against it.`);
    } else {
      io.err('scene-sync init: warning: no "client" setting and no file imports a tRPC client with useUtils() or useTRPC(); the helper takes a structural utils type instead. Set "client" to type it against the app.');
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeAtomic(target, renderHelperModule(settings));
  io.out(`scene-sync init: wrote ${path.relative(cwd, target)} (${settings.helper.style} style).`);
  if (settings.helper.style === 'positional') {
    io.out(
      settings.client
        ? `Add one line to the app's root component: useSceneSyncRegistration(); (imported from '${settings.helper.module}').`
        : 'Hand it the tRPC utils once, near the root: registerSceneSyncUtils(api.useUtils()).',
    );
  }
  return 0;
}

function* readSources(files: string[]): Generator<string> {
  for (const file of files) {
    try {
      yield fs.readFileSync(file, 'utf8');
    } catch {
      // An unreadable file tells nothing about the client.
    }
  }
}

function writeAtomic(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, text, { flag: 'wx' });
  fs.renameSync(temporary, file);
}

async function migrate(args: string[], io: Output, cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      dry: { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
      report: { type: 'string' },
      force: { type: 'boolean', default: false },
      ignore: { type: 'string', multiple: true, default: [] },
      cpus: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const settings = loadSettings(values.config, cwd);
  const roots = (positionals.length > 0 ? positionals : ['.']).map((entry) => path.resolve(cwd, entry));
  for (const root of roots) {
    if (!fs.existsSync(root)) throw new UsageError(`no such file or folder: ${path.relative(cwd, root) || root}`);
  }
  const cpus = values.cpus === undefined ? undefined : Number(values.cpus);
  if (cpus !== undefined && (!Number.isInteger(cpus) || cpus < 1)) throw new UsageError(`--cpus takes a whole number above 0, got "${values.cpus}"`);

  const git = gitState(cwd, roots);
  if (!values.dry && !values.force && git.dirty.length > 0) {
    io.err(`scene-sync: the git tree has uncommitted changes (${git.dirty.slice(0, 3).join(', ')}${git.dirty.length > 3 ? ', ...' : ''}).\nCommit or stash them first, or pass --force (or --dry to only look).`);
    return 2;
  }
  if (!git.repository && !values.dry) io.err('scene-sync: not a git repository: no way to undo; consider --dry first.');

  const files = collectFiles(roots, cwd, values.ignore, git.repository);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scene-sync-'));
  try {
    const records = await runTransform(files, settings, reportDir, { dry: values.dry, keepOutput: values.print, cpus }, io);
    const summary = summarize(records, cwd);
    if (values.print) printDiffs(records, cwd, io);
    io.out(summary.text);
    if (values.report) {
      fs.writeFileSync(path.resolve(cwd, values.report), `${JSON.stringify(summary.json, null, 2)}\n`);
    }
    return summary.json.files.failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

function gitState(cwd: string, roots: string[]): { repository: boolean; dirty: string[] } {
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true') return { repository: false, dirty: [] };
  const status = spawnSync('git', ['status', '--porcelain', '-z', '--', ...roots], { cwd, encoding: 'utf8' });
  if (status.status !== 0) return { repository: true, dirty: [] };
  const dirty = status.stdout.split('\0').filter(Boolean).map((entry) => entry.slice(3));
  return { repository: true, dirty };
}

/** Regular files under the roots, never through a symlink, without dependencies, build output or ignored files. */
function collectFiles(roots: string[], cwd: string, ignore: string[], inGit: boolean): string[] {
  const isIgnored = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  const extension = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);
  const files = new Set<string>();
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    const relative = path.relative(cwd, entry).split(path.sep).join('/');
    if (relative && isIgnored(relative)) return;
    if (stat.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(path.basename(entry))) return;
      for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child));
    } else if (stat.isFile() && extension.test(entry) && !entry.endsWith('.d.ts')) {
      files.add(entry);
    }
  };
  for (const root of roots) {
    const stat = fs.lstatSync(root);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(root).sort()) visit(path.join(root, child));
    } else {
      visit(root);
    }
  }
  const list = [...files];
  return inGit ? withoutGitIgnored(list, cwd) : list;
}

function withoutGitIgnored(files: string[], cwd: string): string[] {
  if (files.length === 0) return files;
  const result = spawnSync('git', ['check-ignore', '--stdin', '-z'], { cwd, input: files.join('\0'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // Exit 1 means "none ignored"; anything above is git failing, so keep every file.
  if (result.status !== 0) return files;
  const ignored = new Set(result.stdout.split('\0').filter(Boolean).map((entry) => path.resolve(cwd, entry)));
  return files.filter((file) => !ignored.has(file));
}

interface RunOptions {
  dry: boolean;
  keepOutput: boolean;
  cpus: number | undefined;
}

async function runTransform(files: string[], settings: ResolvedSettings, reportDir: string, options: RunOptions, io: Output): Promise<Map<string, FileRecord>> {
  const records = new Map<string, FileRecord>();
  if (files.length === 0) return records;
  const originals = new Map<string, string>();
  if (options.keepOutput) for (const file of files) originals.set(file, fs.readFileSync(file, 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { run } = require('jscodeshift/src/Runner') as { run: (transform: string, paths: string[], options: object) => Promise<RunnerStats | undefined> };
  const progress = process.stderr.isTTY ? startProgress(files.length, reportDir) : undefined;
  let stats: RunnerStats | undefined;
  try {
    stats = await run(path.join(__dirname, 'codemods', 'scene-sync.js'), files, {
      parser: 'tsx',
      extensions: EXTENSIONS.join(','),
      babel: false,
      verbose: -1,
      silent: true,
      dry: options.dry,
      print: false,
      runInBand: files.length < 20,
      cpus: options.cpus,
      failOnError: false,
      sceneSyncSettings: settings,
      reportDir,
      keepOutput: options.keepOutput,
    });
  } finally {
    progress?.stop();
  }
  for (const entry of fs.readdirSync(reportDir)) {
    for (const line of fs.readFileSync(path.join(reportDir, entry), 'utf8').split('\n')) {
      if (!line) continue;
      const record = JSON.parse(line) as FileRecord;
      if (options.keepOutput && record.output !== undefined) record.output = `${originals.get(record.file) ?? ''}\u0000${record.output}`;
      records.set(record.file, record);
    }
  }
  const counted = stats ? stats.ok + stats.nochange + stats.skip + stats.error : 0;
  for (const file of files) {
    if (!records.has(file)) records.set(file, { file, status: 'failed', rewrites: [], reviews: [], error: 'not processed: a codemod worker crashed' });
  }
  if (counted !== files.length) io.err(`scene-sync: the runner accounted for ${counted} of ${files.length} files; the rest are reported as failed.`);
  return records;
}

interface RunnerStats {
  ok: number;
  nochange: number;
  skip: number;
  error: number;
}

function startProgress(total: number, reportDir: string): { stop: () => void } {
  const draw = () => {
    let done = 0;
    for (const entry of fs.readdirSync(reportDir)) done += fs.readFileSync(path.join(reportDir, entry), 'utf8').split('\n').length - 1;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
  };
  const timer = setInterval(draw, 200);
  return {
    stop: () => {
      clearInterval(timer);
      draw();
      process.stderr.write('\n');
    },
  };
}

function printDiffs(records: Map<string, FileRecord>, cwd: string, io: Output): void {
  for (const record of [...records.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    if (record.output === undefined) continue;
    const [before, after] = record.output.split('\u0000') as [string, string];
    const name = path.relative(cwd, record.file).split(path.sep).join('/');
    io.out(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
  }
}

interface MigrateReport {
  files: { scanned: number; changed: number; unchanged: number; failed: number };
  rewrites: { file: string; line: number; kind: string; helper: string }[];
  rewritesByKind: Record<string, number>;
  reviews: { file: string; line: number; reason: string }[];
  failures: { file: string; error: string }[];
  changedFiles: string[];
}

function summarize(records: Map<string, FileRecord>, cwd: string): { text: string; json: MigrateReport } {
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const sorted = [...records.values()].sort((a, b) => relative(a.file).localeCompare(relative(b.file)));
  const json: MigrateReport = {
    files: { scanned: sorted.length, changed: 0, unchanged: 0, failed: 0 },
    rewrites: [],
    rewritesByKind: {},
    reviews: [],
    failures: [],
    changedFiles: [],
  };
  for (const record of sorted) {
    const file = relative(record.file);
    if (record.status === 'failed') {
      json.files.failed++;
      json.failures.push({ file, error: record.error ?? 'unknown error' });
      continue;
    }
    if (record.status === 'changed') {
      json.files.changed++;
      json.changedFiles.push(file);
    } else {
      json.files.unchanged++;
    }
    for (const rewrite of record.rewrites) {
      json.rewrites.push({ file, ...rewrite });
      json.rewritesByKind[rewrite.kind] = (json.rewritesByKind[rewrite.kind] ?? 0) + 1;
    }
    for (const review of record.reviews) json.reviews.push({ file, ...review });
  }
  const kinds = Object.entries(json.rewritesByKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    `scene-sync migrate: ${json.files.scanned} files scanned, ${json.files.changed} changed, ${json.files.unchanged} unchanged, ${json.files.failed} failed`,
    `Helper calls written: ${json.rewrites.length}${kinds ? ` (${kinds})` : ''}`,
    `Left for review: ${json.reviews.length}`,
    ...json.reviews.map((review) => `  ${review.file}:${review.line}: ${review.reason}`),
  ];
  if (json.failures.length > 0) {
    lines.push(`Failed: ${json.failures.length}`, ...json.failures.map((failure) => `  ${failure.file}: ${failure.error}`));
  }
  return { text: lines.join('\n'), json };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`scene-sync: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
