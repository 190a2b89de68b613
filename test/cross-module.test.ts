import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { span } from './helpers/cases';
import { lintTree, TSCONFIG, writeTree, type TreeReport } from './helpers/tree';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { mightHoldSites } from '../src/analysis';
import type { VisitorKeys } from '../src/analysis/ast';
import { importLookupFor } from '../src/analysis/modules/summary';
import { parseOptions } from '../src/analysis/parse-options';
import { getConventions } from '../src/conventions';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

const PANEL = 'src/components/Panel.tsx';

async function lint(files: Record<string, string>, settings: Record<string, unknown> = {}, typed = false): Promise<TreeReport[]> {
  const root = writeTree({ 'tsconfig.json': TSCONFIG, ...files });
  roots.push(root);
  return lintTree(root, ['src'], settings, typed);
}

const STORE = "import { useVideoState } from '~/stores/videoState';\n";
const API = "import { api } from '~/trpc/react';\n";
const HELPER = "import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n";
const OPTIONS_TYPE = 'type Options = { onSuccess?: (scene: { id: string }) => void; onSettled?: () => void };\n';

/** A report of `rule` at the `occurrence`-th `text` of `code` (the panel unless `file` says otherwise). */
function report(rule: string, code: string, text: string, message: string, occurrence = 1, file = PANEL): TreeReport {
  const { line, column } = span(code, text, occurrence);
  return { file, ruleId: `scene-sync/${rule}`, line, column, message };
}
const store = (code: string, text: string, found: string, helper = 'sceneSyncHelpers.syncSceneUpdated', occurrence = 1) =>
  report('no-direct-store-update', code, text, `Call ${helper}(...) instead of ${found}(...).`, occurrence);
const cache = (code: string, text: string, occurrence = 1) =>
  report('no-manual-invalidate', code, text, 'Call sceneSyncHelpers.syncAllScenes(...) instead of utils.generation.getProjectScenes.invalidate(...).', occurrence);
const missing = (code: string, text: string, mutation: string, helper = 'sceneSyncHelpers.syncSceneUpdated', occurrence = 1) =>
  report(
    'require-sync-after-mutation',
    code,
    text,
    `The ${mutation} mutation changes scenes but its success path never syncs the client: call ${helper}(...) after it succeeds.`,
    occurrence,
  );
const callee = (rule: string, code: string, text: string, name: string, found: string, where: string, helper: string, occurrence = 1) =>
  report(rule, code, text, `${name}(...) syncs by hand (${found} at ${where}): call ${helper}(...) instead.`, occurrence);

