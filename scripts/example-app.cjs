'use strict';
// Shared by `npm run demo` (scripts/demo.mjs) and the end-to-end test (test/e2e/example.test.ts):
// installs the example app's dependencies from its own lockfile once, and makes throwaway copies
// of the app (a git repository each, sharing the installed node_modules through a symlink).

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const exampleDir = path.join(repoRoot, 'examples', 'video-editor');
const exampleModules = path.join(exampleDir, 'node_modules');
const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const eslintBin = path.join(exampleModules, 'eslint', 'bin', 'eslint.js');
const tscBin = path.join(exampleModules, 'typescript', 'bin', 'tsc');

/** What a copy of the app holds besides node_modules. */
const COPIED = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'eslint.config.mjs', 'scene-sync.config.json', '.gitattributes', '.gitignore'];
const STAMP = path.join(exampleModules, '.scene-sync-deps-stamp');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** An environment for child processes that cannot point git at another repository. */
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_PREFIX']) delete env[name];
  return env;
}

function lockfileStamp() {
  const hash = crypto.createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(exampleDir, file)));
  hash.update(process.version.split('.')[0]);
  return hash.digest('hex');
}

function upToDate(stamp) {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim() === stamp && fs.existsSync(eslintBin) && fs.existsSync(tscBin) && fs.existsSync(path.join(exampleModules, 'eslint-plugin-scene-sync', 'package.json'));
  } catch {
    return false;
  }
}

/** A lock across processes (the demo and a test run at once), released even if the holder died long ago. */
function withLock(fn) {
  const lock = path.join(os.tmpdir(), `scene-sync-example-deps-${crypto.createHash('sha1').update(exampleDir).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs `npm ci` in the example when its node_modules is missing or was installed from another
 * lockfile; otherwise reuses it. Returns whether it installed.
 */
function ensureExampleDependencies({ log = () => {}, stdio = 'pipe' } = {}) {
  const stamp = lockfileStamp();
  if (upToDate(stamp)) return false;
  return withLock(() => {
    if (upToDate(stamp)) return false;
    log(`npm ci in ${path.relative(process.cwd(), exampleDir) || '.'} (example app dependencies, from its lockfile)`);
    const result = spawnSync(NPM, ['ci', '--no-audit', '--no-fund'], { cwd: exampleDir, env: childEnv(), encoding: 'utf8', stdio, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
      throw new Error(`npm ci failed in ${exampleDir} (status ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
    }
    fs.writeFileSync(STAMP, `${stamp}\n`);
    return true;
  });
}

function git(cwd, args) {
  const result = spawnSync('git', ['-c', 'user.name=scene-sync e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
  return result.stdout;
}

/** Commits everything in a copy, as a team would before (and after) running the codemod. */
function commitAll(dir, message) {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
}

/**
 * Copies the example app into a new temporary folder, links its node_modules, optionally writes
 * `config` over the top-level keys of the example's `scene-sync.config.json`, and commits it all in
 * a fresh git repository. Returns the folder.
 */
function makeExampleCopy({ config, prefix = 'scene-sync-example-' } = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const entry of COPIED) {
    const from = path.join(exampleDir, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(exampleModules, path.join(dir, 'node_modules'), 'junction');
  if (config !== undefined) {
    const configFile = path.join(dir, 'scene-sync.config.json');
    const base = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
    fs.writeFileSync(configFile, `${JSON.stringify({ ...base, ...config }, null, 2)}\n`);
  }
  git(dir, ['init', '-q']);
  // `node_modules/` in .gitignore matches folders only; here it is a symlink.
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
  commitAll(dir, 'the example app, before');
  return dir;
}

function removeCopy(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs a node script (the CLI, ESLint, tsc) in `cwd`; never throws on a non-zero status. */
function runNode(script, args, cwd) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env: childEnv({ FORCE_COLOR: '0', NO_COLOR: '1' }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

module.exports = {
  repoRoot,
  exampleDir,
  cliPath,
  eslintBin,
  tscBin,
  ensureExampleDependencies,
  makeExampleCopy,
  commitAll,
  removeCopy,
  runNode,
};
