// The `scene-sync` bin as a user runs it: `node dist/cli.js` in a temporary folder.
// `npm test` builds dist/ first (`pretest`); run directly, this file rebuilds a missing or stale dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHelperPath, renderHelperModule } from '../src/codemods/init';
import { loadConfigFile, withClientSetting } from '../src/codemods/config-file';
import { planRepository, type RepositoryEntry } from '../src/codemods/cross-module';
import { transformSource } from '../src/codemods/scene-sync';
import { getConventions, resolveSettings } from '../src/conventions';
import { cli, ensureBuilt, git, removeTempDirs, ROOT, tempDir } from './helpers/cli';

const FIXTURES = path.join(__dirname, 'codemods', 'fixtures');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Copies fixture files into `dir`: `{ 'src/a.tsx': 'positional/x.input.tsx' }`. */
function place(dir: string, files: Record<string, string>): void {
  for (const [target, fixture] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, fixture), path.join(dir, target));
  }
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file));

beforeAll(() => {
  ensureBuilt();
}, 120_000);

afterAll(removeTempDirs);

describe('scene-sync migrate in a git repository', () => {
  let repo: string;
  let outside: string;
  const IGNORE = ['--ignore', 'src/ignored/**'];
  const MIGRATED = {
    'src/components/Crlf.tsx': 'positional/crlf',
    'src/components/OnSuccess.tsx': 'positional/on-success-selector',
    'src/components/SeedExample.tsx': 'positional/seed-example',
  };
  const UNCHANGED = {
    'src/components/DragTime.tsx': 'positional/drag-time.input.tsx',
    'src/hooks/useSceneReorder.ts': 'positional/review-replace.input.ts',
  };
  /** Files with syncs that the run must not touch: ignored, .gitignored, dependencies. */
  const SKIPPED = {
    'src/ignored/Skipped.tsx': 'positional/delete.input.tsx',
    'src/generated/Generated.tsx': 'positional/delete.input.tsx',
    'src/node_modules/some-lib/index.tsx': 'positional/delete.input.tsx',
  };
  const SUMMARY = [
    'scene-sync migrate: 5 files scanned, 3 changed, 2 unchanged, 0 failed',
    'Helper calls written: 3 (deleted 1, updated 2)',
    'Left for review: 2',
    '  src/components/DragTime.tsx:10: the generation.reorderScenes mutation never syncs; call sceneSyncHelpers.syncAllScenes(...) in its success path',
    '  src/hooks/useSceneReorder.ts:9: replace(...) writes data that the helper would not carry',
  ].join('\n');

  const expectSkippedUntouched = () => {
    for (const [file, source] of Object.entries(SKIPPED)) expect(read(repo, file).equals(fixture(source)), file).toBe(true);
    expect(read(outside, 'Outside.tsx').equals(fixture('positional/delete.input.tsx'))).toBe(true);
  };

  beforeAll(() => {
    repo = tempDir('git');
    outside = tempDir('outside');
    place(repo, Object.fromEntries(Object.entries(MIGRATED).map(([file, name]) => [file, `${name}.input.tsx`])));
    place(repo, UNCHANGED);
    place(repo, SKIPPED);
    place(outside, { 'Outside.tsx': 'positional/delete.input.tsx' });
    // A file and a folder that lead out of the repository: never followed, never written.
    fs.symlinkSync(path.join(outside, 'Outside.tsx'), path.join(repo, 'src', 'components', 'Linked.tsx'));
    fs.symlinkSync(outside, path.join(repo, 'src', 'linked-folder'));
    fs.writeFileSync(path.join(repo, '.gitignore'), 'src/generated/\n');
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.name', 'Scene Sync Test');
    git(repo, 'config', 'user.email', 'scene-sync@example.invalid');
    git(repo, 'config', 'core.autocrlf', 'false');
    git(repo, 'config', 'commit.gpgsign', 'false');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'app before the migration');
  });

  it('--dry runs on a dirty tree, reports what it would do and writes nothing', () => {
    // An untracked file under the migrated path makes the tree dirty (and is no source file).
    fs.writeFileSync(path.join(repo, 'src', 'NOTES.md'), 'work in progress\n');
    try {
      const run = cli(repo, 'migrate', 'src', '--dry', ...IGNORE);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`${SUMMARY}\n`);
      expect(run.status).toBe(0);
      for (const [file, name] of Object.entries(MIGRATED)) expect(read(repo, file).equals(fixture(`${name}.input.tsx`)), file).toBe(true);
      expect(git(repo, 'status', '--porcelain')).toBe('?? src/NOTES.md\n');
    } finally {
      fs.rmSync(path.join(repo, 'src', 'NOTES.md'));
    }
  });

  it('rewrites the files, prints a diff and the summary, writes the JSON report', () => {
    const run = cli(repo, 'migrate', 'src', '--print', '--report', 'report.json', ...IGNORE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.endsWith(`${SUMMARY}\n`)).toBe(true);
    for (const file of Object.keys(MIGRATED)) {
      expect(run.stdout).toContain(`--- a/${file}\n+++ b/${file}\n`);
    }
    expect(run.stdout).toContain('+      void sceneSyncHelpers.syncSceneUpdated(projectId, saved.id, saved);\n');
    expect(run.stdout).not.toContain('a/src/components/DragTime.tsx');

    // Byte for byte what the fixtures expect, CRLF included; everything else untouched.
    for (const [file, name] of Object.entries(MIGRATED)) expect(read(repo, file).equals(fixture(`${name}.output.tsx`)), file).toBe(true);
    for (const [file, source] of Object.entries(UNCHANGED)) expect(read(repo, file).equals(fixture(source)), file).toBe(true);
    expectSkippedUntouched();
    expect(fs.lstatSync(path.join(repo, 'src', 'components', 'Linked.tsx')).isSymbolicLink()).toBe(true);
    expect(git(repo, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M src/components/Crlf.tsx',
      ' M src/components/OnSuccess.tsx',
      ' M src/components/SeedExample.tsx',
      '?? report.json',
    ]);

    const report = JSON.parse(fs.readFileSync(path.join(repo, 'report.json'), 'utf8')) as unknown;
    expect(report).toEqual({
      files: { scanned: 5, changed: 3, unchanged: 2, failed: 0 },
      rewrites: [
        { file: 'src/components/Crlf.tsx', line: 15, kind: 'deleted', helper: 'sceneSyncHelpers.syncSceneDeleted' },
        // Lines of the written files, where the helper calls now stand.
        { file: 'src/components/OnSuccess.tsx', line: 9, kind: 'updated', helper: 'sceneSyncHelpers.syncSceneUpdated' },
        { file: 'src/components/SeedExample.tsx', line: 10, kind: 'updated', helper: 'sceneSyncHelpers.syncSceneUpdated' },
      ],
      rewritesByKind: { deleted: 1, updated: 2 },
      reviews: [
        {
          file: 'src/components/DragTime.tsx',
          line: 10,
          reason: 'the generation.reorderScenes mutation never syncs; call sceneSyncHelpers.syncAllScenes(...) in its success path',
        },
        { file: 'src/hooks/useSceneReorder.ts', line: 9, reason: 'replace(...) writes data that the helper would not carry' },
      ],
      failures: [],
      changedFiles: ['src/components/Crlf.tsx', 'src/components/OnSuccess.tsx', 'src/components/SeedExample.tsx'],
    });
  });

  it('refuses a dirty tree; --force proceeds; a second run changes nothing', () => {
    const refused = cli(repo, 'migrate', 'src', ...IGNORE);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'scene-sync: the git tree . has uncommitted changes (src/components/Crlf.tsx, src/components/OnSuccess.tsx, src/components/SeedExample.tsx).\n' +
        'Commit or stash them first, or pass --force (or --dry to only look).\n',
    );

    const again = [
      'scene-sync migrate: 5 files scanned, 0 changed, 5 unchanged, 0 failed',
      'Helper calls written: 0',
      'Left for review: 2',
      '  src/components/DragTime.tsx:10: the generation.reorderScenes mutation never syncs; call sceneSyncHelpers.syncAllScenes(...) in its success path',
      '  src/hooks/useSceneReorder.ts:9: replace(...) writes data that the helper would not carry',
    ].join('\n');
    const forced = cli(repo, 'migrate', 'src', '--force', ...IGNORE);
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toBe(`${again}\n`);
    expect(forced.status).toBe(0);

    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'migrated');
    const second = cli(repo, 'migrate', 'src', ...IGNORE);
    expect(second.stdout).toBe(`${again}\n`);
    expect(second.status).toBe(0);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expectSkippedUntouched();
  });
});