describe('mutation hooks in another module', () => {
  it('makes the callbacks a hook forwards success regions: ...options, options.onSuccess, options?.onSuccess?.()', async () => {
    const panel = `${STORE}${API}import { useDeleteScene, useRenameScene, useUpdateScene } from '~/hooks/scenes';
export function Panel({ projectId }: { projectId: string }) {
  const { updateScene, deleteScene } = useVideoState();
  const utils = api.useUtils();
  const rename = useRenameScene({ onSuccess: (scene) => updateScene(projectId, scene.id, scene) });
  const remove = useDeleteScene({ onSuccess: (scene) => deleteScene(projectId, scene.id) });
  const update = useUpdateScene({
    onSuccess: (scene) => updateScene(projectId, scene.id, scene),
    onSettled: () => utils.generation.getProjectScenes.invalidate({ projectId }),
  });
  return <button onClick={() => { rename.mutate({}); remove.mutate({}); update.mutate({}); }} />;
}
`;
    const reports = await lint({
      'src/hooks/scenes.ts': `${API}${OPTIONS_TYPE}
export function useRenameScene(options?: Options) {
  return api.generation.renameScene.useMutation({ ...options });
}
export const useDeleteScene = (options: Options) => api.generation.deleteScene.useMutation({ onSuccess: options.onSuccess });
export function useUpdateScene(options?: Options) {
  const mutation = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      options?.onSuccess?.(scene);
    },
  });
  return mutation;
}
`,
      [PANEL]: panel,
    });
    // The update hook forwards onSuccess only: the caller's onSettled never runs.
    expect(reports).toEqual([
      store(panel, 'updateScene(projectId', 'updateScene'),
      store(panel, 'deleteScene(projectId', 'deleteScene', 'sceneSyncHelpers.syncSceneDeleted'),
      store(panel, 'updateScene(projectId', 'updateScene', undefined, 2),
    ]);
  });

  it('finds the callers of a hook whose text names neither the procedure nor the store (custom conventions)', async () => {
    const panel = `import { useRenameDoc } from '~/hooks/useRenameDoc';
export function Panel() {
  const rename = useRenameDoc();
  return <button onClick={() => rename.mutate({})} />;
}
`;
    const settings = { store: { hooks: ['useEditorStore'], actions: { upsertDoc: 'updated' } }, queries: ['docs.list'], mutations: ['docs.*'] };
    const reports = await lint({ 'src/hooks/useRenameDoc.ts': `${API}export const useRenameDoc = () => api.docs.rename.useMutation();\n`, [PANEL]: panel }, settings);
    expect(reports).toEqual([
      report('require-sync-after-mutation', panel, 'useRenameDoc()', 'The docs.rename mutation changes scenes but its success path never syncs the client: call sceneSyncHelpers.syncSceneUpdated(...) after it succeeds.'),
    ]);
  });

  it('understands the TanStack form useMutation(trpc.x.y.mutationOptions({...options}))', async () => {
    const panel = `${STORE}import { useAddScene } from '~/hooks/useAddScene';
export function Panel({ projectId }: { projectId: string }) {
  const addScene = useVideoState((s) => s.addScene);
  const add = useAddScene({ onSuccess: (scene) => addScene(projectId, scene) });
  return <button onClick={() => add.mutate({})} />;
}
`;
    const reports = await lint({
      'src/hooks/useAddScene.ts': `import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';
${OPTIONS_TYPE}
export const useAddScene = (options: Options) => {
  const trpc = useTRPC();
  return useMutation(trpc.generation.addScene.mutationOptions({ ...options }));
};
`,
      [PANEL]: panel,
    });
    expect(reports).toEqual([store(panel, 'addScene(projectId', 'addScene', 'sceneSyncHelpers.syncSceneCreated')]);
  });

  it('leaves the callbacks of a hook that drops them outside any success region, and reports the caller that never syncs', async () => {
    const panel = `${STORE}import { useRenameScene } from '~/hooks/useRenameScene';
export function Panel({ projectId }: { projectId: string }) {
  const updateScene = useVideoState((s) => s.updateScene);
  const rename = useRenameScene({ onSuccess: (scene) => updateScene(projectId, scene.id, scene) });
  return <button onClick={() => rename.mutate({})} />;
}
`;
    const reports = await lint({
      'src/hooks/useRenameScene.ts': `${API}${OPTIONS_TYPE}
export function useRenameScene(_options?: Options) {
  return api.generation.renameScene.useMutation({ onSuccess: () => console.log('renamed') });
}
`,
      [PANEL]: panel,
    });
    expect(reports).toEqual([missing(panel, 'useRenameScene({', 'generation.renameScene')]);
  });

  it('reports a caller that hands the hook callbacks without calling mutate or naming the store', async () => {
    const panel = `import { useRenameScene } from '~/hooks/useRenameScene';
export function Panel() {
  useRenameScene({ onSuccess: () => console.log('renamed') });
  return null;
}
`;
    const reports = await lint({
      'src/hooks/useRenameScene.ts': `${API}${OPTIONS_TYPE}
export function useRenameScene(options?: Options) {
  return api.generation.renameScene.useMutation({ ...options });
}
`,
      [PANEL]: panel,
    });
    expect(reports).toEqual([missing(panel, 'useRenameScene({', 'generation.renameScene')]);
  });

  it('counts a hook that syncs through the helper as the sync of every caller', async () => {
    const panel = `import { useRenameScene } from '~/hooks/useRenameScene';
export function Panel({ projectId }: { projectId: string }) {
  const rename = useRenameScene(projectId);
  const renameAndLog = useRenameScene(projectId, { onSuccess: (scene) => console.log(scene.id) });
  return <button onClick={() => { rename.mutate({}); renameAndLog.mutate({}); }} />;
}
`;
    const hook = (sync: string) => `${API}${HELPER}${OPTIONS_TYPE}
export function useRenameScene(projectId: string, options?: Options) {
  return api.generation.renameScene.useMutation({
    ...options,
    onSuccess: (scene) => {
      ${sync}
      options?.onSuccess?.(scene);
    },
  });
}
`;
    expect(await lint({ 'src/hooks/useRenameScene.ts': hook('void sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene);'), [PANEL]: panel })).toEqual([]);
    // The same hook without its sync: both callers' success paths are the hook's and their own, and neither syncs.
    expect(await lint({ 'src/hooks/useRenameScene.ts': hook('console.log(projectId);'), [PANEL]: panel })).toEqual([
      missing(panel, 'useRenameScene(projectId)', 'generation.renameScene'),
      missing(panel, 'useRenameScene(projectId, {', 'generation.renameScene'),
    ]);
  });

  it('makes per-call options, code after an awaited mutateAsync and .then success regions of the mutation of the hook', async () => {
    const panel = `${STORE}${API}import { useRenameScene } from '~/hooks/useRenameScene';
export function Panel({ projectId }: { projectId: string }) {
  const updateScene = useVideoState((s) => s.updateScene);
  const utils = api.useUtils();
  const { mutate, mutateAsync } = useRenameScene();
  const onRename = () =>
    mutate({}, { onSuccess: (scene) => updateScene(projectId, scene.id, scene), onSettled: () => utils.generation.getProjectScenes.invalidate({ projectId }) });
  const onSave = async () => {
    const scene = await mutateAsync({});
    updateScene(projectId, scene.id, scene);
  };
  const onThen = () => mutateAsync({}).then(() => utils.generation.getProjectScenes.invalidate({ projectId }));
  return <button onClick={() => { onRename(); void onSave(); void onThen(); }} />;
}
`;
    const reports = await lint({
      'src/hooks/useRenameScene.ts': `${API}
export function useRenameScene() {
  return api.generation.renameScene.useMutation();
}
`,
      [PANEL]: panel,
    });
    expect(reports).toEqual([
      store(panel, 'updateScene(projectId', 'updateScene'),
      cache(panel, 'utils.generation.getProjectScenes.invalidate'),
      store(panel, 'updateScene(projectId', 'updateScene', undefined, 2),
      cache(panel, 'utils.generation.getProjectScenes.invalidate', 2),
    ]);
  });
});

