import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/require-sync-after-mutation';
import { CUSTOM_SETTINGS, HELPER_FILE, IMPORTS, createRuleTester, span, type Span } from '../helpers/cases';

type Valid = ValidTestCase<[]>;
type Invalid = InvalidTestCase<MessageIds, []>;

const ruleTester = createRuleTester();

const HELPER_IMPORT = "import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n";
const TANSTACK_IMPORTS = "import { useMutation, useQueryClient } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n";

/** A component around `body`; `props` are `projectId`, `sceneId`, `onSaved`. */
function component(body: string, imports = ''): string {
  return `${IMPORTS}${imports}
export function Panel({ projectId, sceneId, onDone }: { projectId: string; sceneId: string; onDone: () => void }) {
  ${body}
}
`;
}

function missing(mutation: string, helper: string, at: Span, entities = 'scenes'): Invalid['errors'][number] {
  return { messageId: 'missingSync', data: { mutation, helper, entities }, ...at };
}

/** The report points at `useMutation` of the n-th `api.<path>.useMutation(`. */
function atUseMutation(code: string, path: string, occurrence = 1): Span {
  const whole = span(code, `api.${path}.useMutation`, occurrence);
  const length = 'useMutation'.length;
  return { line: whole.endLine, column: whole.endColumn - length, endLine: whole.endLine, endColumn: whole.endColumn };
}

const invalid: Invalid[] = [];
const valid: Valid[] = [];

function addInvalid(name: string, code: string, errors: (code: string) => Invalid['errors'], extra: Partial<Invalid> = {}): void {
  invalid.push({ name, code, errors: errors(code), ...extra });
}