describe('scene-sync migrate over modules that call each other', () => {
  const INPUT = path.join(FIXTURES, 'cross-module', 'input');
  const OUTPUT = path.join(FIXTURES, 'cross-module', 'output');
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'cross-module', 'plan.json'), 'utf8')) as { rewrites: unknown[]; reviews: unknown[] };
  const listFiles = (dir: string, prefix = ''): string[] =>
    fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    });

  it('decides the same from the entries the rewriting run collects as from a pass that reads every file itself', () => {
    const dir = fs.realpathSync(tempDir('cross-module-seed'));
    fs.cpSync(INPUT, dir, { recursive: true });
    const files = listFiles(dir).filter((file) => file.endsWith('.ts') || file.endsWith('.tsx')).map((file) => path.join(dir, file));
    const conventions = getConventions(undefined);
    const read: string[] = [];
    const entries: RepositoryEntry[] = [];
    for (const file of files) {
      const result = transformSource(fs.readFileSync(file, 'utf8'), file, conventions, dir, undefined, true);
      if (!result) continue;
      read.push(file);
      entries.push(...(result.repository ?? []));
    }
    const seeded = planRepository(files, conventions, dir, { read, entries });
    expect(seeded).toEqual(planRepository(files, conventions, dir));
    expect(Object.keys(seeded.success).map((file) => path.relative(dir, file))).toEqual(['src/lib/scene-sync-after.ts']);
    expect(Object.keys(seeded.review).map((file) => path.relative(dir, file))).toEqual(['src/lib/scene-sync-after.ts']);
    // A file that names none of the conventions' words, so the rewriting run skips it, and calls the
    // function outside a success path: read afterwards for the name, it turns the rewrite into a review.
    const plain = path.join(dir, 'src/lib/on-timer.ts');
    fs.writeFileSync(plain, "import { syncAfterRename } from './scene-sync-after';\nexport function onTimer(projectId: string) {\n  setTimeout(() => syncAfterRename(projectId, { id: 'a', name: 'b' }), 10);\n}\n");
    expect(transformSource(fs.readFileSync(plain, 'utf8'), plain, conventions, dir, undefined, true)).toBeUndefined();
    const withPlain = planRepository([...files, plain], conventions, dir, { read, entries });
    expect(withPlain).toEqual(planRepository([...files, plain], conventions, dir));
    expect(withPlain.success).toEqual({});
    expect(Object.keys(withPlain.review[path.join(dir, 'src/lib/scene-sync-after.ts')] ?? {}).sort()).toEqual(['syncAfterDelete', 'syncAfterRename']);
  });

  it('rewrites a sync function in its own module when every call is in a success path, reviews one also called elsewhere, and is idempotent', () => {
    const dir = tempDir('cross-module');
    fs.cpSync(INPUT, dir, { recursive: true });
    const first = cli(dir, 'migrate', '--report', 'report.json', 'src');
    expect(first.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { rewrites: unknown[]; reviews: unknown[]; changedFiles: string[] };
    expect({ rewrites: report.rewrites, reviews: report.reviews }).toEqual(expected);
    expect(report.changedFiles).toEqual(['src/lib/scene-sync-after.ts']);
    for (const file of listFiles(INPUT)) {
      const want = fs.existsSync(path.join(OUTPUT, file)) ? path.join(OUTPUT, file) : path.join(INPUT, file);
      expect(read(dir, file).toString(), file).toBe(fs.readFileSync(want, 'utf8'));
    }
    const second = cli(dir, 'migrate', '--report', 'second.json', 'src');
    const again = JSON.parse(fs.readFileSync(path.join(dir, 'second.json'), 'utf8')) as { rewrites: unknown[]; reviews: unknown[]; changedFiles: string[] };
    expect(second.status).toBe(0);
    expect(again.changedFiles).toEqual([]);
    expect(again.reviews).toEqual(expected.reviews);
  });

  it('with crossModule: false rewrites nothing and sees the imported syncs no more: the mutations look unsynced', () => {
    const dir = tempDir('cross-module-off');
    fs.cpSync(INPUT, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'scene-sync.config.json'), JSON.stringify({ crossModule: false }));
    const run = cli(dir, 'migrate', '--report', 'report.json', 'src');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { changedFiles: string[]; reviews: unknown[] };
    expect(run.status).toBe(0);
    expect(report.changedFiles).toEqual([]);
    const never = (file: string, line: number, mutation: string, helper: string) => ({
      file,
      line,
      reason: `the ${mutation} mutation never syncs; call sceneSyncHelpers.${helper}(...) in its success path`,
    });
    expect(report.reviews).toEqual([
      never('src/components/RenameButton.tsx', 6, 'generation.renameScene', 'syncSceneUpdated'),
      never('src/components/RenameButton.tsx', 9, 'generation.updateScene', 'syncSceneUpdated'),
      never('src/components/TrashButton.tsx', 5, 'generation.deleteScene', 'syncSceneDeleted'),
      never('src/components/TrashButton.tsx', 8, 'generation.updateScene', 'syncSceneUpdated'),
    ]);
  });
});

