import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-optimistic-scene-update';
import { CUSTOM_SETTINGS, IMPORTS, createRuleTester, span } from '../helpers/cases';
import { SNIPPETS, TS_ONLY_SNIPPETS } from '../helpers/snippets';

type Valid = ValidTestCase<[]>;
type Invalid = InvalidTestCase<MessageIds, []>;
type Expected = Invalid['errors'][number];

const ruleTester = createRuleTester();

const TANSTACK_IMPORTS = "import { useMutation, useQueryClient } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n";

/** A component around `body`; props are `projectId` and `sceneId`. */
function component(body: string, imports = ''): string {
  return `${IMPORTS}${imports}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  ${body}
}
`;
}

function write(code: string, text: string, mutation: string, found: string, helper: string, occurrence = 1, entity = 'scene'): Expected {
  return { messageId: 'optimisticWrite', data: { mutation, found, helper, entity }, ...span(code, text, occurrence) };
}

function rollback(code: string, text: string, mutation: string, found: string, occurrence = 1): Expected {
  return { messageId: 'rollback', data: { mutation, found, entity: 'scene' }, ...span(code, text, occurrence) };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

function addInvalid(name: string, code: string, errors: (code: string) => Expected[], extra: Partial<Invalid> = {}): void {
  invalid.push({ name, code, errors: errors(code), ...extra });
}

function addValid(name: string, code: string, extra: Partial<Valid> = {}): void {
  valid.push({ name, code, ...extra });
}

const UPDATED = 'sceneSyncHelpers.syncSceneUpdated';
const SET_DATA = 'utils.generation.getProjectScenes.setData';

// The pattern the app removed in Sprint 98: cancel, snapshot, write the cache, roll back from the context.
addInvalid(
  'tRPC onMutate: cancel, snapshot, setData on the scene query; onError restores the snapshot from the context',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onMutate: async (input) => {
      await utils.generation.getProjectScenes.cancel({ projectId });
      const previous = utils.generation.getProjectScenes.getData({ projectId });
      utils.generation.getProjectScenes.setData({ projectId }, (old) => old?.map((scene) => (scene.id === input.id ? { ...scene, ...input } : scene)));
      return { previous };
    },
    onError: (_error, _input, context) => {
      utils.generation.getProjectScenes.setData({ projectId }, context?.previous);
    },
  });
  return <button disabled={m.isPending} onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [
    write(code, `utils.generation.getProjectScenes.setData({ projectId }, (old) => old?.map((scene) => (scene.id === input.id ? { ...scene, ...input } : scene)))`, 'generation.updateScene', SET_DATA, UPDATED),
    rollback(code, 'utils.generation.getProjectScenes.setData({ projectId }, context?.previous)', 'generation.updateScene', SET_DATA),
  ],
);