describe('sync functions in another module', () => {
  const syncModule = `${STORE}import { queryClient, trpc } from '~/trpc/client';
export function syncAfterRename(projectId: string, scene: { id: string }) {
  log(scene.id);
  useVideoState.getState().updateScene(projectId, scene.id, scene);
}
function log(id: string) {
  console.log(id);
}
export async function refreshScenes(projectId: string) {
  await queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey({ projectId }) });
}
`;
  const relayModule = `import { syncAfterRename } from './sync';
export const afterSave = (projectId: string, scene: { id: string }) => {
  syncAfterRename(projectId, scene);
};
`;
  const panel = `${API}import { afterSave } from '~/lib/relay';
import { refreshScenes, syncAfterRename } from '~/lib/sync';
export function Panel({ projectId }: { projectId: string }) {
  const rename = api.generation.renameScene.useMutation({ onSuccess: (scene) => syncAfterRename(projectId, scene) });
  const save = api.generation.updateScene.useMutation({ onSuccess: (scene) => afterSave(projectId, scene) });
  const remove = api.generation.deleteScene.useMutation({ onSuccess: () => refreshScenes(projectId) });
  return <button onClick={() => { rename.mutate({}); save.mutate({}); remove.mutate({}); }} />;
}
`;

  it('reports the call of an imported function that syncs by hand, naming it and where it syncs; require-sync counts it', async () => {
    const reports = await lint({ 'src/lib/sync.ts': syncModule, 'src/lib/relay.ts': relayModule, [PANEL]: panel });
    expect(reports).toEqual([
      callee('no-direct-store-update', panel, 'syncAfterRename(projectId, scene)', 'syncAfterRename', 'updateScene', 'src/lib/sync.ts:5', 'sceneSyncHelpers.syncSceneUpdated'),
      callee('no-direct-store-update', panel, 'afterSave(projectId, scene)', 'afterSave', 'updateScene', 'src/lib/sync.ts:5', 'sceneSyncHelpers.syncSceneUpdated'),
      callee(
        'no-manual-invalidate',
        panel,
        'refreshScenes(projectId)',
        'refreshScenes',
        'queryClient.invalidateQueries',
        'src/lib/sync.ts:11',
        'sceneSyncHelpers.syncSceneDeleted',
      ),
    ]);
  });

  it('resolves and reads modules through the program with typed linting', async () => {
    const reports = await lint({ 'src/lib/sync.ts': syncModule, 'src/lib/relay.ts': relayModule, [PANEL]: panel }, {}, true);
    expect(reports.map((entry) => entry.message)).toEqual([
      'syncAfterRename(...) syncs by hand (updateScene at src/lib/sync.ts:5): call sceneSyncHelpers.syncSceneUpdated(...) instead.',
      'afterSave(...) syncs by hand (updateScene at src/lib/sync.ts:5): call sceneSyncHelpers.syncSceneUpdated(...) instead.',
      'refreshScenes(...) syncs by hand (queryClient.invalidateQueries at src/lib/sync.ts:11): call sceneSyncHelpers.syncSceneDeleted(...) instead.',
    ]);
  });

  it('reads a module again when it changed: nothing stale is kept between runs in one process', async () => {
    const root = writeTree({ 'tsconfig.json': TSCONFIG, 'src/lib/sync.ts': syncModule, 'src/lib/relay.ts': relayModule, [PANEL]: panel });
    roots.push(root);
    expect(await lintTree(root, ['src'])).toHaveLength(3);
    fs.writeFileSync(path.join(root, 'src/lib/sync.ts'), `${HELPER}${syncModule.replace('useVideoState.getState().updateScene(projectId, scene.id, scene);', 'void sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene);')}`);
    expect(await lintTree(root, ['src'])).toEqual([
      callee('no-manual-invalidate', panel, 'refreshScenes(projectId)', 'refreshScenes', 'queryClient.invalidateQueries', 'src/lib/sync.ts:12', 'sceneSyncHelpers.syncSceneDeleted'),
    ]);
  });

  it('gives the same reports with ESLint worker threads (--concurrency), each with its own summaries', async () => {
    const dist = path.resolve(__dirname, '..', 'dist', 'index.js');
    const root = writeTree({ 'tsconfig.json': TSCONFIG, 'src/lib/sync.ts': syncModule, 'src/lib/relay.ts': relayModule, [PANEL]: panel, 'src/components/Other.tsx': panel });
    roots.push(root);
    fs.writeFileSync(
      path.join(root, 'eslint.config.mjs'),
      `import parser from '@typescript-eslint/parser';\nimport plugin from ${JSON.stringify(dist)};\n` +
        "export default [{ files: ['**/*.tsx', '**/*.ts'], languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } }, ...plugin.configs.recommended }];\n",
    );
    fs.symlinkSync(path.resolve(__dirname, '..', 'node_modules'), path.join(root, 'node_modules'));
    const run = async (concurrency: number | 'off') => {
      const eslint = new ESLint({ cwd: root, concurrency });
      return (await eslint.lintFiles(['src'])).map((result) => [path.relative(root, result.filePath), result.messages.map((message) => `${message.line}:${message.column} ${message.message}`)]);
    };
    const single = await run('off');
    expect(single.flatMap(([, messages]) => messages)).toHaveLength(6);
    expect(await run(2)).toEqual(single);
  });

  it('follows nothing with crossModule: false', async () => {
    const reports = await lint({ 'src/lib/sync.ts': syncModule, 'src/lib/relay.ts': relayModule, [PANEL]: panel }, { crossModule: false });
    expect(reports).toEqual([
      missing(panel, 'useMutation', 'generation.renameScene'),
      missing(panel, 'useMutation', 'generation.updateScene', undefined, 2),
      missing(panel, 'useMutation', 'generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', 3),
    ]);
  });

  it('counts an imported function that syncs nothing as nothing, and a callback received from outside as a hand-off', async () => {
    const panel = `${API}import { logRename } from '~/lib/log';
export function Panel({ onRenamed }: { onRenamed: () => void }) {
  const rename = api.generation.renameScene.useMutation({ onSuccess: (scene) => logRename(scene) });
  const renameAndTell = api.generation.renameScene.useMutation({ onSuccess: () => onRenamed() });
  return <button onClick={() => { rename.mutate({}); renameAndTell.mutate({}); }} />;
}
`;
    const reports = await lint({ 'src/lib/log.ts': 'export function logRename(scene: unknown) {\n  console.log(scene);\n}\n', [PANEL]: panel });
    expect(reports).toEqual([missing(panel, 'useMutation', 'generation.renameScene')]);
  });
});