describe('scene-sync migrate outside git', () => {
  it('runs (with a warning), reads scene-sync.config.json, fails only the file that does not parse', () => {
    const dir = tempDir('plain');
    place(dir, {
      'scene-sync.config.json': 'object/scene-sync.config.json',
      // Named as the fixture: the object-style call's `source` label comes from the file name.
      'src/on-success-selector.tsx': 'object/on-success-selector.input.tsx',
      'src/NoUtils.tsx': 'object/no-utils.input.tsx',
    });
    const broken = "import { useVideoState } from '~/stores/videoState';\nexport const broken = (;\n";
    fs.writeFileSync(path.join(dir, 'src', 'Broken.tsx'), broken);

    const run = cli(dir, 'migrate', 'src', '--report', 'report.json');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('scene-sync: not in a git repository: src: no way to undo; consider --dry first.\n');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'scene-sync migrate: 3 files scanned, 1 changed, 1 unchanged, 1 failed',
      'Helper calls written: 1 (updated 1)',
      'Left for review: 1',
      '  src/NoUtils.tsx:9: no tRPC utils (useUtils()) in scope, and no "client" setting to add them from; set "client" and run again',
    ]);
    expect(lines[4]).toBe('Failed: 1');
    // file:line:column of the parse error, here the `;` after `(`.
    expect(lines[5]).toMatch(/^ {2}src\/Broken\.tsx:2:24: \S/);

    expect(read(dir, 'src/on-success-selector.tsx').equals(fixture('object/on-success-selector.output.tsx'))).toBe(true);
    expect(read(dir, 'src/NoUtils.tsx').equals(fixture('object/no-utils.input.tsx'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'src', 'Broken.tsx'), 'utf8')).toBe(broken);

    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as {
      files: unknown;
      rewrites: unknown;
      reviews: unknown;
      failures: { file: string; line: number; column: number; error: string }[];
    };
    expect(report.files).toEqual({ scanned: 3, changed: 1, unchanged: 1, failed: 1 });
    // Lines of the written file: the removed selector line moves the call up by one.
    expect(report.rewrites).toEqual([{ file: 'src/on-success-selector.tsx', line: 10, kind: 'updated', helper: 'sceneSyncHelpers.syncSceneUpdated' }]);
    expect(report.reviews).toEqual([{ file: 'src/NoUtils.tsx', line: 9, reason: 'no tRPC utils (useUtils()) in scope, and no "client" setting to add them from; set "client" and run again' }]);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ file: 'src/Broken.tsx', line: 2, column: 24 });
    expect(lines[5]).toBe(`  src/Broken.tsx:2:24: ${report.failures[0]!.error}`);
  });
});

