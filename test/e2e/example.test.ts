// End to end on the example app (examples/video-editor): lint -> init -> migrate -> type-check ->
// lint again -> migrate again, in both helper calling styles, on throwaway copies of the app.
// Runs the built package (dist/): `npm test` builds it first (`pretest`).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliPath,
  commitAll,
  ensureExampleDependencies,
  eslintBin,
  exampleDir,
  makeExampleCopy,
  removeCopy,
  repoRoot,
  runNode,
  tscBin,
} from '../../scripts/example-app.cjs';

const STEP_TIMEOUT = 120_000;

const CHAT = 'src/components/ChatPanel.tsx';
const CODE = 'src/components/CodePanel.tsx';
const PREVIEW = 'src/components/PreviewPanel.tsx';
const OVERVIEW = 'src/components/ProjectOverview.tsx';
const ACTIONS = 'src/components/SceneActions.tsx';
const GALLERY = 'src/components/SceneGallery.tsx';
const TIMELINE = 'src/components/TimelinePanel.tsx';
const REORDER = 'src/hooks/useSceneReorder.ts';
const TITLE = 'src/components/SceneTitleEditor.tsx';
const TRIM = 'src/components/SceneTrimButton.tsx';
const ACTIVITY = 'src/components/ActivityLog.tsx';
const REPOSITORY = 'src/server/scenes-repository.ts';
const DUPLICATE = 'src/components/DuplicateButton.tsx';
const COPY_MENU = 'src/components/SceneCopyMenu.tsx';
const SYNC_AFTER = 'src/lib/scene-sync-after.ts';

const STORE = 'scene-sync/no-direct-store-update';
const CACHE = 'scene-sync/no-manual-invalidate';
const MISSING = 'scene-sync/require-sync-after-mutation';
const OPTIMISTIC = 'scene-sync/no-optimistic-scene-update';
const BUS = 'scene-sync/no-scene-event-bus';
const GUARD = 'scene-sync/require-revision-guard';

/** One lint report as `file:line rule`, the form the assertions compare. */
const report = (file: string, line: number, rule: string) => `${file}:${line} ${rule}`;

/**
 * The example as committed, read from its code and cross-checked against its README's form table
 * (# = form number there). Everything else, including the README's "leave alone" list, is silent.
 */
const BEFORE = [
  report(CHAT, 26, MISSING), // #13 renameMutation: onSuccess only sets a status
  report(CHAT, 36, STORE), // #5 onSceneCreated: addScene
  report(CHAT, 37, CACHE), // #5 onSceneCreated: void invalidate
  report(CHAT, 51, STORE), // #3 after await mutateAsync: addScene
  report(CHAT, 52, CACHE), // #3 await invalidate
  report(CHAT, 53, STORE), // #3 await updateAndRefresh(id, (p) => p)
  report(CHAT, 62, STORE), // #4 .then: useVideoState.getState().updateScene (restore)
  report(CODE, 21, STORE), // #1 onSuccess: selector-bound updateScene
  report(CODE, 22, CACHE), // #1 void invalidate
  report(CODE, 31, STORE), // #6 try { await mutateAsync; updateScene } in useCallback
  report(CODE, 35, CACHE), // #6 finally { await invalidate }
  report(CODE, 44, CACHE), // #15 (utils as ... | undefined)?.generation...invalidate
  report(DUPLICATE, 7, STORE), // #20 forwarded onSuccess calls syncDuplicatedScene, which syncs by hand in lib/
  report(PREVIEW, 23, STORE), // #9 direct write into getState().projects
  report(PREVIEW, 31, STORE), // #14 as-cast selector `upd`
  report(PREVIEW, 32, CACHE), // #7 renamed refetch: refetchScenes()
  report(OVERVIEW, 12, STORE), // #24 onSuccess: deleteScene
  report(OVERVIEW, 13, CACHE), // #24 the second scene query, keyed by id: invalidate({ id: projectId })
  report(ACTIONS, 20, CACHE), // #12 mutationOptions onSuccess: invalidateQueries(queryFilter)
  report(ACTIONS, 32, STORE), // #16 addScene from the aliased hook useEditor
  report(ACTIONS, 33, CACHE), // #12 invalidateQueries({ queryKey })
  report(COPY_MENU, 8, STORE), // #20 the hook's forwarded onSuccess: addScene
  report(GALLERY, 26, STORE), // #21 fetch mutation (mutationFn calls fetch): onSuccess updateScene
  report(GALLERY, 27, CACHE), // #21 invalidateQueries(infiniteQueryFilter)
  report(GALLERY, 38, CACHE), // #22 ref-held mutation: after await deleteRef.current.mutateAsync, the infinite query's renamed refetch
  report(GALLERY, 44, MISSING), // #23 listed in a useCallback dependency array, never syncs
  report(TITLE, 21, OPTIMISTIC), // #17 onMutate: cancel, snapshot, then getProjectScenes.setData
  report(TITLE, 27, OPTIMISTIC), // #17 onError: setData(..., context?.previous), the rollback
  report(TITLE, 30, CACHE), // #17 onSettled: invalidate (a hand sync like #15)
  // Lines 35-37: the twin's onMutate only cancels: not reported.
  report(TITLE, 38, CACHE), // twin of #17: onSuccess invalidate (a hand sync like #15)
  report(TRIM, 17, STORE), // #24 onSuccess updateScene, no tRPC utils in scope (object style adds them)
  report(TIMELINE, 37, STORE), // #11 useVideoState.setState in onSuccess
  report(TIMELINE, 54, STORE), // #2 per-call onSuccess: destructured deleteScene
  report(REORDER, 11, STORE), // #10 const store = getState(); store.replace(...)
  report(REORDER, 18, CACHE), // #8 router-wide utils.generation.invalidate()
];

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