addInvalid(
  'onSuccess that does not sync',
  component(`const m = api.generation.updateScene.useMutation({ onSuccess: () => { console.log('saved'); } });
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'onSettled that does not sync',
  component(`const m = api.generation.addScene.useMutation({ onSettled: () => undefined });
  return <button onClick={() => m.mutate({ projectId })} />;`),
  (code) => [missing('generation.addScene', 'sceneSyncHelpers.syncSceneCreated', atUseMutation(code, 'generation.addScene'))],
);
addInvalid(
  'mutateAsync awaited with nothing after it',
  component(`const m = api.generation.deleteScene.useMutation();
  const remove = async () => {
    await m.mutateAsync({ projectId, sceneId });
  };
  return <button onClick={() => void remove()} />;`),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'mutateAsync awaited with only unrelated code after it',
  component(`const m = api.generation.updateScene.useMutation();
  const save = async () => {
    const saved = await m.mutateAsync({ projectId, sceneId });
    console.log(saved);
  };
  return <button onClick={() => void save()} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'mutate without callbacks',
  component(`const m = api.generation.reorderScenes.useMutation();
  return <button onClick={() => m.mutate({ projectId, order: [] })} />;`),
  (code) => [missing('generation.reorderScenes', 'sceneSyncHelpers.syncAllScenes', atUseMutation(code, 'generation.reorderScenes'))],
);
addInvalid(
  'mutate destructured from the hook and called without callbacks',
  component(`const { mutate: duplicate, isPending } = api.scenes.duplicateScene.useMutation();
  return <button disabled={isPending} onClick={() => duplicate({ projectId, sceneId })} />;`),
  (code) => [missing('scenes.duplicateScene', 'sceneSyncHelpers.syncSceneCreated', atUseMutation(code, 'scenes.duplicateScene'))],
);
addInvalid(
  'a restore mutation without sync suggests the restore helper',
  component(`const restore = api.generation.restoreScene.useMutation({ onSuccess: () => { console.log('restored'); } });
  return <button onClick={() => restore.mutate({ projectId, sceneId })} />;`),
  (code) => [missing('generation.restoreScene', 'sceneSyncHelpers.syncSceneRestored', atUseMutation(code, 'generation.restoreScene'))],
);
addInvalid(
  'a sync before the await is not in the success path',
  component(
    `const m = api.generation.updateScene.useMutation();
  const save = async () => {
    await sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});
    await m.mutateAsync({ projectId, sceneId });
  };
  return <button onClick={() => void save()} />;`,
    HELPER_IMPORT,
  ),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'a sync only in the catch of the awaited mutation (runs when it failed)',
  component(
    `const m = api.generation.updateScene.useMutation();
  const save = async () => {
    try {
      await m.mutateAsync({ projectId, sceneId });
    } catch {
      await sceneSyncHelpers.syncAllScenes(projectId);
    }
  };
  return <button onClick={() => void save()} />;`,
    HELPER_IMPORT,
  ),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'a sync only in onError',
  component(
    `const m = api.generation.updateScene.useMutation({ onError: () => sceneSyncHelpers.syncAllScenes(projectId) });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    HELPER_IMPORT,
  ),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'a function named like the helper but imported from another module is no sync',
  component(
    `const m = api.generation.updateScene.useMutation({ onSuccess: () => sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {}) });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    "import { sceneSyncHelpers } from '~/lib/other-sync';\n",
  ),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'two mutations, only one synced',
  component(
    `const save = api.generation.updateScene.useMutation({ onSuccess: () => sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {}) });
  const remove = api.generation.deleteScene.useMutation();
  return <button onClick={() => { save.mutate({ projectId }); remove.mutate({ projectId, sceneId }); }} />;`,
    HELPER_IMPORT,
  ),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'TanStack useMutation(trpc.x.y.mutationOptions({ onSuccess })) without sync',
  component(
    `const trpc = useTRPC();
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({ onSuccess: () => { console.log('deleted'); } }));
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`,
    TANSTACK_IMPORTS,
  ),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', tanstackAt(code))],
);
addInvalid(
  'TanStack useMutation({ ...mutationOptions() }) called without callbacks',
  component(
    `const trpc = useTRPC();
  const m = useMutation({ ...trpc.generation.addScene.mutationOptions() });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    TANSTACK_IMPORTS,
  ),
  (code) => [missing('generation.addScene', 'sceneSyncHelpers.syncSceneCreated', tanstackAt(code))],
);
addInvalid(
  'the vanilla client: await client.generation.updateScene.mutate(...) with nothing after',
  `import { client } from '~/trpc/vanilla';
export async function saveScene(projectId: string, sceneId: string) {
  await client.generation.updateScene.mutate({ projectId, sceneId });
}
`,
  (code) => {
    const whole = span(code, 'client.generation.updateScene.mutate');
    return [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', { ...whole, column: whole.endColumn - 'mutate'.length })];
  },
);
addInvalid(
  'the vanilla client with a .then that does not sync',
  `import { client } from '~/trpc/vanilla';
export function saveScene(projectId: string) {
  void client.generation.updateScene.mutate({ projectId }).then((scene) => console.log(scene));
}
`,
  (code) => {
    const whole = span(code, 'client.generation.updateScene.mutate');
    return [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', { ...whole, column: whole.endColumn - 'mutate'.length })];
  },
);
addInvalid(
  'custom convention: a docs.* mutation is reported with the docSync helper',
  `import { api } from '~/trpc/react';
export function DocPanel({ id }: { id: string }) {
  const remove = api.docs.remove.useMutation();
  const scene = api.generation.updateScene.useMutation();
  return <button onClick={() => { remove.mutate({ id }); scene.mutate({ id }); }} />;
}
`,
  (code) => [missing('docs.remove', 'docSync.docDeleted', atUseMutation(code, 'docs.remove'), 'documents')],
  { settings: CUSTOM_SETTINGS },
);

/** TanStack reports point at the `useMutation` callee. */
function tanstackAt(code: string): Span {
  const whole = span(code, 'useMutation(');
  return { ...whole, endColumn: whole.endColumn - 1 };
}

function addValid(name: string, code: string, extra: Partial<Valid> = {}): void {
  valid.push({ name, code, ...extra });
}

addValid(
  'the helper in onSuccess: sceneSyncHelpers.syncSceneUpdated imported from ~/lib/sync/scene-sync',
  component(
    `const m = api.generation.updateScene.useMutation({ onSuccess: (scene) => sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, scene) });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper imported through @/ and a relative path',
  component(
    `const a = api.generation.updateScene.useMutation({ onSuccess: () => helpersA.syncSceneUpdated(projectId, sceneId, {}) });
  const b = api.generation.deleteScene.useMutation({ onSuccess: () => helpersB.syncSceneDeleted(projectId, sceneId) });
  return <button onClick={() => { a.mutate({ projectId }); b.mutate({ projectId }); }} />;`,
    "import { sceneSyncHelpers as helpersA } from '@/lib/sync/scene-sync';\nimport { sceneSyncHelpers as helpersB } from '../../lib/sync/scene-sync';\n",
  ),
);
addValid(
  'named-function helper style (helper.object: null): syncSceneUpdated(...) in onSuccess',
  component(
    `const m = api.generation.updateScene.useMutation({ onSuccess: (scene) => syncSceneUpdated(projectId, sceneId, scene) });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    "import { syncSceneUpdated } from '~/lib/sync/scene-sync';\n",
  ),
  { settings: { sceneSync: { helper: { object: null } } } },
);
addValid(
  'the helper after the awaited mutateAsync',
  component(
    `const m = api.generation.deleteScene.useMutation();
  const remove = async () => {
    await m.mutateAsync({ projectId, sceneId });
    await sceneSyncHelpers.syncSceneDeleted(projectId, sceneId);
  };
  return <button onClick={() => void remove()} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in .then after mutateAsync',
  component(
    `const m = api.generation.deleteScene.useMutation();
  const remove = () => m.mutateAsync({ projectId, sceneId }).then(() => sceneSyncHelpers.syncSceneDeleted(projectId, sceneId));
  return <button onClick={() => void remove()} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in per-call mutate(vars, { onSuccess })',
  component(
    `const m = api.generation.deleteScene.useMutation();
  return <button onClick={() => m.mutate({ projectId, sceneId }, { onSuccess: () => sceneSyncHelpers.syncSceneDeleted(projectId, sceneId) })} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in onSettled',
  component(
    `const m = api.generation.deleteScene.useMutation({ onSettled: () => sceneSyncHelpers.syncSceneDeleted(projectId, sceneId) });
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in a local function referenced as onSuccess',
  component(
    `const handleSuccess = () => sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});
  const m = api.generation.updateScene.useMutation({ onSuccess: handleSuccess });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in a local function called from onSuccess',
  component(
    `async function refreshScenes() { await sceneSyncHelpers.syncAllScenes(projectId); }
  const m = api.generation.reorderScenes.useMutation({ onSuccess: () => { void refreshScenes(); } });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'the helper in a useCallback passed as onSuccess',
  component(
    `const onSuccess = useCallback(() => sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {}), [projectId, sceneId]);
  const m = api.generation.updateScene.useMutation({ onSuccess });
  return <button onClick={() => m.mutate({ projectId })} />;`,
    `${HELPER_IMPORT}import { useCallback } from 'react';\n`,
  ),
);
addValid(
  'the helper after the await in an async IIFE',
  component(
    `const m = api.generation.updateScene.useMutation();
  const save = () => { void (async () => { await m.mutateAsync({ projectId }); await sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {}); })(); };
  return <button onClick={save} />;`,
    HELPER_IMPORT,
  ),
);
addValid(
  'TanStack useMutation with the helper in onSuccess',
  component(
    `const trpc = useTRPC();
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({ onSuccess: () => sceneSyncHelpers.syncSceneDeleted(projectId, sceneId) }));
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`,
    `${HELPER_IMPORT}${TANSTACK_IMPORTS}`,
  ),
);
addValid(
  'TanStack mutationOptions(options) with the options held in a const',
  component(
    `const trpc = useTRPC();
  const options = { onSuccess: () => sceneSyncHelpers.syncSceneDeleted(projectId, sceneId) };
  const m = useMutation(trpc.generation.deleteScene.mutationOptions(options));
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`,
    `${HELPER_IMPORT}${TANSTACK_IMPORTS}`,
  ),
);
addValid(
  'the vanilla client followed by the helper',
  `import { client } from '~/trpc/vanilla';