describe('callbacks handed to an imported function that awaits a mutation', () => {
  it('makes the callbacks that run after the awaited mutation success regions, positional and in an object', async () => {
    const panel = `${STORE}${API}import { publishDraft, saveThenNotify } from '~/lib/flow';
export function Panel({ projectId, scene }: { projectId: string; scene: { id: string } }) {
  const updateScene = useVideoState((s) => s.updateScene);
  const utils = api.useUtils();
  const save = api.generation.updateScene.useMutation();
  const onSave = () => saveThenNotify(() => save.mutateAsync(scene), () => { updateScene(projectId, scene.id, scene); }, () => updateScene(projectId, scene.id, scene));
  const onPublish = () => publishDraft({ save, onSaved: () => utils.generation.getProjectScenes.invalidate({ projectId }) });
  return <button onClick={() => { void onSave(); void onPublish(); }} />;
}
`;
    const reports = await lint({
      'src/lib/flow.ts': `export async function saveThenNotify(run: () => Promise<unknown>, then: () => void, before: () => void) {
  before();
  await run();
  then();
}
export async function publishDraft({ save, onSaved }: { save: { mutateAsync: (input: object) => Promise<unknown> }; onSaved: () => void }) {
  await save.mutateAsync({});
  onSaved();
}
`,
      [PANEL]: panel,
    });
    // The third callback runs before the mutation: not a success region.
    expect(reports).toEqual([store(panel, 'updateScene(projectId', 'updateScene'), cache(panel, 'utils.generation.getProjectScenes.invalidate')]);
  });
});