addInvalid(
  'store action in onMutate; onError puts the snapshot back through the store',
  component(`const m = api.generation.updateScene.useMutation({
    onMutate: (input) => {
      const previous = useVideoState.getState().projects[projectId];
      useVideoState.getState().updateScene(projectId, input.id, input);
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context) useVideoState.getState().replace(projectId, context.previous);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [
    write(code, 'useVideoState.getState().updateScene(projectId, input.id, input)', 'generation.updateScene', 'updateScene', UPDATED),
    rollback(code, 'useVideoState.getState().replace(projectId, context.previous)', 'generation.updateScene', 'replace'),
  ],
);

addInvalid(
  'store action bound by a selector, in an async onMutate method; rollback through a destructured context',
  component(`const addScene = useVideoState((state) => state.addScene);
  const deleteScene = useVideoState((state) => state.deleteScene);
  const m = api.generation.addScene.useMutation({
    async onMutate(input) {
      const tempId = 'temp-' + input.name;
      addScene(projectId, { ...input, id: tempId });
      return { tempId };
    },
    onError(_error, _input, { tempId } = { tempId: '' }) {
      deleteScene(projectId, tempId);
    },
  });
  return <button onClick={() => m.mutate({ name: 'Intro' })} />;`),
  (code) => [
    write(code, 'addScene(projectId, { ...input, id: tempId })', 'generation.addScene', 'addScene', 'sceneSyncHelpers.syncSceneCreated'),
    rollback(code, 'deleteScene(projectId, tempId)', 'generation.addScene', 'deleteScene'),
  ],
);

addInvalid(
  'the snapshot is read into a constant first: const previous = context?.previous',
  component(`const utils = api.useUtils();
  const m = api.generation.deleteScene.useMutation({
    onMutate: async () => {
      const previous = utils.generation.getProjectScenes.getData({ projectId });
      utils.generation.getProjectScenes.setData({ projectId }, (old) => old?.filter((scene) => scene.id !== sceneId));
      return { previous };
    },
    onError: (_error, _input, context) => {
      const previous = context?.previous;
      if (previous) utils.generation.getProjectScenes.setData({ projectId }, previous);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [
    write(code, 'utils.generation.getProjectScenes.setData({ projectId }, (old) => old?.filter((scene) => scene.id !== sceneId))', 'generation.deleteScene', SET_DATA, 'sceneSyncHelpers.syncSceneDeleted'),
    rollback(code, 'utils.generation.getProjectScenes.setData({ projectId }, previous)', 'generation.deleteScene', SET_DATA),
  ],
);

addInvalid(
  'TanStack useMutation(trpc...mutationOptions({ onMutate })) with queryClient.setQueryData on the scene query key',
  component(`const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.generation.getProjectScenes.queryKey({ projectId });
  const m = useMutation(trpc.generation.updateScene.mutationOptions({
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), (old) => old && [...old, input]);
      return { previous };
    },
    onError: (_error, _input, context) => queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), context?.previous),
  }));
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, TANSTACK_IMPORTS),
  (code) => [
    write(code, 'queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), (old) => old && [...old, input])', 'generation.updateScene', 'queryClient.setQueryData', UPDATED),
    rollback(code, 'queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), context?.previous)', 'generation.updateScene', 'queryClient.setQueryData'),
  ],
);

addInvalid(
  'cancel of the scene query followed by a write on a key the analysis cannot name',
  component(`const utils = api.useUtils();
  const queryClient = useQueryClient();
  const m = api.generation.updateScene.useMutation({
    onMutate: async (input) => {
      await utils.generation.getProjectScenes.cancel({ projectId });
      const previous = queryClient.getQueryData(['scenes', projectId]);
      queryClient.setQueryData(['scenes', projectId], input);
      return { previous };
    },
    onError: (_error, _input, context) => {
      queryClient.setQueryData(['scenes', projectId], context?.previous);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, "import { useQueryClient } from '@tanstack/react-query';\n"),
  (code) => [
    write(code, "queryClient.setQueryData(['scenes', projectId], input)", 'generation.updateScene', 'queryClient.setQueryData', UPDATED),
    rollback(code, "queryClient.setQueryData(['scenes', projectId], context?.previous)", 'generation.updateScene', 'queryClient.setQueryData'),
  ],
);

addInvalid(
  'onMutate names a local function that writes the store through setState',
  component(`const applyOptimistic = (input: { id: string }) => {
    useVideoState.setState((state: any) => ({ ...state, projects: { ...state.projects, [input.id]: input } }));
  };
  const m = api.generation.updateScene.useMutation({ onMutate: applyOptimistic });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [
    write(code, 'useVideoState.setState((state: any) => ({ ...state, projects: { ...state.projects, [input.id]: input } }))', 'generation.updateScene', 'useVideoState.setState', UPDATED),
  ],
);

addValid(
  'onMutate sets a pending flag through setState: UI state, outside store.stateKeys',
  component(`const m = api.generation.updateScene.useMutation({
    onMutate: (input: { id: string }) => useVideoState.setState((state: any) => ({ ...state, pending: input.id })),
    onSuccess: (scene: any) => sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene),
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
);

addInvalid(
  'onMutate calls a local function declaration that writes the store',
  component(`function insertTemporary(input: { name: string }) {
    useVideoState.getState().addScene(projectId, { id: 'temp', ...input });
  }
  const m = api.generation.addScene.useMutation({
    onMutate: (input) => {
      insertTemporary(input);
    },
  });
  return <button onClick={() => m.mutate({ name: 'Intro' })} />;`),
  (code) => [write(code, "useVideoState.getState().addScene(projectId, { id: 'temp', ...input })", 'generation.addScene', 'addScene', 'sceneSyncHelpers.syncSceneCreated')],
);

addInvalid(
  'a direct write into the store state in onMutate',
  component(`const m = api.generation.updateScene.useMutation({
    onMutate: (input) => {
      useVideoState.getState().projects[projectId].scenes[0] = input;
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [write(code, 'useVideoState.getState().projects[projectId].scenes[0] = input', 'generation.updateScene', 'useVideoState state', UPDATED)],
);

addInvalid(
  'only the rollback is visible: onMutate snapshots, onError restores the snapshot into the store',
  component(`const m = api.generation.revertScene.useMutation({
    onMutate: () => ({ previous: useVideoState.getState().projects[projectId] }),
    onError: (_error, _input, context) => {
      useVideoState.getState().replace(projectId, context?.previous);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  (code) => [rollback(code, 'useVideoState.getState().replace(projectId, context?.previous)', 'generation.revertScene', 'replace')],
);

addInvalid(
  'onMutate spread in from a mutationOptions object held in a constant',
  component(`const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.generation.updateScene.mutationOptions({
    onMutate: () => {
      queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), []);
    },
  });
  const m = useMutation({ ...options, retry: 1 });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, TANSTACK_IMPORTS),
  (code) => [write(code, 'queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), [])', 'generation.updateScene', 'queryClient.setQueryData', UPDATED)],
);

addInvalid(
  'custom conventions: the docs store and the docs.list query',
  `import { useEditorStore } from '~/stores/editor';
import { api } from '~/trpc/react';
export function DocPanel({ docId }: { docId: string }) {
  const utils = api.useUtils();
  const m = api.docs.rename.useMutation({
    onMutate: (input) => {
      useEditorStore.getState().upsertDoc(input);
      utils.docs.list.setData(undefined, []);
    },
  });
  return <button onClick={() => m.mutate({ id: docId })} />;
}
`,
  (code) => [
    write(code, 'useEditorStore.getState().upsertDoc(input)', 'docs.rename', 'upsertDoc', 'docSync.docUpdated', 1, 'document'),
    write(code, 'utils.docs.list.setData(undefined, [])', 'docs.rename', 'utils.docs.list.setData', 'docSync.docUpdated', 1, 'document'),
  ],
  { settings: CUSTOM_SETTINGS },
);

// Valid twins.
addValid(
  'onMutate that only cancels the scene query (no write before the server answers)',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onMutate: async () => {
      await utils.generation.getProjectScenes.cancel({ projectId });
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
);
addValid(
  'onMutate that sets a loading state and reads the cache',
  component(`const utils = api.useUtils();
  const [saving, setSaving] = useState(false);
  const m = api.generation.updateScene.useMutation({
    onMutate: () => {
      setSaving(true);
      console.log(utils.generation.getProjectScenes.getData({ projectId }));
    },
    onSettled: () => setSaving(false),
  });
  return <button disabled={saving} onClick={() => m.mutate({ id: sceneId })} />;`, "import { useState } from 'react';\n"),
);
addValid(
  "a non-scene mutation's onMutate writes its own query, with a rollback",
  component(`const utils = api.useUtils();
  const m = api.project.rename.useMutation({
    onMutate: async (input) => {
      const previous = utils.project.get.getData({ projectId });
      utils.project.get.setData({ projectId }, (old) => old && { ...old, name: input.name });
      return { previous };
    },
    onError: (_error, _input, context) => utils.project.get.setData({ projectId }, context?.previous),
  });
  return <button onClick={() => m.mutate({ name: 'x' })} />;`),
);
addValid(
  'writes in onSuccess are the other rules\u2019 business',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      useVideoState.getState().updateScene(projectId, scene.id, scene);
      utils.generation.getProjectScenes.setData({ projectId }, []);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
);
addValid(
  'onError that only reports the error and refetches',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onError: (error, _input, context) => {
      console.error(error, context);
      void utils.generation.getProjectScenes.invalidate({ projectId });
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
);
addValid(
  'onError that writes the store without the context (an error flag)',
  component(`const m = api.generation.updateScene.useMutation({
    onError: () => {
      useVideoState.getState().updateScene(projectId, sceneId, { failed: true });
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
);
addValid(
  'a cache write on an unknown key without a cancel of the scene query',
  component(`const queryClient = useQueryClient();
  const m = api.generation.updateScene.useMutation({
    onMutate: () => {
      queryClient.setQueryData(['draft', sceneId], null);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, "import { useQueryClient } from '@tanstack/react-query';\n"),
);
addValid(
  'a cache write before the cancel is not "cancel followed by a write"',
  component(`const utils = api.useUtils();
  const queryClient = useQueryClient();
  const m = api.generation.updateScene.useMutation({
    onMutate: async () => {
      queryClient.setQueryData(['draft', sceneId], null);
      await utils.generation.getProjectScenes.cancel({ projectId });
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`, "import { useQueryClient } from '@tanstack/react-query';\n"),
);
addValid(
  'a parameter named like the store is not the store',
  `import { api } from '~/trpc/react';
export function Panel({ projectId, useVideoState }: { projectId: string; useVideoState: any }) {
  const m = api.generation.updateScene.useMutation({
    onMutate: (input) => {
      useVideoState.getState().updateScene(projectId, input.id, input);
    },
  });
  return <button onClick={() => m.mutate({ id: projectId })} />;
}
`,
);
addValid(
  'a file in allow is not analysed',
  component(`const m = api.generation.updateScene.useMutation({
    onMutate: (input) => {
      useVideoState.getState().updateScene(projectId, input.id, input);
    },
  });
  return <button onClick={() => m.mutate({ id: sceneId })} />;`),
  { filename: 'src/legacy/Panel.tsx', settings: { sceneSync: { allow: ['src/legacy/**'] } } },
);

// The imperative form: write, await the mutation in a try, restore in the catch (or onError). One report per write.
function writeBefore(code: string, text: string, mutation: string, found: string, helper: string, entity = 'scene'): Expected {
  return { messageId: 'writeBeforeAwait', data: { mutation, found, helper, entity }, ...span(code, text) };
}
function restoreInCatch(code: string, text: string, mutation: string, found: string, occurrence = 1, entity = 'scene'): Expected {
  return { messageId: 'restoreAfterFailure', data: { mutation, found, entity }, ...span(code, text, occurrence) };
}
addInvalid(
  'imperative: store write, then await mutateAsync in a try, restore in the catch',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation();
  const save = async (scene: { name: string }, previous: { name: string }) => {
    updateScene(projectId, sceneId, scene);
    try {
      await m.mutateAsync({ projectId, sceneId, scene });
    } catch (error) {
      updateScene(projectId, sceneId, previous);
      throw error;
    }
  };
  return <button onClick={() => void save({ name: 'a' }, { name: 'b' })} />;`),
  (code) => [
    writeBefore(code, 'updateScene(projectId, sceneId, scene)', 'generation.updateScene', 'updateScene', UPDATED),
    restoreInCatch(code, 'updateScene(projectId, sceneId, previous)', 'generation.updateScene', 'updateScene'),
  ],
);
addInvalid(
  'imperative: two writes inside the try before an awaited vanilla mutate, restored through the store in the catch',
  `import { useVideoState } from '~/stores/videoState';
import { client } from '~/trpc/vanilla';
export async function removeScene(projectId: string, sceneId: string, snapshot: unknown) {
  try {
    useVideoState.getState().deleteScene(projectId, sceneId);
    useVideoState.setState({ projects: {} });
    await client.generation.deleteScene.mutate({ projectId, sceneId });
  } catch {
    useVideoState.getState().replace(projectId, snapshot);
  }
}
`,
  (code) => [
    writeBefore(code, 'useVideoState.getState().deleteScene(projectId, sceneId)', 'generation.deleteScene', 'deleteScene', 'sceneSyncHelpers.syncSceneDeleted'),
    writeBefore(code, 'useVideoState.setState({ projects: {} })', 'generation.deleteScene', 'useVideoState.setState', 'sceneSyncHelpers.syncSceneDeleted'),
    restoreInCatch(code, 'useVideoState.getState().replace(projectId, snapshot)', 'generation.deleteScene', 'replace'),
  ],
);
addInvalid(
  'imperative: clearing the selection before the mutate is UI state, not an optimistic write',
  `import { useVideoState } from '~/stores/videoState';
import { client } from '~/trpc/vanilla';
export async function removeScene(projectId: string, sceneId: string, snapshot: unknown) {
  try {
    useVideoState.setState({ selectedSceneId: null });
    useVideoState.getState().selectedSceneId = null;
    useVideoState.getState().deleteScene(projectId, sceneId);
    await client.generation.deleteScene.mutate({ projectId, sceneId });
  } catch {
    useVideoState.getState().replace(projectId, snapshot);
  }
}
`,
  (code) => [
    writeBefore(code, 'useVideoState.getState().deleteScene(projectId, sceneId)', 'generation.deleteScene', 'deleteScene', 'sceneSyncHelpers.syncSceneDeleted'),
    restoreInCatch(code, 'useVideoState.getState().replace(projectId, snapshot)', 'generation.deleteScene', 'replace'),
  ],
);
addInvalid(
  'imperative: a cache write before the await, restored in the mutation onError',
  component(`const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onError: () => utils.generation.getProjectScenes.setData({ projectId }, []),
  });
  const save = async () => {
    try {
      utils.generation.getProjectScenes.setData({ projectId }, (old) => old);
      await m.mutateAsync({ projectId });
    } catch {
      console.warn('failed');
    }
  };
  return <button onClick={() => void save()} />;`),
  (code) => [
    // onError comes first in the file; it restores without a context, after the write before the await.
    restoreInCatch(code, 'utils.generation.getProjectScenes.setData({ projectId }, [])', 'generation.updateScene', SET_DATA),
    writeBefore(code, 'utils.generation.getProjectScenes.setData({ projectId }, (old) => old)', 'generation.updateScene', SET_DATA, UPDATED),
  ],
);
addInvalid(
  'imperative, custom convention: the messages speak of documents',
  `import { useEditorStore } from '~/stores/editor';
import { api } from '~/trpc/react';
export function DocTitle({ doc }: { doc: { id: string; title: string } }) {
  const upsertDoc = useEditorStore((s) => s.upsertDoc);
  const save = api.docs.save.useMutation();
  const rename = async (title: string) => {
    upsertDoc({ ...doc, title });
    try {
      await save.mutateAsync({ id: doc.id, title });
    } catch {
      upsertDoc(doc);
    }
  };
  return <button onClick={() => void rename('x')} />;
}
`,
  (code) => [
    writeBefore(code, 'upsertDoc({ ...doc, title })', 'docs.save', 'upsertDoc', 'docSync.docUpdated', 'document'),
    restoreInCatch(code, 'upsertDoc(doc)', 'docs.save', 'upsertDoc', 1, 'document'),
  ],
  { settings: CUSTOM_SETTINGS },
);
addValid(
  'imperative near-misses: a write after the await, a catch that restores nothing, a write with no try around the await',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation();
  const a = async (scene: { name: string }) => {
    try {
      const saved = await m.mutateAsync({ projectId, sceneId, scene });
      updateScene(projectId, sceneId, saved);
    } catch {
      console.warn('failed');
    }
  };
  const b = async (scene: { name: string }) => {
    updateScene(projectId, sceneId, scene);
    try {
      await m.mutateAsync({ projectId, sceneId, scene });
    } catch {
      console.warn('failed');
    }
  };
  const c = async (scene: { name: string }, previous: { name: string }) => {
    updateScene(projectId, sceneId, scene);
    await m.mutateAsync({ projectId, sceneId, scene }).catch(() => updateScene(projectId, sceneId, previous));
  };
  return <button onClick={() => { void a({ name: 'x' }); void b({ name: 'x' }); void c({ name: 'x' }, { name: 'y' }); }} />;`),
);
addValid(
  'imperative: a non-scene mutation in the try, and a write in another function, are not optimistic updates',
  component(`const updateScene = useVideoState((s) => s.updateScene);
  const rename = api.project.renameProject.useMutation();
  const m = api.generation.updateScene.useMutation();
  const prepare = (scene: { name: string }) => updateScene(projectId, sceneId, scene);
  const save = async (scene: { name: string }, previous: { name: string }) => {
    try {
      await rename.mutateAsync({ projectId, name: scene.name });
      await m.mutateAsync({ projectId, sceneId, scene });
    } catch {
      updateScene(projectId, sceneId, previous);
    }
  };
  return <button onClick={() => { prepare({ name: 'x' }); void save({ name: 'x' }, { name: 'y' }); }} />;`),
);

// Robustness: code that uses none of the conventions, with syntax a rule could trip over. The comment names
// every keyword the rule's quick check looks for, so the file is analysed, not skipped.
const FORCE_ANALYSIS = '// useVideoState useUtils useContext useMutation mutate generation onScene onMutate onError\n';
for (const [name, code] of Object.entries(SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/components/Snippet.tsx' });
}
for (const [name, code] of Object.entries(TS_ONLY_SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/lib/snippet.ts' });
}

ruleTester.run('no-optimistic-scene-update', rule, { valid, invalid });