describe('what the processes load', () => {
  // Loaded modules, as a fresh Node process sees them after requiring one built module.
  function loadedPackages(module: string): string[] {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist', module))}); console.log(JSON.stringify(Object.keys(require.cache)))`;
    const files = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    const names = files.map((file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]?.replace('\\', '/')).filter((name) => name !== undefined);
    return [...new Set(names)].sort();
  }

  it('the CLI loads neither TypeScript, its parser nor ESLint before its workers start', () => {
    const loaded = loadedPackages('cli.js');
    for (const name of ['typescript', '@typescript-eslint/parser', '@typescript-eslint/typescript-estree', 'eslint', 'jscodeshift']) expect(loaded).not.toContain(name);
    expect(loaded).toContain('picomatch');
  });

  it('the transform jscodeshift runs loads no ESLint', () => {
    const loaded = loadedPackages('codemods/scene-sync.js');
    expect(loaded).not.toContain('eslint');
    expect(loaded).toContain('@typescript-eslint/types');
  });
});

describe('scene-sync usage errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('usage');
    place(dir, { 'src/Delete.tsx': 'positional/delete.input.tsx' });
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ "helper": ');
    fs.writeFileSync(path.join(dir, 'bad-style.json'), JSON.stringify({ helper: { style: 'objekt' } }));
  });
  const untouched = () => expect(read(dir, 'src/Delete.tsx').equals(fixture('positional/delete.input.tsx'))).toBe(true);

  it('exits 2 on a config file that is not JSON', () => {
    const run = cli(dir, 'migrate', 'src', '--config', 'broken.json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^scene-sync: invalid setting "--config": expected valid JSON \(.+\), got ".*broken\.json"\.\n$/);
    untouched();
  });

  it('exits 2 on an invalid setting, naming the key', () => {
    const run = cli(dir, 'migrate', 'src', '--config', 'bad-style.json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('scene-sync: invalid setting "helper.style": expected "positional" or "object", got "objekt".\n');
    untouched();
  });

  it("exits 2 on --config '' and on a config file that is null, never falling back to the defaults", () => {
    fs.writeFileSync(path.join(dir, 'null.json'), 'null\n');
    const empty = cli(dir, 'migrate', 'src', '--config', '');
    expect(empty.stderr).toBe('scene-sync: invalid setting "--config": expected a file name, got "".\n');
    expect(empty.status).toBe(2);
    const nullFile = cli(dir, 'migrate', 'src', '--config', 'null.json');
    expect(nullFile.stderr).toBe(`scene-sync: invalid setting "--config": expected a JSON object, not null, got "${path.join(dir, 'null.json')}".\n`);
    expect(nullFile.status).toBe(2);
    untouched();
  });

  it('prints the usage of one command for <command> --help, and exits 0', () => {
    const migrate = cli(dir, 'migrate', '--help');
    expect(migrate.status).toBe(0);
    expect(migrate.stdout.split('\n')[1]).toMatch(/^ {2}scene-sync migrate \[paths\.\.\.\]/);
    expect(migrate.stdout).toContain('  --cpus <n>');
    expect(migrate.stdout).not.toContain('scene-sync init');
    // Generic: a command added later (audit) gets its --help from USAGE too.
    const audit = cli(dir, 'audit', '--help');
    expect(audit.status).toBe(0);
    expect(audit.stdout.split('\n').slice(0, 4)).toEqual([
      'Usage:',
      expect.stringMatching(/^ {2}scene-sync audit \[paths\.\.\.\]/),
      '',
      'audit    lists every mutation and what its success path does; changes no file.',
    ]);
    const init = cli(dir, 'init', '-h');
    expect(init.status).toBe(0);
    expect(init.stdout).toBe(
      'Usage:\n  scene-sync init [--config <file>] [--out <file>]\n\ninit     writes the helper module for the configured conventions, if it does not exist.\n  --out <file>      where to write it (default: from helper.module, ~/ mapped to src/)\n',
    );
    untouched();
  });

  it('exits 2 on an unknown option, with the usage', () => {
    const run = cli(dir, 'migrate', 'src', '--frobnicate');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^scene-sync: Unknown option '--frobnicate'/);
    expect(run.stderr).toContain('Usage:\n  scene-sync migrate [paths...]');
    untouched();
  });

  it.each([['src/notes.md'], ['src/scene.d.ts'], ['src/scene.d.mts']])('exits 2 on a named file it would not read (%s), with the usage', (file) => {
    fs.writeFileSync(path.join(dir, file), fixture('positional/delete.input.tsx'));
    const run = cli(dir, 'migrate', 'src/Delete.tsx', file);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(`scene-sync: ${file} is not a source file: only .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs files are read (declaration files are not)`);
    expect(run.stderr).toContain('Usage:\n  scene-sync migrate [paths...]');
    untouched();
    expect(read(dir, file).equals(fixture('positional/delete.input.tsx'))).toBe(true);
  });

  it('prints its version', () => {
    const run = cli(dir, '--version');
    expect(run).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('scene-sync init', () => {
  it('writes the helper module for the default (positional) conventions, and never overwrites it', () => {
    const dir = tempDir('init');
    const settings = resolveSettings(undefined);
    const target = defaultHelperPath(settings);
    expect(target).toBe('src/lib/sync/scene-sync.ts');

    const first = cli(dir, 'init');
    expect(first).toEqual({
      status: 0,
      stdout: `scene-sync init: wrote ${target} (positional style).\nHand it the tRPC utils once, near the root: registerSceneSyncUtils(api.useUtils()).\n`,
      stderr: 'scene-sync init: warning: no "client" setting and no file imports a tRPC client with useUtils() or useTRPC(); the helper takes a structural utils type instead. Set "client" to type it against the app.\n',
    });
    expect(fs.readFileSync(path.join(dir, target), 'utf8')).toBe(renderHelperModule(settings));
    expect(fs.readdirSync(path.join(dir, 'src', 'lib', 'sync'))).toEqual(['scene-sync.ts']);

    fs.writeFileSync(path.join(dir, target), '// edited by hand\n');
    const second = cli(dir, 'init');
    expect(second).toEqual({ status: 0, stdout: `scene-sync init: ${target} exists; left unchanged.\n`, stderr: '' });
    expect(fs.readFileSync(path.join(dir, target), 'utf8')).toBe('// edited by hand\n');
  });

  it('writes the object-style module from --config to --out', () => {
    const dir = tempDir('init-object');
    place(dir, { 'conventions.json': 'object/scene-sync.config.json' });
    const run = cli(dir, 'init', '--config', 'conventions.json', '--out', 'app/sync/helpers.ts');
    expect(run).toEqual({ status: 0, stdout: 'scene-sync init: wrote app/sync/helpers.ts (object style).\n', stderr: 'scene-sync init: warning: no "client" setting and no file imports a tRPC client with useUtils() or useTRPC(); the helper takes a structural utils type instead. Set "client" to type it against the app.\n' });
    const source = fs.readFileSync(path.join(dir, 'app', 'sync', 'helpers.ts'), 'utf8');
    expect(source).toBe(renderHelperModule(loadConfigFile(path.join(FIXTURES, 'object', 'scene-sync.config.json'))));
    expect(source).toContain('export const sceneSyncHelpers = {');
    // Each query invalidated with its own key, in the structural type as in the call.
    expect(source).toContain('project: {\n    getFullProject: { invalidate(input?: { id: string }): Promise<unknown> };\n  };');
    expect(source).toContain('utils.project.getFullProject.invalidate({ id: projectId }),');
    expect(source).toContain('utils.generation.getProjectScenes.invalidate({ projectId }),');
  });

  it('refuses to write outside the project root, from helper.module or --out', () => {
    const parent = tempDir('init-escape');
    const dir = path.join(parent, 'project');
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'escape.json'), JSON.stringify({ helper: { module: '../../escaped/sync' } }));
    // Run from a subfolder: the project root is the folder of package.json.
    const cwd = path.join(dir, 'src');
    const viaModule = cli(cwd, 'init', '--config', '../escape.json');
    expect(viaModule.status).toBe(2);
    expect(viaModule.stderr).toBe(`scene-sync: init writes only inside the project (${dir}); helper.module leads to ${path.join(parent, 'escaped', 'sync.ts')}.\n`);
    const viaOut = cli(cwd, 'init', '--out', '/tmp/scene-sync-escaped.ts');
    expect(viaOut.status).toBe(2);
    expect(viaOut.stderr).toBe(`scene-sync: init writes only inside the project (${dir}); --out leads to /tmp/scene-sync-escaped.ts.\n`);
    expect(fs.existsSync(path.join(parent, 'escaped'))).toBe(false);
    expect(fs.existsSync('/tmp/scene-sync-escaped.ts')).toBe(false);
  });

  it('emits the store module as an escaped string literal', () => {
    const source = renderHelperModule(resolveSettings({ store: { module: '@acme/store' } }));
    expect(source).toContain("import { useVideoState } from '@acme/store';");
    // Past validation (a hand-made settings object), a quote is escaped, never closing the literal.
    const settings = resolveSettings(undefined);
    const hostile = renderHelperModule({ ...settings, store: { ...settings.store, module: "x'; require('child_process'); '" } });
    expect(hostile).toContain("import { useVideoState } from 'x\\'; require(\\'child_process\\'); \\'';");
  });
});

/** Writes `files` (path → text) under `dir`. */
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

const HELPER = 'src/lib/sync/scene-sync.ts';
const CONFIG = 'scene-sync.config.json';
const REGISTRATION = "Add one line to the app's root component: useSceneSyncRegistration(); (imported from '~/lib/sync/scene-sync').\n";
const NO_CLIENT_WARNING =
  'scene-sync init: warning: no "client" setting and no file imports a tRPC client with useUtils() or useTRPC(); the helper takes a structural utils type instead. Set "client" to type it against the app.\n';
const PANEL = (importLine: string, calls: string[]) => `${importLine}\nexport function Panel() {\n${calls.map((call) => `  ${call};\n`).join('')}  return null;\n}\n`;

describe('scene-sync init infers the tRPC client', () => {
  /** Runs init in a tree of `files`, expecting it to infer `client` from `calls` uses and save it to a new config file. */
  function expectInferred(files: Record<string, string>, client: string, calls: string, stderr = '') {
    const dir = tempDir('infer');
    writeFiles(dir, files);
    const run = cli(dir, 'init');
    expect(run).toEqual({
      status: 0,
      stdout:
        `scene-sync init: no "client" setting; the code uses ${client} (${calls}), so the helper is typed against it.\n` +
        `scene-sync init: wrote ${HELPER} (positional style).\n` +
        `scene-sync init: saved it as "client" in ${CONFIG}.\n` +
        REGISTRATION,
      stderr,
    });
    expect(fs.readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(`{\n  "client": ${client}\n}\n`);
    return dir;
  }

  it('classic: the imported binding whose useUtils() is called; the config file is created with it, and a second run changes nothing', () => {
    const dir = expectInferred(
      {
        'src/components/Panel.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()']),
        'src/components/Other.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()', 'const query = api.generation.getProjectScenes.useQuery({ projectId })']),
      },
      '{ "module": "~/trpc/react", "name": "api" }',
      '2 calls',
    );
    const helper = fs.readFileSync(path.join(dir, HELPER), 'utf8');
    expect(helper).toContain("import { api } from '~/trpc/react';\n");
    expect(helper).toContain('export type SceneSyncUtils = ReturnType<typeof api.useUtils>;');
    expect(helper).toContain('export function useSceneSyncRegistration(): void {\n  registerSceneSyncUtils(api.useUtils());\n}');
    // The saved setting is what the next run reads: nothing inferred, nothing written.
    expect(loadConfigFile(path.join(dir, CONFIG)).client).toEqual({ kind: 'classic', module: '~/trpc/react', name: 'api' });
    const config = read(dir, CONFIG);
    const second = cli(dir, 'init');
    expect(second).toEqual({ status: 0, stdout: `scene-sync init: ${HELPER} exists; left unchanged.\n`, stderr: '' });
    expect(read(dir, CONFIG).equals(config)).toBe(true);
    expect(fs.readFileSync(path.join(dir, HELPER), 'utf8')).toBe(helper);
  });

  it('TanStack-native: the imported useTRPC hook that is called', () => {
    const dir = expectInferred(
      { 'src/components/Panel.tsx': PANEL("import { useTRPC } from '~/trpc/client';\nimport { useQueryClient } from '@tanstack/react-query';", ['const trpc = useTRPC()', 'const queryClient = useQueryClient()']) },
      '{ "module": "~/trpc/client", "hook": "useTRPC" }',
      '1 call',
    );
    const helper = fs.readFileSync(path.join(dir, HELPER), 'utf8');
    expect(helper).toContain("import { useTRPC } from '~/trpc/client';\n");
    expect(helper).toContain('export type SceneSyncTRPC = ReturnType<typeof useTRPC>;');
  });

  it('an aliased import counts under the name the module exports, which the helper imports', () => {
    const dir = expectInferred(
      { 'src/components/Panel.tsx': PANEL("import { type Foo, api as trpcApi } from '~/trpc/react';", ['const utils = trpcApi.useUtils()']) },
      '{ "module": "~/trpc/react", "name": "api" }',
      '1 call',
    );
    const helper = fs.readFileSync(path.join(dir, HELPER), 'utf8');
    expect(helper).toContain("import { api } from '~/trpc/react';\n");
    expect(helper).not.toContain('trpcApi');
  });

  it('a local that shadows the import, a type-only import, a default import, a global, a call with arguments and a file that does not parse do not count', () => {
    expectInferred(
      {
        'src/components/Shadowed.tsx':
          "import { api } from '~/trpc/react';\n" +
          'export function useFake(api: { useUtils(): unknown }) {\n  return api.useUtils();\n}\n' +
          'export function Panel() {\n  const api = makeFake();\n  api.useUtils();\n  return api.useUtils();\n}\n',
        'src/components/TypeOnly.tsx': "import type { api } from '~/trpc/react';\nexport const utils = api.useUtils();\n",
        'src/components/Global.tsx': 'export const utils = window.api.useUtils();\n',
        'src/components/Arguments.tsx': "import { api } from '~/trpc/other';\nexport const utils = api.useUtils(options);\n",
        'src/components/Default.tsx': "import api from '~/trpc/default';\nexport const utils = api.useUtils();\n",
        'src/components/Broken.tsx': "import { api } from '~/trpc/broken';\nexport const utils = api.useUtils();\nexport const a = api.useUtils();\nfunction (\n",
        'src/components/Real.tsx': PANEL("import { useTRPC } from '~/trpc/client';", ['const trpc = useTRPC()']),
      },
      '{ "module": "~/trpc/client", "hook": "useTRPC" }',
      '1 call',
    );
  });

  it('two clients: the more used one wins, counted through a namespace import too', () => {
    expectInferred(
      {
        'src/components/A.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()']),
        'src/components/B.tsx': PANEL("import * as clients from '~/trpc/legacy';", ['const a = clients.trpc.useUtils()', 'const b = clients.trpc.useUtils()']),
        'src/components/C.tsx': PANEL("import { trpc } from '~/trpc/legacy';", ['const utils = trpc.useUtils()']),
      },
      '{ "module": "~/trpc/legacy", "name": "trpc" }',
      '3 calls',
    );
  });

  it('a tie is reported, and the first by kind, module and name is taken', () => {
    expectInferred(
      {
        'src/components/A.tsx': PANEL("import { useTRPC } from '~/trpc/client';", ['const trpc = useTRPC()']),
        'src/components/B.tsx': PANEL("import { trpc } from '~/trpc/react';", ['const utils = trpc.useUtils()']),
        'src/components/C.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()']),
      },
      '{ "module": "~/trpc/react", "name": "api" }',
      '1 call',
      'scene-sync init: warning: 3 clients are used equally often (1 call each): { "module": "~/trpc/react", "name": "api" }, { "module": "~/trpc/react", "name": "trpc" }, { "module": "~/trpc/client", "hook": "useTRPC" }; ' +
        'took the first (classic before TanStack-native, then by module and name). Set "client" if it is the wrong one.\n',
    );
  });

  it('nothing found: the structural type, the warning, and no config file', () => {
    const dir = tempDir('infer-none');
    writeFiles(dir, {
      'src/components/Panel.tsx': PANEL("import { useUtils } from './local';", ['const utils = useUtils()']),
      // A library's own export is no client of the app.
      'src/components/Lib.tsx': PANEL("import { useTRPC } from '@trpc/tanstack-react-query';", ['const trpc = useTRPC()']),
    });
    const run = cli(dir, 'init');
    expect(run).toEqual({
      status: 0,
      stdout: `scene-sync init: wrote ${HELPER} (positional style).\nHand it the tRPC utils once, near the root: registerSceneSyncUtils(api.useUtils()).\n`,
      stderr: NO_CLIENT_WARNING,
    });
    expect(fs.readFileSync(path.join(dir, HELPER), 'utf8')).toBe(renderHelperModule(resolveSettings(undefined)));
    expect(fs.existsSync(path.join(dir, CONFIG))).toBe(false);
  });

  it('an existing client setting wins: nothing inferred, the config file untouched', () => {
    const dir = tempDir('infer-configured');
    const config = '{\n  "client": { "module": "~/trpc/react", "name": "api" }\n}\n';
    writeFiles(dir, {
      [CONFIG]: config,
      'src/components/Panel.tsx': PANEL("import { useTRPC } from '~/trpc/client';", ['const a = useTRPC()', 'const b = useTRPC()']),
    });
    const run = cli(dir, 'init');
    expect(run).toEqual({ status: 0, stdout: `scene-sync init: wrote ${HELPER} (positional style).\n${REGISTRATION}`, stderr: '' });
    expect(fs.readFileSync(path.join(dir, CONFIG), 'utf8')).toBe(config);
    expect(fs.readFileSync(path.join(dir, HELPER), 'utf8')).toContain('export type SceneSyncUtils = ReturnType<typeof api.useUtils>;');
  });

  it('adds client to the --config file as written, which later runs read; a second init run is a no-op', () => {
    const dir = tempDir('infer-update');
    const before = '{\n    "helper": { "style": "object" },\n    "queries": ["generation.getProjectScenes", { "path": "project.getFullProject", "key": "id" }]\n}\n';
    writeFiles(dir, {
      'conventions.json': before,
      'src/components/Panel.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()']),
    });
    const run = cli(dir, 'init', '--config', 'conventions.json');
    expect(run).toEqual({
      status: 0,
      stdout:
        'scene-sync init: no "client" setting; the code uses { "module": "~/trpc/react", "name": "api" } (1 call), so the helper is typed against it.\n' +
        `scene-sync init: wrote ${HELPER} (object style).\n` +
        'scene-sync init: saved it as "client" in conventions.json.\n',
      stderr: '',
    });
    const after = fs.readFileSync(path.join(dir, 'conventions.json'), 'utf8');
    expect(after).toBe(`${before.slice(0, -3)},\n    "client": { "module": "~/trpc/react", "name": "api" }\n}\n`);
    const settings = loadConfigFile(path.join(dir, 'conventions.json'));
    expect(settings.client).toEqual({ kind: 'classic', module: '~/trpc/react', name: 'api' });
    expect(fs.readFileSync(path.join(dir, HELPER), 'utf8')).toBe(renderHelperModule(settings));
    expect(fs.existsSync(path.join(dir, CONFIG))).toBe(false);

    const second = cli(dir, 'init', '--config', 'conventions.json');
    expect(second).toEqual({ status: 0, stdout: `scene-sync init: ${HELPER} exists; left unchanged.\n`, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'conventions.json'), 'utf8')).toBe(after);
    // Run anew without the helper: the saved client is used, nothing inferred or saved again.
    fs.rmSync(path.join(dir, HELPER));
    const third = cli(dir, 'init', '--config', 'conventions.json');
    expect(third).toEqual({ status: 0, stdout: `scene-sync init: wrote ${HELPER} (object style).\n`, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'conventions.json'), 'utf8')).toBe(after);
  });
  it('updates a linked config file where it lives and keeps the link', () => {
    const dir = tempDir('infer-link');
    writeFiles(dir, {
      'conf/shared.json': '{\n  "helper": { "style": "object" }\n}\n',
      'src/components/Panel.tsx': PANEL("import { api } from '~/trpc/react';", ['const utils = api.useUtils()']),
    });
    fs.symlinkSync(path.join('conf', 'shared.json'), path.join(dir, CONFIG));
    const run = cli(dir, 'init');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`scene-sync init: saved it as "client" in ${CONFIG}.\n`);
    expect(fs.lstatSync(path.join(dir, CONFIG)).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'conf', 'shared.json'), 'utf8')).toBe('{\n  "helper": { "style": "object" },\n  "client": { "module": "~/trpc/react", "name": "api" }\n}\n');
    expect(fs.readdirSync(path.join(dir, 'conf'))).toEqual(['shared.json']);
  });
});