describe('module resolution', () => {
  const panel = `${API}import { syncAfterRename } from '@app/lib';
export function Panel({ projectId }: { projectId: string }) {
  const rename = api.generation.renameScene.useMutation({ onSuccess: (scene) => syncAfterRename(projectId, scene) });
  return <button onClick={() => rename.mutate({})} />;
}
`;
  const files = {
    // The root tsconfig knows no alias; the app's, named by the setting, maps `@app/*` with a module suffix.
    'config/tsconfig.app.json': JSON.stringify({ compilerOptions: { moduleResolution: 'bundler', module: 'esnext', jsx: 'preserve', baseUrl: '..', paths: { '@app/*': ['src/*'] }, moduleSuffixes: ['.web', ''] } }),
    'src/lib/index.ts': "export { syncAfterRename } from './sync';\n",
    'src/lib/sync.web.ts': `${STORE}export function syncAfterRename(projectId: string, scene: { id: string }) {\n  useVideoState.getState().updateScene(projectId, scene.id, scene);\n}\n`,
    'src/lib/sync.ts': 'export function syncAfterRename(_projectId: string, _scene: unknown) {}\n',
    [PANEL]: panel,
  };

  it('uses the tsconfig named by settings.sceneSync.tsconfig: paths, baseUrl, index files, re-exports and moduleSuffixes', async () => {
    expect(await lint(files, { tsconfig: 'config/tsconfig.app.json' })).toEqual([
      callee('no-direct-store-update', panel, 'syncAfterRename(projectId, scene)', 'syncAfterRename', 'updateScene', 'src/lib/sync.web.ts:3', 'sceneSyncHelpers.syncSceneUpdated'),
    ]);
  });

  it('finds no alias the nearest tsconfig does not define: the import is unknown', async () => {
    expect(await lint(files)).toEqual([missing(panel, 'useMutation', 'generation.renameScene')]);
  });
});

