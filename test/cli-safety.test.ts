// `scene-sync migrate` used carelessly: targets in another repository, interrupts, symlinks,
// read-only files, a closed stdout, an unusable temporary folder. Runs dist/cli.js (npm test builds it).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(__dirname, 'codemods', 'fixtures');
const INPUT = fs.readFileSync(path.join(FIXTURES, 'positional', 'delete.input.tsx'));
const OUTPUT = fs.readFileSync(path.join(FIXTURES, 'positional', 'delete.output.tsx'));

function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_PREFIX']) delete env[name];
  return env;
}

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: childEnv(env) });
}

const temporaryDirs: string[] = [];
afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `scene-sync-safety-${prefix}-`)));
  temporaryDirs.push(dir);
  return dir;
}

function write(dir: string, file: string, bytes: Buffer | string): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, bytes);
  return full;
}

function gitRepo(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: childEnv(), stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.name', 'Scene Sync Test');
  git('config', 'user.email', 'scene-sync@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'start');
}

/** Every file under `dir` whose name marks a temporary file of an atomic write. */
function temporaryFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => /\.tmp$|\.tsx\.\d+$/.test(entry));
}

describe('git safety per target repository', () => {
  function dirtyRepo(): string {
    const repo = tempDir('dirty');
    write(repo, '.gitignore', 'src/generated/\n');
    write(repo, 'src/Panel.tsx', INPUT);
    write(repo, 'src/generated/Generated.tsx', INPUT);
    gitRepo(repo);
    write(repo, 'src/Uncommitted.tsx', INPUT);
    return repo;
  }

  it('refuses a dirty repository targeted from outside any repository', () => {
    const repo = dirtyRepo();
    const elsewhere = tempDir('elsewhere');
    const run = cli(elsewhere, ['migrate', path.join(repo, 'src')]);
    expect(run.stderr).toBe(`scene-sync: the git tree ${repo} has uncommitted changes (src/Uncommitted.tsx).\nCommit or stash them first, or pass --force (or --dry to only look).\n`);
    expect(run.status).toBe(2);
    expect(fs.readFileSync(path.join(repo, 'src', 'Panel.tsx')).equals(INPUT)).toBe(true);
  });

  it('refuses a dirty repository targeted from another, clean repository', () => {
    const repo = dirtyRepo();
    const clean = tempDir('clean');
    write(clean, 'README.md', 'clean\n');
    gitRepo(clean);
    const run = cli(clean, ['migrate', path.join(repo, 'src')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`the git tree ${repo} has uncommitted changes (src/Uncommitted.tsx)`);
    expect(fs.readFileSync(path.join(repo, 'src', 'Panel.tsx')).equals(INPUT)).toBe(true);
  });

  it("with --force, skips what the target's own .gitignore ignores", () => {
    const repo = dirtyRepo();
    const clean = tempDir('clean');
    gitRepo(clean);
    const run = cli(clean, ['migrate', '--force', path.join(repo, 'src')]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('scene-sync migrate: 2 files scanned, 2 changed, 0 unchanged, 0 failed');
    expect(fs.readFileSync(path.join(repo, 'src', 'Panel.tsx')).equals(OUTPUT)).toBe(true);
    expect(fs.readFileSync(path.join(repo, 'src', 'generated', 'Generated.tsx')).equals(INPUT)).toBe(true);
  });
});

describe('an interrupt during the write phase', () => {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: files are whole, the rest untouched, no temporary file or folder left, exit ${status}`, async () => {
      const dir = tempDir('signal');
      const tmp = tempDir('tmpdir');
      const files = Array.from({ length: 6 }, (_, index) => write(dir, `src/Panel${index}.tsx`, INPUT));
      // The CLI stops after two writes (a test hook) and waits: the signal lands in the write phase for sure.
      const child = spawn(process.execPath, [CLI, 'migrate', 'src'], { cwd: dir, env: childEnv({ TMPDIR: tmp, SCENE_SYNC_TEST_PAUSE_AFTER_WRITES: '2' }) });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('paused for a test')) child.kill(signal);
      });
      expect(await exited).toBe(status);
      expect(stderr).toContain(`scene-sync: interrupted by ${signal}: 2 of 6 files written, each whole; the rest untouched.`);
      const contents = files.map((file) => fs.readFileSync(file));
      expect(contents.filter((bytes) => bytes.equals(OUTPUT))).toHaveLength(2);
      expect(contents.filter((bytes) => bytes.equals(INPUT))).toHaveLength(4);
      expect(temporaryFiles(dir)).toEqual([]);
      expect(fs.readdirSync(tmp)).toEqual([]);
    });
  }
});

describe('symbolic links', () => {
  it('refuses a path through a symlinked folder and writes nothing outside the tree', () => {
    const outside = tempDir('outside');
    const target = write(outside, 'File.tsx', INPUT);
    const repo = tempDir('linkrepo');
    fs.mkdirSync(path.join(repo, 'src'));
    fs.symlinkSync(outside, path.join(repo, 'src', 'linkdir'));
    const run = cli(repo, ['migrate', 'src/linkdir/File.tsx']);
    expect(run.stderr).toBe(
      `scene-sync: src/linkdir/File.tsx goes through a symbolic link (it is ${target}); links are not followed, so nothing there was scanned. Pass the real path to migrate it.\n`,
    );
    expect(run.status).toBe(2);
    expect(fs.readFileSync(target).equals(INPUT)).toBe(true);
  });

  it('says why a root that is itself a symlink scans nothing', () => {
    const real = tempDir('real');
    write(real, 'src/File.tsx', INPUT);
    const base = tempDir('base');
    fs.symlinkSync(path.join(real, 'src'), path.join(base, 'src'));
    const run = cli(base, ['migrate', 'src']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`scene-sync: src goes through a symbolic link (it is ${path.join(real, 'src')}); links are not followed`);
    expect(fs.readFileSync(path.join(real, 'src', 'File.tsx')).equals(INPUT)).toBe(true);
  });
});

describe('file permissions', () => {
  it('skips a read-only file as failed and keeps mode, owner and group of written files', () => {
    const dir = tempDir('modes');
    const readOnly = write(dir, 'src/ReadOnly.tsx', INPUT);
    fs.chmodSync(readOnly, 0o444);
    const shared = write(dir, 'src/Shared.tsx', INPUT);
    fs.chmodSync(shared, 0o640);
    const { uid, gid } = fs.statSync(shared);
    // Root may hand the file to another group; anyone else keeps their own.
    const group = process.getuid?.() === 0 ? gid + 4242 : gid;
    fs.chownSync(shared, uid, group);

    const run = cli(dir, ['migrate', 'src', '--report', 'report.json']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  src/ReadOnly.tsx: left unchanged: the file is read-only');
    expect(fs.readFileSync(readOnly).equals(INPUT)).toBe(true);
    expect(fs.statSync(readOnly).mode & 0o777).toBe(0o444);
    expect(fs.readFileSync(shared).equals(OUTPUT)).toBe(true);
    const after = fs.statSync(shared);
    expect({ mode: after.mode & 0o7777, uid: after.uid, gid: after.gid }).toEqual({ mode: 0o640, uid, gid: group });
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { changedFiles: string[]; rewrites: { file: string }[] };
    expect(report.changedFiles).toEqual(['src/Shared.tsx']);
    expect(report.rewrites.every((rewrite) => rewrite.file === 'src/Shared.tsx')).toBe(true);
  });
});

describe('the terminal around it', () => {
  it('exits quietly when stdout is closed early (piped into head)', async () => {
    const child = spawn(process.execPath, [CLI, '--help'], { env: childEnv() });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('gives one clear line when the temporary folder cannot be created', () => {
    const dir = tempDir('notmp');
    write(dir, 'src/Panel.tsx', INPUT);
    const missing = path.join(dir, 'no-such-folder');
    const run = cli(dir, ['migrate', 'src', '--dry'], { TMPDIR: missing });
    expect(run.stderr).toBe(`scene-sync: cannot create a temporary folder in ${missing} (ENOENT); set TMPDIR to a writable folder.\n`);
    expect(run.status).toBe(2);
  });
});
