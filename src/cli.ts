#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import picomatch from 'picomatch';
import { getConventions, resolveSettings, SceneSyncConfigError, type ResolvedSettings } from './conventions';
import { planFor, planRepository, type CrossModulePlan, type RepositoryEntry, type RepositorySeed } from './codemods/cross-module';
import { clientJson, loadConfigFile, withClientSetting } from './codemods/config-file';
import { inferClient, type SourceFile } from './codemods/infer-client';
import { defaultHelperPath, renderHelperModule } from './codemods/init';
import type { FileRecord } from './codemods/scene-sync';
import { hashText } from './codemods/text-hash';
import { auditCommand } from './audit/command';
import { VERDICTS } from './audit/inventory';

const EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
const SOURCE_FILE = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);
/** Folders that hold dependencies or build output, never sources to migrate. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next', '.nuxt', '.output', '.turbo', '.cache', 'coverage', '.svelte-kit', '.vercel']);
const CONFIG_FILE = 'scene-sync.config.json';

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

function isSourceFile(file: string): boolean {
  return SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file);
}

const USAGE = `Usage:
  scene-sync migrate [paths...] [--config <file>] [--dry] [--print] [--report <file.json>] [--force] [--ignore <glob>]... [--cpus <n>]
  scene-sync init [--config <file>] [--out <file>]
  scene-sync audit [paths...] [--config <file>] [--format text|markdown|json] [--out <file>] [--fail-on <verdicts>] [--ignore <glob>]...
  scene-sync <command> --help

migrate  rewrites hand-written scene syncs after mutations to the sync helpers.
  --config <file>   conventions as JSON (default: ${CONFIG_FILE} here, if present)
  --dry             change no file
  --print           print a unified diff of each changed file
  --report <file>   write a JSON report
  --force           run on a git tree with uncommitted changes
  --ignore <glob>   skip matching files (repeatable); node_modules, build output
                    and .gitignored files are always skipped
  --cpus <n>        worker processes (default and maximum: the number of cores - 1;
                    fewer than 20 files run in one process)
init     writes the helper module for the configured conventions, if it does not exist.
  --out <file>      where to write it (default: from helper.module, ~/ mapped to src/)
audit    lists every mutation and what its success path does; changes no file.
  --format <format> text (default), markdown or json
  --out <file>      write the report there instead of to stdout
  --fail-on <list>  exit 1 when a mutation has one of these verdicts (comma-separated):
                    ${VERDICTS.join(', ')}`;

class UsageError extends Error {}
/** A refusal that needs no usage text: one line, exit 2. */
class RefusalError extends Error {}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Set when the reader of stdout went away (`| head`): the run goes on, silently. */
let stdoutClosed = false;