describe('odd trees', () => {
  const panel = `${API}import { syncAfterRename } from '../lib/sync';
export function Panel({ projectId }: { projectId: string }) {
  const rename = api.generation.renameScene.useMutation({ onSuccess: (scene) => syncAfterRename(projectId, scene) });
  return <button onClick={() => rename.mutate({})} />;
}
`;
  const sync = `${STORE}export function syncAfterRename(projectId: string, scene: { id: string }) {\n  useVideoState.getState().updateScene(projectId, scene.id, scene);\n}\n`;
  const calledSync = (where: string) =>
    callee('no-direct-store-update', panel, 'syncAfterRename(projectId, scene)', 'syncAfterRename', 'updateScene', where, 'sceneSyncHelpers.syncSceneUpdated');

  it('follows a module that is a symlink, and names it by the path the app imports', async () => {
    const root = writeTree({ 'tsconfig.json': TSCONFIG, 'shared/sync.ts': sync, [PANEL]: panel });
    roots.push(root);
    fs.mkdirSync(path.join(root, 'src/lib'), { recursive: true });
    fs.symlinkSync(path.join(root, 'shared/sync.ts'), path.join(root, 'src/lib/sync.ts'));
    expect(await lintTree(root, ['src'])).toEqual([calledSync('src/lib/sync.ts:3')]);
  });

  it('resolves relative imports with a tsconfig.json that is not JSON, and with none at all', async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation((warning) => void warnings.push(String(warning)));
    try {
      expect(await lint({ 'tsconfig.json': '{ "compilerOptions": { oops', 'src/lib/sync.ts': sync, [PANEL]: panel })).toEqual([calledSync('src/lib/sync.ts:3')]);
    } finally {
      warn.mockRestore();
    }
    // Said once, with the file and what is lost, however many files were linted.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^scene-sync: cannot read .*tsconfig\.json \(.+\); imports through its "paths" are not followed until it is fixed\.$/);
    const root = writeTree({ 'src/lib/sync.ts': sync, [PANEL]: panel });
    roots.push(root);
    expect(await lintTree(root, ['src'])).toEqual([calledSync('src/lib/sync.ts:3')]);
  });

  it('reads a default-exported hook through a barrel file', async () => {
    const copy = `${STORE}import { useRename } from '~/hooks';
export function Panel({ projectId }: { projectId: string }) {
  const updateScene = useVideoState((s) => s.updateScene);
  const rename = useRename({ onSuccess: (scene: { id: string }) => updateScene(projectId, scene.id, scene) });
  return <button onClick={() => rename.mutate({})} />;
}
`;
    const reports = await lint({
      'src/hooks/index.ts': "export { default as useRename } from './useRename';\n",
      'src/hooks/useRename.ts': `${API}export default function (options: object) {\n  return api.generation.renameScene.useMutation({ ...options });\n}\n`,
      [PANEL]: copy,
    });
    expect(reports).toEqual([store(copy, 'updateScene(projectId', 'updateScene')]);
  });

  it('stops following imports four modules deep: a sync further down is unknown', async () => {
    const relay = (next: number) => `import { step${next} } from './step${next}';\nexport function step${next - 1}(projectId: string) {\n  step${next}(projectId);\n}\n`;
    const last = `${STORE}export function step5(projectId: string) {\n  useVideoState.getState().deleteScene(projectId, 'x');\n}\n`;
    const deep = `${API}import { step1 } from '~/lib/step1';
export function Panel({ projectId }: { projectId: string }) {
  const remove = api.generation.deleteScene.useMutation({ onSuccess: () => step1(projectId) });
  return <button onClick={() => remove.mutate({})} />;
}
`;
    const chain = (length: number) => {
      const files: Record<string, string> = { [PANEL]: deep };
      for (let index = 2; index <= length; index++) files[`src/lib/step${index - 1}.ts`] = relay(index);
      files[`src/lib/step${length}.ts`] = last.replace(/step5/g, `step${length}`);
      return files;
    };
    expect(await lint(chain(4))).toEqual([
      callee('no-direct-store-update', deep, 'step1(projectId)', 'step1', 'deleteScene', 'src/lib/step4.ts:3', 'sceneSyncHelpers.syncSceneDeleted'),
    ]);
    expect(await lint(chain(5))).toEqual([missing(deep, 'useMutation', 'generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted')]);
  });
});