function lint(dir: string): string[] {
  const run = runNode(eslintBin, ['src', '--format', 'json'], dir);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.status);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: LintMessage[] }[];
  const reports: string[] = [];
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) reports.push(report(file, message.line, message.ruleId ?? `fatal: ${message.message}`));
  }
  return reports.sort(byFileAndLine);
}

/**
 * What `configs.strict` adds, through the ESLint Node API (the app's own eslint.config.mjs uses
 * `recommended`): the reports of the two strict-only rules that judge design rather than syncs.
 * Their correct twins stay silent: the non-scene `chat:note` event (ActivityLog.tsx 19, 22, 28) and
 * the guarded update `saveSceneCode` (scenes-repository.ts 24-28).
 */
const STRICT_ONLY_RULES = [BUS, GUARD];
const STRICT_ONLY = [
  report(ACTIVITY, 18, BUS), // #18 eventBus.on('scene:updated', ...) on the mitt bus
  report(ACTIVITY, 21, BUS), // #18 eventBus.off('scene:updated', ...)
  report(TITLE, 29, BUS), // #18 onSuccess: eventBus.emit('scene:updated', saved)
  report(REPOSITORY, 18, GUARD), // #19 renameScene: .set({ name, updatedAt }) does not bump the revision
  report(REPOSITORY, 19, GUARD), // #19 renameScene: .where(eq(scenes.id, id)) does not guard on it
];

type ScenePlugin = { configs: Record<'recommended' | 'strict', Linter.Config> };

/** Lints `src` of a copy with the built plugin's `configs.strict` and @typescript-eslint/parser. */
async function lintStrict(dir: string): Promise<string[]> {
  const plugin = createRequire(path.join(repoRoot, 'package.json'))('./dist/index.js') as ScenePlugin;
  const configFile = path.join(dir, 'scene-sync.config.json');
  const sceneSync: unknown = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...plugin.configs.strict,
        files: ['src/**/*.{ts,tsx}'],
        languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        settings: { sceneSync },
      },
    ],
  });
  const reports: string[] = [];
  for (const result of await eslint.lintFiles(['src'])) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) reports.push(report(file, message.line, message.ruleId ?? `fatal: ${message.message}`));
  }
  return reports.sort(byFileAndLine);
}

const ruleOf = (entry: string) => entry.slice(entry.lastIndexOf(' ') + 1);

function byFileAndLine(a: string, b: string): number {
  const [fileA, lineA] = a.split(/[: ]/);
  const [fileB, lineB] = b.split(/[: ]/);
  return fileA!.localeCompare(fileB!) || Number(lineA) - Number(lineB) || a.localeCompare(b);
}

function scene(dir: string, args: string[]) {
  return runNode(cliPath, args, dir);
}

function typecheck(dir: string) {
  return runNode(tscBin, ['--noEmit', '-p', '.'], dir);
}

interface AuditReport {
  version: number;
  summary: Record<string, number>;
  mutations: { verdict: string; file: string; line: number; procedure: string }[];
  events: { event: string; file: string; line: number; store: { name: string; line: number }[]; cache: { name: string; line: number }[] }[];
  repeatedRuns: { steps: string[]; places: { file: string; line: number }[] }[];
}

/** `scene-sync audit src --format json` on a copy, and the closing line of the text report. */
function audit(dir: string): { json: AuditReport; rows: string[]; summary: string } {
  const run = scene(dir, ['audit', 'src', '--format', 'json']);
  expect(run).toMatchObject({ status: 0, stderr: '' });
  const json = JSON.parse(run.stdout) as AuditReport;
  const text = scene(dir, ['audit', 'src']);
  expect(text).toMatchObject({ status: 0, stderr: '' });
  return { json, rows: json.mutations.map((row) => `${row.verdict} ${row.file}:${row.line} ${row.procedure}`), summary: text.stdout.trimEnd().split('\n').at(-1)! };
}

interface MigrateReport {
  files: { scanned: number; changed: number; unchanged: number; failed: number };
  rewrites: { file: string; line: number; kind: string; helper: string }[];
  reviews: { file: string; line: number; reason: string }[];
  changedFiles: string[];
}

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scene-sync-e2e-reports-'));
function readReport(name: string): MigrateReport {
  return JSON.parse(fs.readFileSync(path.join(reportDir, name), 'utf8')) as MigrateReport;
}