const consoleOutput: Output = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(`${text}\n`);
  },
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the command line; resolves with the exit status (0 done, 1 some file failed, 2 bad usage or config). */
export async function main(argv: string[], io: Output = consoleOutput, cwd = process.cwd()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    const usage = command === undefined ? undefined : commandUsage(command);
    if (usage !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(usage);
      return 0;
    }
    if (command === 'migrate') return await migrate(rest, io, cwd);
    if (command === 'init') return init(rest, io, cwd);
    if (command === 'audit') {
      return auditCommand(rest, {
        ...io,
        cwd,
        usage: USAGE,
        usageError: (message) => new UsageError(message),
        settings: (config) => loadSettings(config, cwd),
        files: (roots, ignore) => {
          const real = roots.map((root) => realRoot(root, cwd));
          return collectFiles(real, fs.realpathSync(cwd), ignore, gitRepositories(real));
        },
        write: writeAtomic,
      });
    }
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
    if (error instanceof RefusalError) {
      io.err(`scene-sync: ${error.message}`);
      return 2;
    }
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`scene-sync: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/** One command's lines of USAGE (its synopsis and its section), or undefined for no such command. */
function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const synopsis = lines.filter((line) => line.startsWith(`  scene-sync ${command} `) || line === `  scene-sync ${command}`);
  const start = lines.findIndex((line) => line.startsWith(`${command} `));
  if (synopsis.length === 0 || start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith(' ')) end++;
  return ['Usage:', ...synopsis, '', ...lines.slice(start, end)].join('\n');
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS');
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

function loadSettings(configOption: string | undefined, cwd: string): ResolvedSettings {
  if (configOption === '') throw new SceneSyncConfigError('--config', configOption, 'a file name');
  if (configOption !== undefined) return loadConfigFile(path.resolve(cwd, configOption));
  const local = path.join(cwd, CONFIG_FILE);
  return fs.existsSync(local) ? loadConfigFile(local) : resolveSettings(undefined);
}

function init(args: string[], io: Output, cwd: string): number {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, out: { type: 'string' } }, allowPositionals: false, strict: true });
  const settings = loadSettings(values.config, cwd);
  const target = path.resolve(cwd, values.out ?? defaultHelperPath(settings));
  const root = projectRoot(cwd);
  if (!isInside(realPathOfNearest(target), fs.realpathSync(root))) {
    throw new RefusalError(`init writes only inside the project (${root}); ${values.out === undefined ? 'helper.module' : '--out'} leads to ${target}.`);
  }
  if (fs.existsSync(target)) {
    io.out(`scene-sync init: ${path.relative(cwd, target)} exists; left unchanged.`);
    return 0;
  }
  const inferred = settings.client ? undefined : inferClient(readSources(collectFiles([root], root, [], [])));
  if (inferred) {
    settings.client = inferred.client;
    io.out(`scene-sync init: no "client" setting; the code uses ${clientJson(inferred.client)} (${plural(inferred.uses, 'call')}), so the helper is typed against it.`);
    if (inferred.tied.length > 1) {
      io.err(
        `scene-sync init: warning: ${inferred.tied.length} clients are used equally often (${plural(inferred.uses, 'call')} each): ${inferred.tied.map(clientJson).join(', ')}; ` +
          'took the first (classic before TanStack-native, then by module and name). Set "client" if it is the wrong one.',
      );
    }
  } else if (!settings.client) {
    io.err('scene-sync init: warning: no "client" setting and no file imports a tRPC client with useUtils() or useTRPC(); the helper takes a structural utils type instead. Set "client" to type it against the app.');
  }
  // Saved so that migrate and later runs of init use the client the helper is typed against.
  const configPath = values.config === undefined ? path.join(cwd, CONFIG_FILE) : path.resolve(cwd, values.config);
  // A linked config file is updated where it lives; the link stays.
  const configFile = fs.existsSync(configPath) ? fs.realpathSync(configPath) : configPath;
  const config = inferred && withClientSetting(fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : undefined, inferred.client);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeAtomic(target, renderHelperModule(settings));
  io.out(`scene-sync init: wrote ${path.relative(cwd, target)} (${settings.helper.style} style).`);
  if (config !== undefined) {
    writeAtomic(configFile, config);
    io.out(`scene-sync init: saved it as "client" in ${path.relative(cwd, configPath)}.`);
  }
  if (settings.helper.style === 'positional') {
    io.out(
      settings.client
        ? `Add one line to the app's root component: useSceneSyncRegistration(); (imported from '${settings.helper.module}').`
        : 'Hand it the tRPC utils once, near the root: registerSceneSyncUtils(api.useUtils()).',
    );
  }
  return 0;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function* readSources(files: string[]): Generator<SourceFile> {
  for (const file of files) {
    try {
      yield { file, text: fs.readFileSync(file, 'utf8') };
    } catch {
      // An unreadable file tells nothing about the client.
    }
  }
}

/** The folder of the nearest package.json at or above `cwd`, or `cwd`. */
function projectRoot(cwd: string): string {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return path.resolve(cwd);
  }
}