describe('the keyword prefilter with modules', () => {
  // A file that names no procedure, store or query, but calls `.mutate(`: analysed only when it
  // imports a hook that another module's summary says returns a mutation.
  const caller = (hook: string, source: string) => `import { ${hook} } from '${source}';
export function Panel() {
  const action = ${hook}();
  return <button onClick={() => action.mutate({})} />;
}
`;
  function verdict(files: Record<string, string>, file: string, settings?: Record<string, unknown>): boolean {
    const root = writeTree({ 'tsconfig.json': TSCONFIG, ...files });
    roots.push(root);
    const filename = path.join(root, file);
    const text = fs.readFileSync(filename, 'utf8');
    const parsed = parseForESLint(text, parseOptions(filename));
    const conventions = getConventions(settings);
    return mightHoldSites({
      ast: parsed.ast as TSESTree.Program,
      scopeManager: parsed.scopeManager as Scope.ScopeManager,
      visitorKeys: parsed.visitorKeys as VisitorKeys,
      text,
      conventions,
      allowed: false,
      types: undefined,
      imports: importLookupFor(filename, root, conventions),
      filename,
    });
  }
  const hookModule = `${API}export const useRenameDoc = () => api.docs.rename.useMutation();\n`;
  const docs = { mutations: ['docs.*'], queries: ['docs.list'], store: { hooks: ['useEditorStore'], actions: { upsertDoc: 'updated' } } };

  it('lets through a file that imports a mutation hook, aliased or by default export', () => {
    expect(verdict({ 'src/hooks/useRenameDoc.ts': hookModule, [PANEL]: caller('useRenameDoc', '~/hooks/useRenameDoc') }, PANEL, docs)).toBe(true);
    const aliased = caller('useRenameDoc as useRename', '../hooks/useRenameDoc').replace('= useRenameDoc as useRename()', '= useRename()');
    expect(verdict({ 'src/hooks/useRenameDoc.ts': hookModule, [PANEL]: aliased }, PANEL, docs)).toBe(true);
    const byDefault = "import useRename from '~/hooks/rename';\nexport const Panel = () => { const r = useRename(); return <b onClick={() => r.mutate({})} />; };\n";
    expect(verdict({ 'src/hooks/rename.ts': `${API}export default function useRename() {\n  return api.docs.rename.useMutation();\n}\n`, [PANEL]: byDefault }, PANEL, docs)).toBe(true);
  });

  it('skips a file whose `.mutate(` comes from a hook that returns no mutation, a package, a type import or a namespace', () => {
    const plainHook = "export const useRenameDoc = () => ({ mutate: (_input: object) => undefined });\n";
    expect(verdict({ 'src/hooks/useRenameDoc.ts': plainHook, [PANEL]: caller('useRenameDoc', '~/hooks/useRenameDoc') }, PANEL, docs)).toBe(false);
    expect(verdict({ [PANEL]: caller('useMutationState', '@tanstack/react-query') }, PANEL, docs)).toBe(false);
    const typeOnly = "import type { useRenameDoc } from '~/hooks/useRenameDoc';\nexport function Panel(m: ReturnType<typeof useRenameDoc>) { m.mutate({}); }\n";
    expect(verdict({ 'src/hooks/useRenameDoc.ts': hookModule, [PANEL]: typeOnly }, PANEL, docs)).toBe(false);
    const namespace = "import * as hooks from '~/hooks/useRenameDoc';\nexport function Panel() { const m = hooks.useRenameDoc(); m.mutate({}); }\n";
    expect(verdict({ 'src/hooks/useRenameDoc.ts': hookModule, [PANEL]: namespace }, PANEL, docs)).toBe(false);
  });

  it('lets through a file that hands callbacks to an imported mutation hook and never calls mutate', () => {
    const sceneHook = `${API}export const useRenameScene = (_options?: object) => api.generation.renameScene.useMutation();\n`;
    const handsCallbacks = "import { useRenameScene } from '~/hooks/useRenameScene';\nexport function Panel() {\n  useRenameScene({ onSuccess: () => console.log('renamed') });\n  return null;\n}\n";
    expect(verdict({ 'src/hooks/useRenameScene.ts': sceneHook, [PANEL]: handsCallbacks }, PANEL)).toBe(true);
    const threeScene = "import { useFrame } from '@react-three/fiber';\nimport { Scene } from 'three';\nexport function Panel() {\n  useFrame(() => new Scene());\n  return null;\n}\n";
    expect(verdict({ [PANEL]: threeScene }, PANEL)).toBe(false);
  });

  it('skips every such file with crossModule: false', () => {
    expect(verdict({ 'src/hooks/useRenameDoc.ts': hookModule, [PANEL]: caller('useRenameDoc', '~/hooks/useRenameDoc') }, PANEL, { ...docs, crossModule: false })).toBe(false);
  });
});