describe('withClientSetting', () => {
  const classic = { kind: 'classic', module: '~/trpc/react', name: 'api' } as const;
  const entry = '"client": { "module": "~/trpc/react", "name": "api" }';

  it('keeps one-line files on one line, empty objects included', () => {
    expect(withClientSetting('{"entity": "document"}\n', classic)).toBe(`{"entity": "document", ${entry}}\n`);
    expect(withClientSetting('{}', classic)).toBe(`{ ${entry} }`);
  });

  it('keeps the byte order mark, CRLF line endings and tab indentation', () => {
    expect(withClientSetting('\uFEFF{\r\n\t"entity": "document"\r\n}\r\n', classic)).toBe(`\uFEFF{\r\n\t"entity": "document",\r\n\t${entry}\r\n}\r\n`);
    expect(withClientSetting('{\n}\n', { kind: 'tanstack', module: '~/trpc/client', hook: 'useTRPC' })).toBe('{\n  "client": { "module": "~/trpc/client", "hook": "useTRPC" }\n}\n');
  });

  it('replaces "client": null', () => {
    expect(withClientSetting('{\n  "client": null,\n  "entity": "document"\n}\n', classic)).toBe('{\n  "client": {\n    "module": "~/trpc/react",\n    "name": "api"\n  },\n  "entity": "document"\n}\n');
  });
});