/** `file` with its nearest existing ancestor resolved through symbolic links. */
function realPathOfNearest(file: string): string {
  let existing = file;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return path.join(fs.realpathSync(existing), path.relative(existing, file));
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
  const base = fs.realpathSync(cwd);
  const roots = (positionals.length > 0 ? positionals : ['.']).map((entry) => realRoot(entry, cwd));
  const cpus = values.cpus === undefined ? undefined : Number(values.cpus);
  if (cpus !== undefined && (!Number.isInteger(cpus) || cpus < 1)) throw new UsageError(`--cpus takes a whole number above 0, got "${values.cpus}"`);

  const repositories = gitRepositories(roots);
  const dirty = repositories.filter((repository) => repository.dirty.length > 0);
  if (!values.dry && !values.force && dirty.length > 0) {
    for (const { top, dirty: changes } of dirty) {
      io.err(`scene-sync: the git tree ${displayPath(top, base)} has uncommitted changes (${changes.slice(0, 3).join(', ')}${changes.length > 3 ? ', ...' : ''}).`);
    }
    io.err('Commit or stash them first, or pass --force (or --dry to only look).');
    return 2;
  }
  const outsideGit = roots.filter((root) => !repositories.some((repository) => repository.roots.includes(root)));
  if (outsideGit.length > 0 && !values.dry) {
    io.err(`scene-sync: not in a git repository: ${outsideGit.map((root) => displayPath(root, base)).join(', ')}: no way to undo; consider --dry first.`);
  }

  const files = collectFiles(roots, base, values.ignore, repositories);
  const reportDir = makeTemporaryFolder();
  const interruption = new Interruption(reportDir, io);
  try {
    const run = { dry: values.dry, keepOutputs: !values.dry || values.print, cpus, crossModule: undefined, collectRepository: settings.crossModule, cwd };
    const records = await runTransform(files, settings, reportDir, run, io);
    if (settings.crossModule) {
      // Functions that sync by hand are rewritten in their own module only if every call runs after a
      // mutation. The first run collected what decides it; only the modules that own such functions run again.
      const crossModule = planRepository(files, getConventions(settings), cwd, repositorySeed(files, records));
      const owners = files.filter((file) => planFor(crossModule, file) !== undefined);
      const again = path.join(reportDir, 'owners');
      fs.mkdirSync(again);
      for (const [file, record] of await runTransform(owners, settings, again, { ...run, crossModule, collectRepository: false }, io)) records.set(file, record);
    }
    const originals = values.dry ? undefined : await writeOutputs(records, roots, interruption, values.print);
    const summary = summarize(records, base);
    if (values.print) printDiffs(records, base, originals, io);
    io.out(summary.text);
    if (values.report) {
      fs.writeFileSync(path.resolve(cwd, values.report), `${JSON.stringify(summary.json, null, 2)}\n`);
    }
    return summary.json.files.failed > 0 ? 1 : 0;
  } finally {
    interruption.dispose();
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

/** A path relative to `base` for messages, or absolute when outside it. */
function displayPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  if (!relative) return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A target as its real path. A target reached through a symbolic link is refused, not followed:
 * the codemod writes only inside the trees it is given, as they are on disk.
 */
function realRoot(entry: string, cwd: string): string {
  const lexical = path.resolve(cwd, entry);
  let real: string;
  try {
    real = fs.realpathSync(lexical);
  } catch {
    const link = fs.lstatSync(lexical, { throwIfNoEntry: false })?.isSymbolicLink();
    throw new UsageError(link ? `${entry} is a symbolic link to nothing` : `no such file or folder: ${entry}`);
  }
  const anchor = isInside(lexical, cwd) ? cwd : path.parse(lexical).root;
  const expected = path.join(fs.realpathSync(anchor), path.relative(anchor, lexical));
  if (real !== expected) {
    throw new RefusalError(`${entry} goes through a symbolic link (it is ${real}); links are not followed, so nothing there was scanned. Pass the real path to migrate it.`);
  }
  // A named file that would be skipped in silence reads as "nothing to change" when nothing was read.
  if (!fs.statSync(real).isDirectory() && !isSourceFile(real)) {
    throw new UsageError(`${entry} is not a source file: only ${EXTENSIONS.map((extension) => `.${extension}`).join(', ')} files are read (declaration files are not)`);
  }
  return real;
}

interface Repository {
  top: string;
  roots: string[];
  dirty: string[];
}

/** The git repositories the roots are in, each with its uncommitted changes under them. */
function gitRepositories(roots: string[]): Repository[] {
  const byTop = new Map<string, Repository>();
  for (const root of roots) {
    const folder = fs.statSync(root).isDirectory() ? root : path.dirname(root);
    const result = spawnSync('git', ['-C', folder, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
    if (result.status !== 0 || !result.stdout.trim()) continue;
    const top = fs.realpathSync(result.stdout.trim());
    const repository = byTop.get(top) ?? { top, roots: [], dirty: [] };
    repository.roots.push(root);
    byTop.set(top, repository);
  }
  for (const repository of byTop.values()) {
    const status = spawnSync('git', ['-C', repository.top, 'status', '--porcelain', '-z', '--', ...repository.roots], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    // A repository git cannot read counts as dirty: nothing proves it can be undone.
    repository.dirty = status.status === 0 ? status.stdout.split('\0').filter(Boolean).map((entry) => entry.slice(3)) : [`(git status failed: ${status.stderr.trim().split('\n')[0]})`];
  }
  return [...byTop.values()];
}

/** Regular files under the roots, never through a symlink, without dependencies, build output or ignored files. */
function collectFiles(roots: string[], base: string, ignore: string[], repositories: Repository[]): string[] {
  const isIgnored = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  const files = new Set<string>();
  const visit = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    const relative = path.relative(base, entry).split(path.sep).join('/');
    if (relative && isIgnored(relative)) return;
    if (stat.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(path.basename(entry))) return;
      for (const child of fs.readdirSync(entry).sort()) visit(path.join(entry, child));
    } else if (stat.isFile() && isSourceFile(entry)) {
      files.add(entry);
    }
  };
  for (const root of roots) {
    if (fs.statSync(root).isDirectory()) {
      for (const child of fs.readdirSync(root).sort()) visit(path.join(root, child));
    } else {
      visit(root);
    }
  }
  let list = [...files];
  for (const repository of repositories) list = withoutGitIgnored(list, repository.top);
  return list;
}

/** Drops the files `top`'s repository ignores; files outside it pass through. */
function withoutGitIgnored(files: string[], top: string): string[] {
  const inside = files.filter((file) => isInside(file, top));
  if (inside.length === 0) return files;
  const result = spawnSync('git', ['-C', top, 'check-ignore', '--stdin', '-z'], { input: inside.join('\0'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // Exit 1 means "none ignored"; anything above is git failing, so keep every file.
  if (result.status !== 0) return files;
  const ignored = new Set(result.stdout.split('\0').filter(Boolean).map((entry) => path.resolve(top, entry)));
  return files.filter((file) => !ignored.has(file));
}

function makeTemporaryFolder(): string {
  try {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'scene-sync-'));
  } catch (error) {
    throw new RefusalError(`cannot create a temporary folder in ${os.tmpdir()} (${(error as NodeJS.ErrnoException).code ?? 'error'}); set TMPDIR to a writable folder.`);
  }
}

/**
 * SIGINT/SIGTERM during a run: each file is written whole in one synchronous step, so the signal
 * lands between files; the temporary folder goes, and the exit status is 130 or 143.
 */
class Interruption {
  written = 0;
  pending = 0;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor(
    private readonly reportDir: string,
    private readonly io: Output,
  ) {
    for (const [signal, status] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const handler = () => {
        fs.rmSync(this.reportDir, { recursive: true, force: true });
        const progress = this.pending > 0 ? `${this.written} of ${this.pending} files written, each whole; the rest untouched` : 'no file written';
        this.io.err(`scene-sync: interrupted by ${signal}: ${progress}.`);
        process.exit(status);
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
}

/**
 * Writes each rewritten file in place of jscodeshift: only regular, writable files inside the real
 * roots that still hold the text the transform read; mode, owner and group kept. Returns the texts
 * replaced, for `--print`.
 */
async function writeOutputs(records: Map<string, FileRecord>, roots: string[], interruption: Interruption, keepOriginals: boolean): Promise<Map<string, string>> {
  const originals = new Map<string, string>();
  const changed = [...records.values()].filter((record) => record.status === 'changed' && record.outputFile).sort((a, b) => a.file.localeCompare(b.file));
  interruption.pending = changed.length;
  const pauseAfter = Number(process.env.SCENE_SYNC_TEST_PAUSE_AFTER_WRITES ?? Number.NaN);
  for (const record of changed) {
    if (interruption.written === pauseAfter) {
      // Test hook: stop here until a signal arrives, so a test can interrupt the write phase for sure.
      process.stderr.write('scene-sync: paused for a test\n');
      await new Promise(() => setInterval(() => undefined, 1000));
    }
    try {
      const before = writeWhole(record.file, fs.readFileSync(record.outputFile!, 'utf8'), record.sourceHash!, roots);
      if (keepOriginals) originals.set(record.file, before);
      interruption.written++;
    } catch (error) {
      Object.assign(record, { status: 'failed', error: (error as Error).message, rewrites: [], reviews: [] });
    }
    // Lets a pending signal in between two files.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return originals;
}

/** Replaces `file` by `text` through a temporary file and a rename; returns the text replaced. */
function writeWhole(file: string, text: string, sourceHash: string, roots: string[]): string {
  const real = fs.realpathSync(file);
  if (real !== file || !roots.some((root) => isInside(real, root))) throw new Error('left unchanged: it now resolves outside the paths given (a symbolic link?)');
  const stat = fs.lstatSync(file);
  if (!stat.isFile()) throw new Error('left unchanged: no longer a regular file');
  // Root may write anywhere: a file without its owner's write bit is read-only by intent.
  if ((stat.mode & 0o200) === 0 || !canWrite(file)) throw new Error('left unchanged: the file is read-only');
  const before = fs.readFileSync(file, 'utf8');
  if (hashText(before) !== sourceHash) throw new Error('left unchanged: the file changed while the codemod ran');
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.scene-sync-${process.pid}.tmp`);
  const descriptor = fs.openSync(temporary, 'wx', stat.mode & 0o7777);
  try {
    try {
      fs.writeFileSync(descriptor, text);
      const created = fs.fstatSync(descriptor);
      if (created.uid !== stat.uid || created.gid !== stat.gid) fs.fchownSync(descriptor, stat.uid, stat.gid);
      fs.fchmodSync(descriptor, stat.mode & 0o7777);
      fs.fsyncSync(descriptor);
    } finally {
      fs.closeSync(descriptor);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EPERM' ? 'left unchanged: cannot keep its owner and group' : `left unchanged: ${(error as Error).message}`);
  }
  return before;
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

interface RunOptions {
  dry: boolean;
  /** Whether the rewritten texts are read afterwards (to write them, or to print the diff). */
  keepOutputs: boolean;
  cpus: number | undefined;
  crossModule: CrossModulePlan | undefined;
  collectRepository: boolean;
  cwd: string;
}

/** What the first run found for the repository pass: the files it analysed (or failed on) and their entries, in file order. */
function repositorySeed(files: readonly string[], records: ReadonlyMap<string, FileRecord>): RepositorySeed {
  const read: string[] = [];
  const entries: RepositoryEntry[] = [];
  for (const file of files) {
    const record = records.get(file);
    if (!record || record.status === 'skipped') continue;
    read.push(file);
    entries.push(...(record.repository ?? []));
  }
  return { read, entries };
}

async function runTransform(files: string[], settings: ResolvedSettings, reportDir: string, options: RunOptions, io: Output): Promise<Map<string, FileRecord>> {
  const records = new Map<string, FileRecord>();
  if (files.length === 0) return records;
  const outputDir = path.join(reportDir, 'out');
  if (options.keepOutputs) fs.mkdirSync(outputDir);
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
      // jscodeshift never writes: the texts go to outputDir and writeOutputs puts them in place.
      dry: true,
      print: false,
      runInBand: files.length < 20,
      cpus: options.cpus,
      failOnError: false,
      sceneSyncSettings: settings,
      reportDir,
      // A dry run that prints nothing needs no copy of each rewritten text.
      ...(options.keepOutputs ? { outputDir } : {}),
      preview: options.dry,
      crossModule: options.crossModule,
      collectRepository: options.collectRepository,
      repositoryCwd: options.cwd,
    });
  } finally {
    progress?.stop();
  }
  for (const entry of fs.readdirSync(reportDir)) {
    if (!entry.endsWith('.jsonl')) continue;
    for (const line of fs.readFileSync(path.join(reportDir, entry), 'utf8').split('\n')) {
      if (!line) continue;
      const record = JSON.parse(line) as FileRecord;
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
    for (const entry of fs.readdirSync(reportDir).filter((name) => name.endsWith('.jsonl'))) done += fs.readFileSync(path.join(reportDir, entry), 'utf8').split('\n').length - 1;
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

function printDiffs(records: Map<string, FileRecord>, base: string, originals: Map<string, string> | undefined, io: Output): void {
  for (const record of [...records.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    if (record.status !== 'changed' || !record.outputFile) continue;
    const before = originals ? originals.get(record.file) : fs.readFileSync(record.file, 'utf8');
    if (before === undefined) continue;
    const after = fs.readFileSync(record.outputFile, 'utf8');
    const name = displayPath(record.file, base);
    io.out(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
  }
}

interface MigrateReport {
  files: { scanned: number; changed: number; unchanged: number; failed: number };
  rewrites: { file: string; line: number; kind: string; helper: string }[];
  rewritesByKind: Record<string, number>;
  reviews: { file: string; line: number; reason: string }[];
  failures: { file: string; line?: number; column?: number; error: string }[];
  changedFiles: string[];
}

function summarize(records: Map<string, FileRecord>, base: string): { text: string; json: MigrateReport } {
  const relative = (file: string) => displayPath(file, base);
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
      json.failures.push({ file, ...(record.line === undefined ? {} : { line: record.line, column: record.column }), error: record.error ?? 'unknown error' });
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
    lines.push(`Failed: ${json.failures.length}`, ...json.failures.map((failure) => `  ${failure.file}${failure.line === undefined ? '' : `:${failure.line}:${failure.column}`}: ${failure.error}`));
  }
  return { text: lines.join('\n'), json };
}

if (require.main === module) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
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