describe('resolutions shared between folders', () => {
  const sync = `${STORE}export function syncAfterRename(projectId: string, scene: { id: string }) {\n  useVideoState.getState().updateScene(projectId, scene.id, scene);\n}\n`;
  const noSync = 'export function syncAfterRename(_projectId: string, _scene: unknown) {}\n';
  const panelImporting = (source: string) => `${API}import { syncAfterRename } from '${source}';
export function Panel({ projectId }: { projectId: string }) {
  const rename = api.generation.renameScene.useMutation({ onSuccess: (scene) => syncAfterRename(projectId, scene) });
  return <button onClick={() => rename.mutate({})} />;
}
`;
  const reportIn = (file: string, source: string, where: string) => ({
    ...callee('no-direct-store-update', panelImporting(source), 'syncAfterRename(projectId, scene)', 'syncAfterRename', 'updateScene', where, 'sceneSyncHelpers.syncSceneUpdated'),
    file,
  });

  it('resolves the same relative spelling from two folders to two modules, and two spellings of one module to it', async () => {
    const files = {
      'src/a/lib/sync.ts': sync,
      'src/b/lib/sync.ts': noSync,
      'src/a/Panel.tsx': panelImporting('./lib/sync'),
      'src/b/Panel.tsx': panelImporting('./lib/sync'),
      'src/b/deep/Panel.tsx': panelImporting('../../a/lib/sync'),
    };
    expect(await lint(files)).toEqual([
      reportIn('src/a/Panel.tsx', './lib/sync', 'src/a/lib/sync.ts:3'),
      { ...missing(panelImporting('./lib/sync'), 'useMutation', 'generation.renameScene'), file: 'src/b/Panel.tsx' },
      reportIn('src/b/deep/Panel.tsx', '../../a/lib/sync', 'src/a/lib/sync.ts:3'),
    ]);
  });

  it('resolves a #subpath import through the package.json nearest to each importing file', async () => {
    const files = {
      'src/a/package.json': JSON.stringify({ name: 'a', imports: { '#sync': './sync.ts' } }),
      'src/a/sync.ts': sync,
      'src/b/package.json': JSON.stringify({ name: 'b', imports: { '#sync': './sync.ts' } }),
      'src/b/sync.ts': noSync,
      'src/a/Panel.tsx': panelImporting('#sync'),
      'src/b/Panel.tsx': panelImporting('#sync'),
    };
    expect(await lint(files)).toEqual([
      reportIn('src/a/Panel.tsx', '#sync', 'src/a/sync.ts:3'),
      { ...missing(panelImporting('#sync'), 'useMutation', 'generation.renameScene'), file: 'src/b/Panel.tsx' },
    ]);
  });
});

describe('what the analysis cannot see', () => {
  it('terminates on an import cycle and still finds the sync across it', async () => {
    const panel = `${API}import { syncA } from '~/lib/a';
export function Panel({ projectId }: { projectId: string }) {
  const remove = api.generation.deleteScene.useMutation({ onSuccess: (scene) => syncA(projectId, scene.id) });
  return <button onClick={() => remove.mutate({})} />;
}
`;
    const reports = await lint({
      'src/lib/a.ts': "import { syncB } from './b';\nexport function syncA(projectId: string, id: string) {\n  syncB(projectId, id);\n}\n",
      'src/lib/b.ts': `${STORE}import { syncA } from './a';
export function syncB(projectId: string, id: string) {
  useVideoState.getState().deleteScene(projectId, id);
  if (id === '') syncA(projectId, id);
}
`,
      [PANEL]: panel,
    });
    expect(reports).toEqual([
      callee('no-direct-store-update', panel, 'syncA(projectId, scene.id)', 'syncA', 'deleteScene', 'src/lib/b.ts:4', 'sceneSyncHelpers.syncSceneDeleted'),
    ]);
  });

  it('treats an import that does not resolve, or a module that does not parse, as unknown', async () => {
    const panel = `${API}import { syncLater } from '~/lib/missing';
import { syncBroken } from '~/lib/broken';
export function Panel() {
  const rename = api.generation.renameScene.useMutation({ onSuccess: () => syncLater() });
  const save = api.generation.updateScene.useMutation({ onSuccess: () => syncBroken() });
  return <button onClick={() => { rename.mutate({}); save.mutate({}); }} />;
}
`;
    const reports = await lint({ 'src/lib/broken.ts': 'export function syncBroken( {\n', [PANEL]: panel });
    expect(reports).toEqual([
      missing(panel, 'useMutation', 'generation.renameScene'),
      missing(panel, 'useMutation', 'generation.updateScene', undefined, 2),
      { file: 'src/lib/broken.ts', ruleId: null, line: 2, column: 0, message: "Parsing error: '}' expected." },
    ]);
  });
});