/** Every file the codemod did not change is byte for byte the example's. */
function expectUntouchedExcept(dir: string, changed: string[]): void {
  const walk = (relative: string): string[] =>
    fs.readdirSync(path.join(exampleDir, relative), { withFileTypes: true }).flatMap((entry) => {
      const child = `${relative}/${entry.name}`;
      return entry.isDirectory() ? walk(child) : [child];
    });
  for (const file of walk('src')) {
    if (changed.includes(file)) continue;
    expect(fs.readFileSync(path.join(dir, file)).equals(fs.readFileSync(path.join(exampleDir, file))), file).toBe(true);
  }
  // The CRLF file keeps its line endings, changed or not.
  expect(fs.readFileSync(path.join(dir, TIMELINE), 'utf8')).not.toMatch(/[^\r]\n/);
}

const REVIEW = {
  write: 'a direct write into useVideoState state is data the helper would not carry; move it into the store or the server',
  setState: 'useVideoState.setState(...) writes state that the helper would not carry; review it by hand',
  replace: 'replace(...) writes data that the helper would not carry',
  router: 'utils.generation.invalidate(...) refreshes more than the scene queries; the helper would narrow it',
  neverSyncs: 'the generation.updateScene mutation never syncs; call sceneSyncHelpers.syncSceneUpdated(...) in its success path',
  optimistic:
    'utils.generation.getProjectScenes.setData(...) in onMutate of generation.updateScene is an optimistic update; remove it and show a loading state, the helper syncs after success',
  rollback: 'utils.generation.getProjectScenes.setData(...) in onError of generation.updateScene rolls back an optimistic update; remove it with the update',
};

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) removeCopy(dir);
  fs.rmSync(reportDir, { recursive: true, force: true });
});