${HELPER_IMPORT}export async function saveScene(projectId: string, sceneId: string) {
  const scene = await client.generation.updateScene.mutate({ projectId, sceneId });
  await sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, scene);
}
`,
);
addValid(
  'a manual sync counts for this rule: invalidation in onSuccess (no-manual-invalidate reports it)',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({ onSuccess: () => utils.generation.getProjectScenes.invalidate({ projectId }) });
  return <button onClick={() => m.mutate({ projectId })} />;`),
);
addValid(
  'a manual sync counts for this rule: a store write after the await (no-direct-store-update reports it)',
  component(`const m = api.generation.updateScene.useMutation();
  const save = async () => {
    const scene = await m.mutateAsync({ projectId, sceneId });
    useVideoState.getState().updateScene(projectId, sceneId, scene);
  };
  return <button onClick={() => void save()} />;`),
);
addValid(
  'a manual sync counts for this rule: TanStack invalidateQueries in onSuccess',
  component(
    `const trpc = useTRPC();
  const queryClient = useQueryClient();
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter({ projectId })) }));
  return <button onClick={() => m.mutate({ projectId, sceneId })} />;`,
    TANSTACK_IMPORTS,
  ),
);
addValid(
  'handing off to a prop callback: onSuccess: () => props.onSaved()',
  `${IMPORTS}
export function Panel(props: { projectId: string; onSaved: () => void }) {
  const m = api.generation.updateScene.useMutation({ onSuccess: () => props.onSaved() });
  return <button onClick={() => m.mutate({ projectId: props.projectId })} />;
}
`,
);
// Options the file does not show may hold the sync: the success path is unknown, not empty.
for (const [name, setup, hook] of [
  ['options built by a wrapper: useMutation(withToast({ ... }))', '', "api.generation.updateScene.useMutation(withToast({ message: 'Saved' }))"],
  ['options received as a prop: useMutation(options)', '', 'api.generation.updateScene.useMutation(options)'],
  ['a spread of received options: useMutation({ ...options, onError })', '', 'api.generation.updateScene.useMutation({ ...options, onError: () => undefined })'],
  ['options held in a let: their value is not read', "let chosen = {};\n  chosen = options;\n  ", 'api.generation.updateScene.useMutation(chosen)'],
  ['onSuccess from an import: onSuccess: withToast', '', 'api.generation.updateScene.useMutation({ onSuccess: withToast })'],
  ['TanStack mutationOptions(options) with received options', 'const trpc = useTRPC();\n  ', 'useMutation(trpc.generation.updateScene.mutationOptions(options))'],
] as const) {
  addValid(
    name,
    `${IMPORTS}${TANSTACK_IMPORTS}import { withToast } from '~/lib/toast';
export function Panel({ projectId, options }: { projectId: string; options: any }) {
  ${setup}const m = ${hook};
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  );
}
addValid(
  'per-call options received as a prop: m.mutate(vars, options)',
  component(`const m = api.generation.updateScene.useMutation();
  return <button onClick={() => m.mutate({ projectId }, onDone)} />;`),
);
addInvalid(
  'options left out on purpose are read: onSuccess: undefined, and mutate(vars, undefined)',
  component(`const m = api.generation.updateScene.useMutation({ onSuccess: undefined });
  return <button onClick={() => m.mutate({ projectId }, undefined)} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addValid(
  'handing off to a parameter: onSuccess: onDone',
  component(`const m = api.generation.updateScene.useMutation({ onSuccess: onDone });
  return <button onClick={() => m.mutate({ projectId })} />;`),
);
addValid(
  'handing off to a parameter after the awaited mutateAsync',
  component(`const m = api.generation.updateScene.useMutation();
  const save = async () => {
    await m.mutateAsync({ projectId, sceneId });
    onDone();
  };
  return <button onClick={() => void save()} />;`),
);
addValid(
  'a mutation returned from a custom hook escapes the file',
  `${IMPORTS}
export function useUpdateScene() {
  return api.generation.updateScene.useMutation();
}
export function useDeleteScene() {
  const m = api.generation.deleteScene.useMutation();
  return m;
}
`,
);
addValid(
  'a mutation handed to a child component escapes the file',
  component(`const m = api.generation.updateScene.useMutation();
  return <Editor mutation={m} />;`),
);
addValid(
  'a non-scene mutation: api.project.renameProject.useMutation()',
  component(`const rename = api.project.renameProject.useMutation();
  return <button onClick={() => rename.mutate({ projectId, title: 'x' })} />;`),
);
addValid(
  'a scene mutation that is declared but never run and has no callbacks',
  component(`const m = api.generation.updateScene.useMutation();
  return <span>{m.isPending ? 'saving' : 'idle'}</span>;`),
);
addValid(
  'a vanilla mutation whose promise is returned to the caller',
  `import { client } from '~/trpc/vanilla';
export function saveScene(projectId: string) {
  return client.generation.updateScene.mutate({ projectId });
}
`,
);
addValid(
  'the helper module itself runs mutations without syncing through itself',
  `import { client } from '~/trpc/vanilla';
export async function syncSceneRestored(projectId: string) {
  await client.generation.restoreScene.mutate({ projectId });
}
`,
  { filename: HELPER_FILE },
);
addValid(
  'custom convention: the docSync helper in object style syncs, default names are not mutations',
  `import { docSync } from '~/sync/doc-sync';
import { api } from '~/trpc/react';
export function DocPanel({ doc }: { doc: { id: string } }) {
  const utils = api.useUtils();
  const save = api.docs.save.useMutation({ onSuccess: (saved) => docSync.docUpdated({ utils, doc: saved }) });
  const scene = api.generation.updateScene.useMutation();
  return <button onClick={() => { save.mutate(doc); scene.mutate(doc); }} />;
}
`,
  { settings: CUSTOM_SETTINGS },
);

addValid(
  'a TanStack mutationFn with a block body: the vanilla call inside is that mutation, not another',
  component(`const trpcClient = useTRPCClient();
  const m = useMutation({
    mutationFn: async (input: { id: string }) => {
      const saved = await trpcClient.generation.updateScene.mutate(input);
      return saved;
    },
    onSuccess: (saved) => sceneSyncHelpers.syncSceneUpdated(projectId, saved.id, saved),
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, `${HELPER_IMPORT}import { useMutation } from '@tanstack/react-query';\nimport { useTRPCClient } from '~/trpc/react';\n`),
);
addValid(
  'Promise.all of two mutateAsync calls, then a helper call',
  component(`const m = api.generation.deleteScene.useMutation();
  const removeTwo = async (a: string, b: string) => {
    await Promise.all([m.mutateAsync({ id: a }), m.mutateAsync({ id: b })]);
    await sceneSyncHelpers.syncAllScenes(projectId);
  };
  return <button onClick={() => void removeTwo('a', 'b')} />;`, HELPER_IMPORT),
);
for (const [name, mapped] of [
  ['an arrow that returns the call', '(id) => m.mutateAsync({ id })'],
  ['a block that returns the call', '(id) => {\n      return m.mutateAsync({ id });\n    }'],
] as const) {
  addValid(
    `Promise.all over ids.map: ${name}, then a helper call`,
    component(`const m = api.generation.deleteScene.useMutation();
  const removeAll = async (ids: string[]) => {
    await Promise.all(ids.map(${mapped}));
    await sceneSyncHelpers.syncAllScenes(projectId);
  };
  return <button onClick={() => void removeAll(['a', 'b'])} />;`, HELPER_IMPORT),
  );
}
addInvalid(
  'a binding named Promise is not the global: its all(...) awaits none of the calls',
  component(`const Promise = { all: (calls: unknown[]) => calls };
  const m = api.generation.deleteScene.useMutation();
  const removeTwo = async (a: string, b: string) => {
    await Promise.all([m.mutateAsync({ id: a }), m.mutateAsync({ id: b })]);
    await sceneSyncHelpers.syncAllScenes(projectId);
  };
  return <button onClick={() => void removeTwo('a', 'b')} />;`, HELPER_IMPORT),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'Promise.all over ids.map with nothing after it still never syncs',
  component(`const m = api.generation.deleteScene.useMutation();
  const removeAll = async (ids: string[]) => {
    await Promise.all(ids.map((id) => m.mutateAsync({ id })));
  };
  return <button onClick={() => void removeAll(['a', 'b'])} />;`),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'a method call on the success callback\'s own argument is not a hand-off',
  component(`const m = api.generation.deleteScene.useMutation({ onSuccess: (data) => { console.log(data.id.trim()); } });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'a vanilla mutation awaited in a block-bodied TanStack mutationFn still reports the hook when nothing syncs',
  component(`const trpcClient = useTRPCClient();
  const m = useMutation({
    mutationFn: async (input: { id: string }) => {
      const saved = await trpcClient.generation.updateScene.mutate(input);
      return saved;
    },
    onSuccess: () => console.log('saved'),
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, `import { useMutation } from '@tanstack/react-query';\nimport { useTRPCClient } from '~/trpc/react';\n`),
  (code) => {
    const at = span(code, 'useMutation({');
    return [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 'useMutation'.length })];
  },
);

addValid(
  'options held in a const: its onSuccess syncs',
  component(`const options = { onSuccess: () => sceneSyncHelpers.syncAllScenes(projectId) };
  const m = api.generation.updateScene.useMutation(options);
  const callOptions = { onSuccess: () => sceneSyncHelpers.syncAllScenes(projectId) };
  const d = api.generation.deleteScene.useMutation();
  return <button onClick={() => { m.mutate({ id: sceneId }); d.mutate({ id: sceneId }, callOptions); }} />;`, HELPER_IMPORT),
);
addInvalid(
  'options held in a const whose onSuccess does not sync',
  component(`const options = { onSuccess: () => console.log('saved') };
  const m = api.generation.updateScene.useMutation(options);
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);

addValid(
  'a destructured mutate, renamed, handed to a child as a value: the child may pass its own onSuccess, out of sight',
  component(`const { mutate: save } = api.generation.updateScene.useMutation({ onSuccess: () => console.log('saved') });
  return <Editor onSave={save} />;`),
);
addInvalid(
  'a destructured mutate, renamed, called here without any sync',
  component(`const { mutate: save } = api.generation.updateScene.useMutation();
  return <button onClick={() => save({ id: sceneId })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);

// Forgot-to-sync forms that used to hide: hook dependency arrays, refs, optimistic writes.
const REACT_HOOKS = "import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef } from 'react';\n";
for (const hook of ['useCallback', 'useMemo', 'useEffect', 'useLayoutEffect']) {
  const run = hook === 'useMemo' ? '() => () => void m.mutateAsync({ projectId })' : 'async () => { await m.mutateAsync({ projectId }); }';
  addInvalid(
    `a mutation named in the dependency array of ${hook} has not left the file`,
    component(`const m = api.generation.updateScene.useMutation();
  const save = ${hook}(${run}, [m, projectId]);
  return <button onClick={() => void save} />;`, REACT_HOOKS),
    (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
  );
}
addInvalid(
  'a mutation named in the dependency array of useImperativeHandle (its third argument)',
  component(`const m = api.generation.deleteScene.useMutation();
  useImperativeHandle(props.handle, () => ({ remove: () => m.mutate({ projectId, sceneId }) }), [m]);
  return null;`, REACT_HOOKS),
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene'))],
);
addInvalid(
  'a destructured mutateAsync and m.mutate named in dependency arrays (React.useCallback too)',
  component(`const { mutateAsync: remove } = api.generation.deleteScene.useMutation();
  const add = api.generation.addScene.useMutation();
  const onRemove = useCallback(async () => { await remove({ projectId, sceneId }); }, [remove]);
  const onAdd = React.useCallback(() => add.mutate({ projectId }), [add.mutate]);
  return <button onClick={() => { void onRemove(); onAdd(); }} />;`, `import React, { useCallback } from 'react';\n`),
  (code) => [
    missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', atUseMutation(code, 'generation.deleteScene')),
    missing('generation.addScene', 'sceneSyncHelpers.syncSceneCreated', atUseMutation(code, 'generation.addScene')),
  ],
);
addValid(
  'a dependency array that holds a mutation which does sync',
  component(`const m = api.generation.updateScene.useMutation();
  const save = useCallback(async () => {
    const scene = await m.mutateAsync({ projectId });
    sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, scene);
  }, [m, projectId, sceneId]);
  return <button onClick={() => void save()} />;`, `${HELPER_IMPORT}${REACT_HOOKS}`),
);
addValid(
  'an array that is not a hook dependency array hands the mutation on',
  component(`const m = api.generation.updateScene.useMutation();
  const save = useCallback(async () => { await m.mutateAsync({ projectId }); }, [projectId]);
  return <Toolbar mutations={[m]} onSave={save} />;`, REACT_HOOKS),
);
addInvalid(
  'a mutation held in a ref: const r = useRef(mutation); r.current.mutateAsync(...)',
  component(`const m = api.generation.updateScene.useMutation();
  const r = useRef(m);
  const save = async () => { await r.current.mutateAsync({ projectId }); };
  return <button onClick={() => void save()} />;`, REACT_HOOKS),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'a mutation put in a ref: r.current = mutation, typed with typeof, called through r.current?.mutate',
  component(`const m = api.generation.addScene.useMutation();
  const r = useRef<typeof m | null>(null);
  r.current = m;
  return <button onClick={() => r.current?.mutate({ projectId })} />;`, REACT_HOOKS),
  (code) => [missing('generation.addScene', 'sceneSyncHelpers.syncSceneCreated', atUseMutation(code, 'generation.addScene'))],
);
addValid(
  'a ref-held mutation that syncs after it is awaited',
  component(`const r = useRef(api.generation.updateScene.useMutation());
  const save = async () => {
    const scene = await r.current.mutateAsync({ projectId });
    sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, scene);
  };
  return <button onClick={() => void save()} />;`, `${HELPER_IMPORT}${REACT_HOOKS}`),
);
addInvalid(
  'an optimistic store write before the awaited mutation is not a sync',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation();
  const save = async (scene: { name: string }) => {
    updateScene(projectId, sceneId, scene);
    await m.mutateAsync({ projectId, sceneId, scene });
  };
  return <button onClick={() => void save({ name: 'x' })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'an optimistic write before the await and its restore in the catch: the success path still never syncs',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation();
  const save = async (scene: { name: string }, previous: { name: string }) => {
    updateScene(projectId, sceneId, scene);
    try {
      await m.mutateAsync({ projectId, sceneId, scene });
    } catch {
      updateScene(projectId, sceneId, previous);
    }
  };
  return <button onClick={() => void save({ name: 'x' }, { name: 'y' })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'a restore in the catch of a try that awaits the mutation and then more is not a sync',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation();
  const save = async (scene: { name: string }, previous: { name: string }) => {
    try {
      await m.mutateAsync({ projectId, sceneId, scene });
      console.info('saved');
    } catch {
      updateScene(projectId, sceneId, previous);
    }
  };
  return <button onClick={() => void save({ name: 'x' }, { name: 'y' })} />;`),
  (code) => [missing('generation.updateScene', 'sceneSyncHelpers.syncSceneUpdated', atUseMutation(code, 'generation.updateScene'))],
);
addInvalid(
  'TanStack: trpc received as a parameter, mutationOptions with a per-call onSuccess that does not sync',
  `${TANSTACK_IMPORTS}
export function useRemove(trpc: ReturnType<typeof useTRPC>, projectId: string) {
  const m = useMutation(trpc.generation.deleteScene.mutationOptions());
  return (sceneId: string) => m.mutateAsync({ projectId, sceneId }, { onSuccess: () => console.log('removed') });
}
`,
  (code) => [missing('generation.deleteScene', 'sceneSyncHelpers.syncSceneDeleted', tanstackAt(code))],
);
addValid(
  'TanStack: a mutation whose mutationFn calls fetch is no procedure matched by mutations',
  component(`const m = useMutation({ mutationFn: (scene: { id: string }) => fetch('/api/scenes/' + scene.id, { method: 'PUT' }), onSuccess: () => console.log('saved') });
  const n = useMutation({ mutationFn: () => fetch('/api/scenes') });
  return <button onClick={() => { m.mutate({ id: sceneId }); void n.mutateAsync(); }} />;`, TANSTACK_IMPORTS),
);

ruleTester.run('require-sync-after-mutation', rule, { valid, invalid });