beforeAll(() => {
  // `npm test` builds first; a bare `vitest run test/e2e` on a fresh clone builds here.
  if (!fs.existsSync(cliPath) || !fs.existsSync(path.join(repoRoot, 'dist', 'index.js'))) {
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  ensureExampleDependencies();
}, 600_000);

describe('example app, positional helpers (default settings)', { timeout: STEP_TIMEOUT }, () => {
  let dir: string;
  beforeAll(() => {
    dir = makeExampleCopy();
    copies.push(dir);
  });

  it('(a) lint reports exactly the hand-written syncs of the README, nothing it says to leave alone', () => {
    expect(lint(dir)).toEqual(BEFORE);
    // #20: the report at the call names the function and where, in another module, it syncs by hand.
    const run = runNode(eslintBin, [DUPLICATE, '--format', 'json'], dir);
    const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
    expect(result!.messages.map(({ line, message }) => `${line}: ${message}`)).toEqual([
      `7: syncDuplicatedScene(...) syncs by hand (addScene at ${SYNC_AFTER}:6): call sceneSyncHelpers.syncSceneCreated(...) instead.`,
    ]);
  });

  it('(a2) lint with configs.strict: the event bus and the unguarded scene update, not their twins', async () => {
    const strict = await lintStrict(dir);
    expect(strict.filter((entry) => STRICT_ONLY_RULES.includes(ruleOf(entry)))).toEqual(STRICT_ONLY);
    // No report of any rule on the twins: the chat:note event and the guarded update.
    const silent = (file: string, lines: number[]) => strict.filter((entry) => lines.some((line) => entry.startsWith(`${file}:${line} `)));
    expect(silent(ACTIVITY, [19, 22, 28])).toEqual([]);
    expect(silent(REPOSITORY, [24, 25, 26, 27, 28])).toEqual([]);
    // The optimistic update is reported as in recommended, once per write.
    expect(strict.filter((entry) => ruleOf(entry) === OPTIMISTIC)).toEqual(BEFORE.filter((entry) => ruleOf(entry) === OPTIMISTIC));
  });

  it('(a3) audit lists every scene mutation by risk, agreeing with lint, and writes nothing', () => {
    const { json, rows, summary } = audit(dir);
    expect(rows).toEqual([
      `never ${CHAT}:26 generation.updateScene`, // #13: onSuccess only sets a status
      `never ${GALLERY}:44 generation.updateScene`, // #23: in a dependency array, never syncs
      `partly ${CHAT}:25 generation.restoreScene`, // #4: the store only
      `partly ${CODE}:26 generation.updateScene`, // #15: the cache only
      `partly ${DUPLICATE}:7 generation.createScene`, // #20: the store only, through syncDuplicatedScene in lib/
      `partly ${PREVIEW}:21 generation.updateScene`, // #9: a direct write, no cache
      `partly ${ACTIONS}:18 generation.deleteScene`, // #12: invalidateQueries only
      `partly ${COPY_MENU}:8 generation.createScene`, // #20: addScene in the forwarded onSuccess
      `partly ${GALLERY}:32 generation.deleteScene`, // #22: the ref-held mutation refetches the infinite query only
      `partly ${TITLE}:34 generation.updateScene`, // twin of #17: invalidate only
      `partly ${TRIM}:15 generation.updateScene`, // #24: the store only
      `partly ${TIMELINE}:33 generation.deleteScene`, // #2: deleteScene only
      `partly ${TIMELINE}:34 generation.updateScene`, // #11: setState only
      `optimistic ${TITLE}:17 generation.updateScene`, // #17
      `by-hand ${CHAT}:24 generation.createScene`, // #3
      `by-hand ${CODE}:19 generation.updateScene`, // #1
      `by-hand ${CODE}:25 generation.updateScene`, // #6
      `by-hand ${PREVIEW}:20 generation.updateScene`, // #14 + #7
      `by-hand ${OVERVIEW}:10 generation.deleteScene`, // #24
      `by-hand ${ACTIONS}:23 generation.createScene`, // #16 + #12
      `by-hand ${REORDER}:8 generation.reorderScenes`, // #10 + #8
      `handed-off ${PREVIEW}:27 generation.updateScene`, // props.onSaved()
      `handed-off src/hooks/useDuplicateScene.ts:10 generation.createScene`, // #20: the hook returns it
    ]);
    // The fetch mutation (#21) runs no procedure: no scene mutation to audit, its syncs are linted.
    expect(summary).toBe('23 scene mutations: 2 never synced, 11 partly, 1 optimistic, 7 by hand, 2 handed off');
    // The same analysis as the rules: "never" is what require-sync-after-mutation reports, and the
    // hand-written syncs are the store and cache reports.
    expect(json.mutations.filter((row) => row.verdict === 'never').map((row) => report(row.file, row.line, MISSING))).toEqual(BEFORE.filter((entry) => ruleOf(entry) === MISSING));
    expect(json.summary.handWrittenSyncs).toBe(BEFORE.filter((entry) => [STORE, CACHE].includes(ruleOf(entry))).length);
    // #10 + #8: a router-wide invalidation says so.
    expect(json.mutations.find((row) => row.file === REORDER)).toMatchObject({ store: [{ name: 'replace', line: 11 }], cache: [{ name: 'router-wide generation.invalidate', line: 18 }] });
    // #5, the one server event: no mutation row, its syncs listed apart.
    expect(json.events).toMatchObject([
      { event: 'onSceneCreated', file: CHAT, line: 35, store: [{ name: 'addScene', line: 36 }], cache: [{ name: 'generation.getProjectScenes.invalidate', line: 37 }] },
    ]);
    // The copies of the sync logic the design review found by hand, whichever cache API each uses.
    // The fetch mutation's onSuccess (#21) is a fourth copy of the update run.
    expect(json.repeatedRuns).toEqual([
      {
        steps: ['updateScene', 'refresh generation.getProjectScenes'],
        places: [
          { file: CODE, line: 21 },
          { file: CODE, line: 31 },
          { file: PREVIEW, line: 31 },
          { file: GALLERY, line: 26 },
        ],
      },
      {
        steps: ['addScene', 'refresh generation.getProjectScenes'],
        places: [
          { file: CHAT, line: 36 },
          { file: CHAT, line: 51 },
          { file: ACTIONS, line: 32 },
        ],
      },
    ]);
    expectUntouchedExcept(dir, []);
  });

  it('(b) init writes the helper module; migrate rewrites every safe run and lists the rest', () => {
    const init = scene(dir, ['init']);
    expect(init).toMatchObject({ status: 0, stderr: '' });
    expect(init.stdout).toBe(
      'scene-sync init: no "client" setting; the code uses { "module": "~/trpc/react", "name": "api" } (7 calls), so the helper is typed against it.\n' +
        'scene-sync init: wrote src/lib/sync/scene-sync.ts (positional style).\n' +
        'scene-sync init: saved it as "client" in scene-sync.config.json.\n' +
        "Add one line to the app's root component: useSceneSyncRegistration(); (imported from '~/lib/sync/scene-sync').\n",
    );
    const helper = fs.readFileSync(path.join(dir, 'src/lib/sync/scene-sync.ts'), 'utf8');
    expect(helper).toContain('export function registerSceneSyncUtils(');
    expect(helper).toContain('export const sceneSyncHelpers = {');
    // The codemod refuses a dirty tree: commit the helper first, as a team would.
    expect(scene(dir, ['migrate', 'src']).status).toBe(2);
    commitAll(dir, 'scene-sync init');

    const migrate = scene(dir, ['migrate', 'src', '--report', path.join(reportDir, 'positional.json')]);
    expect(migrate).toMatchObject({ status: 0, stderr: '' });
    expect(migrate.stdout).toBe(
      [
        'scene-sync migrate: 32 files scanned, 11 changed, 21 unchanged, 0 failed',
        'Helper calls written: 19 (created 5, restored 1, updated 5, changed 6, deleted 2)',
        'Left for review: 8',
        `  ${CHAT}:23: ${REVIEW.neverSyncs}`,
        `  ${PREVIEW}:23: ${REVIEW.write}`,
        `  ${GALLERY}:40: ${REVIEW.neverSyncs}`,
        `  ${TITLE}:22: ${REVIEW.optimistic}`,
        `  ${TITLE}:28: ${REVIEW.rollback}`,
        `  ${TIMELINE}:38: ${REVIEW.setState}`,
        `  ${REORDER}:11: ${REVIEW.replace}`,
        `  ${REORDER}:18: ${REVIEW.router}`,
        '',
      ].join('\n'),
    );
    const json = readReport('positional.json');
    expect(json.files).toEqual({ scanned: 32, changed: 11, unchanged: 21, failed: 0 });
    // #20: the sync function is rewritten in its own module: every call of it runs after a mutation.
    expect(json.changedFiles).toEqual([CHAT, CODE, PREVIEW, OVERVIEW, ACTIONS, COPY_MENU, GALLERY, TITLE, TRIM, TIMELINE, SYNC_AFTER]);
    // Lines are those of the written file, where each helper call now stands.
    expect(json.rewrites.map(({ file, line, helper }) => `${file}:${line} ${helper}`)).toEqual([
      `${CHAT}:33 sceneSyncHelpers.syncSceneCreated`,
      `${CHAT}:47 sceneSyncHelpers.syncSceneCreated`,
      `${CHAT}:59 sceneSyncHelpers.syncSceneRestored`,
      `${CODE}:19 sceneSyncHelpers.syncSceneUpdated`,
      `${CODE}:28 sceneSyncHelpers.syncSceneUpdated`,
      `${CODE}:32 sceneSyncHelpers.syncAllScenes`,
      `${CODE}:41 sceneSyncHelpers.syncAllScenes`,
      `${PREVIEW}:31 sceneSyncHelpers.syncSceneUpdated`,
      `${OVERVIEW}:10 sceneSyncHelpers.syncSceneDeleted`,
      `${ACTIONS}:19 sceneSyncHelpers.syncAllScenes`,
      `${ACTIONS}:31 sceneSyncHelpers.syncSceneCreated`,
      `${COPY_MENU}:7 sceneSyncHelpers.syncSceneCreated`,
      `${GALLERY}:23 sceneSyncHelpers.syncSceneUpdated`,
      `${GALLERY}:34 sceneSyncHelpers.syncAllScenes`,
      // #17 and its twin: the hand syncs after success are rewritten; the optimistic onMutate and
      // the rollback are not the codemod's business and stay as they are (see (d)).
      `${TITLE}:31 sceneSyncHelpers.syncAllScenes`,
      `${TITLE}:39 sceneSyncHelpers.syncAllScenes`,
      `${TRIM}:16 sceneSyncHelpers.syncSceneUpdated`,
      `${TIMELINE}:55 sceneSyncHelpers.syncSceneDeleted`,
      `${SYNC_AFTER}:6 sceneSyncHelpers.syncSceneCreated`,
    ]);
    expectUntouchedExcept(dir, [...json.changedFiles, 'src/lib/sync/scene-sync.ts']);

    const chat = fs.readFileSync(path.join(dir, CHAT), 'utf8');
    expect(chat).toContain('    await sceneSyncHelpers.syncSceneCreated(projectId, created);\n');
    expect(chat).toContain("import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n");
    expect(chat).not.toContain('useVideoState');
    const preview = fs.readFileSync(path.join(dir, PREVIEW), 'utf8');
    expect(preview).toContain('import { sceneSyncHelpers } from "~/lib/sync/scene-sync";\n');
    const syncAfter = fs.readFileSync(path.join(dir, SYNC_AFTER), 'utf8');
    expect(syncAfter).toContain('  void sceneSyncHelpers.syncSceneCreated(projectId, scene);\n');
    expect(syncAfter).not.toContain('useVideoState');
    // #24: the store write and the invalidation of the query keyed by id are one helper call.
    const overview = fs.readFileSync(path.join(dir, OVERVIEW), 'utf8');
    expect(overview).toContain('      void sceneSyncHelpers.syncSceneDeleted(projectId, removed.id);\n');
    expect(overview).not.toContain('useVideoState');
    expect(overview).not.toContain('getFullProject.invalidate');
    // The helper invalidates each query with its own key, typed against the client init inferred and saved.
    expect(helper).toContain('    utils.project.getFullProject.invalidate({ id: projectId }),\n');
    expect(helper).toContain('export type SceneSyncUtils = ReturnType<typeof api.useUtils>;');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'scene-sync.config.json'), 'utf8'))).toEqual({
      queries: ['generation.getProjectScenes', { path: 'project.getFullProject', key: 'id' }],
      client: { module: '~/trpc/react', name: 'api' },
    });
    expect(scene(dir, ['init'])).toEqual({ status: 0, stdout: 'scene-sync init: src/lib/sync/scene-sync.ts exists; left unchanged.\n', stderr: '', ms: expect.any(Number) });
  });

  it('(c) the migrated app type-checks with the helper module, and the helpers accept api.useUtils()', () => {
    // Positional helpers need the tRPC utils once at run time; prove the app can hand them over.
    const registration = path.join(dir, 'src/registerSceneSync.ts');
    fs.writeFileSync(
      registration,
      "import { registerSceneSyncUtils } from '~/lib/sync/scene-sync';\nimport { api } from '~/trpc/react';\n\n" +
        'export function useSceneSyncRegistration(): void {\n  registerSceneSyncUtils(api.useUtils());\n}\n',
    );
    try {
      const tsc = typecheck(dir);
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      fs.rmSync(registration);
    }
  });

  let afterMigration: string[] = [];
  it('(d) lint again: only the review sites remain (plus the mutation that never synced and the optimistic update)', () => {
    afterMigration = lint(dir);
    expect(afterMigration).toEqual([
      // #13: nothing to rewrite, so the codemod neither fixes nor lists it (see the final report).
      report(CHAT, 23, MISSING),
      report(PREVIEW, 23, STORE), // review: direct write
      report(GALLERY, 40, MISSING), // #23: the mutation in a dependency array that never synced
      // #17: the codemod leaves optimistic updates alone (one line lower: the helper import).
      report(TITLE, 22, OPTIMISTIC),
      report(TITLE, 28, OPTIMISTIC),
      report(TIMELINE, 38, STORE), // review: setState (one line lower: the helper import was added above)
      report(REORDER, 11, STORE), // review: replace
      report(REORDER, 18, CACHE), // review: router-wide invalidate
    ]);
  });

  it('(e) migrate again on the committed result: 0 changed, the same review sites', () => {
    commitAll(dir, 'scene-sync migrate');
    const again = scene(dir, ['migrate', 'src']);
    expect(again).toMatchObject({ status: 0, stderr: '' });
    expect(again.stdout).toBe(
      [
        'scene-sync migrate: 32 files scanned, 0 changed, 32 unchanged, 0 failed',
        'Helper calls written: 0',
        'Left for review: 8',
        `  ${CHAT}:23: ${REVIEW.neverSyncs}`,
        `  ${PREVIEW}:23: ${REVIEW.write}`,
        `  ${GALLERY}:40: ${REVIEW.neverSyncs}`,
        `  ${TITLE}:22: ${REVIEW.optimistic}`,
        `  ${TITLE}:28: ${REVIEW.rollback}`,
        `  ${TIMELINE}:38: ${REVIEW.setState}`,
        `  ${REORDER}:11: ${REVIEW.replace}`,
        `  ${REORDER}:18: ${REVIEW.router}`,
        '',
      ].join('\n'),
    );
    // On the migrated code the review list and the lint reports name the same places.
    const reviewed = again.stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim().split(': ')[0]);
    // The mutation that never syncs and the optimistic update (#17) are listed too: every remaining report is a listed place.
    const linted = afterMigration.map((entry) => entry.split(' ')[0]);
    expect(linted).toEqual(reviewed);
  });

  it('(e1) audit after the migration: the helper everywhere the codemod could, the review sites as they were', () => {
    const { rows, summary } = audit(dir);
    expect(rows).toEqual([
      `never ${CHAT}:23 generation.updateScene`,
      `never ${GALLERY}:40 generation.updateScene`,
      `partly ${PREVIEW}:21 generation.updateScene`, // review: direct write
      `partly ${TIMELINE}:35 generation.updateScene`, // review: setState
      `optimistic ${TITLE}:18 generation.updateScene`, // left alone; its onSettled now calls the helper
      `by-hand ${REORDER}:8 generation.reorderScenes`, // review: replace + router-wide invalidate
      `handed-off ${PREVIEW}:27 generation.updateScene`,
      `handed-off src/hooks/useDuplicateScene.ts:10 generation.createScene`,
      `helper ${CHAT}:21 generation.createScene`,
      `helper ${CHAT}:22 generation.restoreScene`,
      `helper ${CODE}:17 generation.updateScene`,
      `helper ${CODE}:22 generation.updateScene`,
      `helper ${CODE}:23 generation.updateScene`,
      `helper ${DUPLICATE}:7 generation.createScene`, // #20: syncDuplicatedScene now calls the helper
      `helper ${PREVIEW}:20 generation.updateScene`,
      `helper ${OVERVIEW}:8 generation.deleteScene`, // #24
      `helper ${ACTIONS}:17 generation.deleteScene`,
      `helper ${ACTIONS}:22 generation.createScene`,
      `helper ${COPY_MENU}:7 generation.createScene`,
      `helper ${GALLERY}:28 generation.deleteScene`,
      `helper ${TITLE}:35 generation.updateScene`,
      `helper ${TRIM}:14 generation.updateScene`,
      `helper ${TIMELINE}:34 generation.deleteScene`,
    ]);
    expect(summary).toBe('23 scene mutations: 2 never synced, 2 partly, 1 optimistic, 1 by hand, 2 handed off, 15 through the helper');
  });

  it('(e2) configs.strict on the migrated copy: the codemod left the event bus and the revision guard alone', async () => {
    // Same reports; the emit moved one line down under the helper import added to SceneTitleEditor.tsx.
    const strict = await lintStrict(dir);
    expect(strict.filter((entry) => STRICT_ONLY_RULES.includes(ruleOf(entry)))).toEqual(
      STRICT_ONLY.map((entry) => (entry === report(TITLE, 29, BUS) ? report(TITLE, 30, BUS) : entry)),
    );
  });
});

describe('example app, object-style helpers', { timeout: STEP_TIMEOUT }, () => {
  let dir: string;
  beforeAll(() => {
    dir = makeExampleCopy({ config: { helper: { style: 'object' } } });
    copies.push(dir);
  });

  it('(f) init + migrate in object style; the result type-checks, lints to the review sites, and is stable', () => {
    const init = scene(dir, ['init']);
    expect(init).toMatchObject({
      status: 0,
      stderr: '',
      stdout:
        'scene-sync init: no "client" setting; the code uses { "module": "~/trpc/react", "name": "api" } (7 calls), so the helper is typed against it.\n' +
        'scene-sync init: wrote src/lib/sync/scene-sync.ts (object style).\n' +
        'scene-sync init: saved it as "client" in scene-sync.config.json.\n',
    });
    expect(fs.readFileSync(path.join(dir, 'src/lib/sync/scene-sync.ts'), 'utf8')).not.toContain('registerSceneSyncUtils');
    commitAll(dir, 'scene-sync init');

    const migrate = scene(dir, ['migrate', 'src', '--report', path.join(reportDir, 'object.json')]);
    expect(migrate).toMatchObject({ status: 0, stderr: '' });
    expect(migrate.stdout).toBe(
      [
        'scene-sync migrate: 32 files scanned, 10 changed, 22 unchanged, 0 failed',
        'Helper calls written: 18 (created 4, restored 1, updated 5, changed 6, deleted 2)',
        'Left for review: 9',
        `  ${CHAT}:24: ${REVIEW.neverSyncs}`,
        `  ${PREVIEW}:24: ${REVIEW.write}`,
        `  ${GALLERY}:42: ${REVIEW.neverSyncs}`,
        `  ${TITLE}:22: ${REVIEW.optimistic}`,
        `  ${TITLE}:28: ${REVIEW.rollback}`,
        `  ${TIMELINE}:39: ${REVIEW.setState}`,
        `  ${REORDER}:11: ${REVIEW.replace}`,
        `  ${REORDER}:18: ${REVIEW.router}`,
        `  ${SYNC_AFTER}:6: no tRPC utils (useUtils()) in scope, and ${NOT_A_HOOK}`,
        '',
      ].join('\n'),
    );
    const json = readReport('object.json');
    // init saved the client it inferred, so migrate adds `const utils = api.useUtils()` to every component
    // that syncs without one in scope (#24 among them); only the plain function in lib/ is left for want of it.
    expect(json.changedFiles).toEqual([CHAT, CODE, PREVIEW, OVERVIEW, ACTIONS, COPY_MENU, GALLERY, TITLE, TRIM, TIMELINE]);
    expect(json.rewrites.map(({ file, line, helper }) => `${file}:${line} ${helper}`)).toEqual([
      `${CHAT}:34 sceneSyncHelpers.syncSceneCreated`,
      `${CHAT}:48 sceneSyncHelpers.syncSceneCreated`,
      `${CHAT}:60 sceneSyncHelpers.syncSceneRestored`,
      `${CODE}:20 sceneSyncHelpers.syncSceneUpdated`,
      `${CODE}:29 sceneSyncHelpers.syncSceneUpdated`,
      `${CODE}:33 sceneSyncHelpers.syncAllScenes`,
      `${CODE}:42 sceneSyncHelpers.syncAllScenes`,
      `${PREVIEW}:32 sceneSyncHelpers.syncSceneUpdated`,
      `${OVERVIEW}:11 sceneSyncHelpers.syncSceneDeleted`,
      `${ACTIONS}:21 sceneSyncHelpers.syncAllScenes`,
      `${ACTIONS}:33 sceneSyncHelpers.syncSceneCreated`,
      `${COPY_MENU}:9 sceneSyncHelpers.syncSceneCreated`,
      `${GALLERY}:25 sceneSyncHelpers.syncSceneUpdated`,
      `${GALLERY}:36 sceneSyncHelpers.syncAllScenes`,
      `${TITLE}:31 sceneSyncHelpers.syncAllScenes`,
      `${TITLE}:39 sceneSyncHelpers.syncAllScenes`,
      `${TRIM}:17 sceneSyncHelpers.syncSceneUpdated`,
      `${TIMELINE}:56 sceneSyncHelpers.syncSceneDeleted`,
    ]);
    expectUntouchedExcept(dir, [...json.changedFiles, 'src/lib/sync/scene-sync.ts']);
    const trim = fs.readFileSync(path.join(dir, TRIM), 'utf8');
    expect(trim).toContain(
      'export function SceneTrimButton({ projectId, scene }: { projectId: string; scene: Scene }) {\n  const utils = api.useUtils();\n  const count = useCachedSceneCount(projectId);\n',
    );
    expect(trim).toContain("void sceneSyncHelpers.syncSceneUpdated({ projectId, utils, sceneId: trimmed.id, scene: trimmed, source: 'SceneTrimButton.onSuccess' });");
    const chat = fs.readFileSync(path.join(dir, CHAT), 'utf8');
    expect(chat).toContain("    await sceneSyncHelpers.syncSceneCreated({ projectId, utils, scene: created, source: 'ChatPanel.handleGenerate' });\n");
    const overview = fs.readFileSync(path.join(dir, OVERVIEW), 'utf8');
    expect(overview).toContain("      void sceneSyncHelpers.syncSceneDeleted({ projectId, utils, sceneId: removed.id, source: 'ProjectOverview.onSuccess' });\n");

    const tsc = typecheck(dir);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // The rules read the same scene-sync.config.json (eslint.config.mjs shares it).
    expect(lint(dir)).toEqual([
      report(CHAT, 24, MISSING), // #13, as in positional style
      report(DUPLICATE, 7, STORE), // the sync function in lib/ is a plain function: no hook can be added there
      report(PREVIEW, 24, STORE),
      report(GALLERY, 42, MISSING),
      report(TITLE, 22, OPTIMISTIC), // #17, left alone as in positional style
      report(TITLE, 28, OPTIMISTIC),
      report(TIMELINE, 39, STORE),
      report(REORDER, 11, STORE),
      report(REORDER, 18, CACHE),
    ]);

    commitAll(dir, 'scene-sync migrate');
    const again = scene(dir, ['migrate', 'src']);
    expect(again).toMatchObject({ status: 0, stderr: '' });
    expect(again.stdout.split('\n').slice(0, 3)).toEqual([
      'scene-sync migrate: 32 files scanned, 0 changed, 32 unchanged, 0 failed',
      'Helper calls written: 0',
      'Left for review: 9',
    ]);
  });
});

/**
 * Two scene queries with different input keys, one of them not the project's name (`{ id }`), and
 * a helper typed against the app's own client: after init + migrate the app compiles with zero errors.
 */
const KEYED_QUERIES = ['generation.getProjectScenes', { path: 'project.getFullProject', key: 'id' }];
const NOT_A_HOOK = 'syncDuplicatedScene is neither a React component nor a hook, so no hook can be added for the sync in it';
/**
 * Name, settings, the helper's invalidation of the `{ id }` query, and the sites left for want of a
 * cache handle: with the client configured, object style adds the handles to every component and
 * hook that lacks them, and only the plain function in lib/ is left.
 */
const VARIANTS: [string, Record<string, unknown>, string, string[]][] = [
  ['positional, classic client', { client: { module: '~/trpc/react', name: 'api' } }, 'utils.project.getFullProject.invalidate({ id: projectId }),', []],
  [
    'object, classic client',
    { helper: { style: 'object' }, client: { module: '~/trpc/react', name: 'api' } },
    'utils.project.getFullProject.invalidate({ id: projectId }),',
    [`  ${SYNC_AFTER}:6: no tRPC utils (useUtils()) in scope, and ${NOT_A_HOOK}`],
  ],
  [
    'object, TanStack-native client',
    { helper: { style: 'object' }, client: { module: '~/trpc/tanstack', hook: 'useTRPC' } },
    'utils.queryClient.invalidateQueries(utils.trpc.project.getFullProject.queryFilter({ id: projectId })),',
    [`  ${SYNC_AFTER}:6: no trpc (useTRPC()) and no queryClient (useQueryClient()) in scope, and ${NOT_A_HOOK}`],
  ],
  [
    'positional, TanStack-native client',
    { client: { module: '~/trpc/tanstack', hook: 'useTRPC' } },
    'utils.queryClient.invalidateQueries(utils.trpc.project.getFullProject.queryFilter({ id: projectId })),',
    [],
  ],
];

describe.each(VARIANTS)('example app, per-query keys (%s)', (_name, config, invalidation, handleReviews) => {
  it('init + migrate: the helper invalidates each query with its own key and the app type-checks with zero errors', { timeout: STEP_TIMEOUT }, () => {
    const dir = makeExampleCopy({ config: { queries: KEYED_QUERIES, ...config } });
    copies.push(dir);
    const init = scene(dir, ['init']);
    expect(init).toMatchObject({ status: 0, stderr: '' });
    const helper = fs.readFileSync(path.join(dir, 'src/lib/sync/scene-sync.ts'), 'utf8');
    expect(helper).toContain(invalidation);
    expect(helper).not.toContain('getFullProject.invalidate({ projectId');
    commitAll(dir, 'scene-sync init');
    const migrate = scene(dir, ['migrate', 'src']);
    expect(migrate).toMatchObject({ status: 0, stderr: '' });
    expect(migrate.stdout).toMatch(/^scene-sync migrate: 32 files scanned, [1-9]\d* changed/);
    expect(migrate.stdout.split('\n').filter((line) => line.includes(' in scope'))).toEqual(handleReviews);
    const tsc = typecheck(dir);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
