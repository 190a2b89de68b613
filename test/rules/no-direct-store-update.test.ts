import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-direct-store-update';
import {
  COMPONENT_FILE,
  CUSTOM_SETTINGS,
  FLOW_CASES,
  HELPER_FILE,
  IMPORTS,
  MODES,
  STORE_FILE,
  createRuleTester,
  flowComponent,
  modeOptions,
  span,
} from '../helpers/cases';

type Options = [{ mode?: 'after-mutation' | 'everywhere' }];
type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const ruleTester = createRuleTester();

const STORE_IMPORT = "import { useVideoState } from '~/stores/videoState';\n";
const API_IMPORT = "import { api } from '~/trpc/react';\n";

/** One way of writing the store by hand. */
interface Form {
  name: string;
  /** Statements at the top of the component (selectors, destructuring). */
  setup?: string;
  /** The statements that write the store; `report` is the part the report covers. */
  site: string;
  report: string;
  messageId: MessageIds;
  found: string;
  helper: string;
  /** Replaces the store import. */
  storeImport?: string;
  imports?: string;
}

const FORMS: Form[] = [
  {
    name: 'useVideoState.getState().updateScene(...)',
    site: 'useVideoState.getState().updateScene(projectId, sceneId, {})',
    report: 'useVideoState.getState().updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
  },
  {
    name: 'a store held in a variable: const s = useVideoState.getState(); s.deleteScene(...)',
    site: 'const s = useVideoState.getState(); s.deleteScene(projectId, sceneId)',
    report: 's.deleteScene(projectId, sceneId)',
    messageId: 'directAction',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
  },
  {
    name: 'destructured from the hook with a rename: const { updateScene: upd } = useVideoState()',
    setup: 'const { updateScene: upd } = useVideoState();',
    site: 'upd(projectId, sceneId, {})',
    report: 'upd(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
  },
  {
    name: 'destructured from getState(): const { updateAndRefresh } = useVideoState.getState()',
    setup: 'const { updateAndRefresh } = useVideoState.getState();',
    site: 'updateAndRefresh(projectId, (props: unknown) => props)',
    report: 'updateAndRefresh(projectId, (props: unknown) => props)',
    messageId: 'directAction',
    found: 'updateAndRefresh',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'bound by a selector: useVideoState(state => state.updateScene)',
    setup: 'const updateScene = useVideoState(state => state.updateScene);',
    site: 'updateScene(projectId, sceneId, {})',
    report: 'updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
  },
  {
    name: 'bound by a typed selector: useVideoState((state: any) => state.addScene)',
    setup: 'const addScene = useVideoState((state: any) => state.addScene);',
    site: 'addScene(projectId, {})',
    report: 'addScene(projectId, {})',
    messageId: 'directAction',
    found: 'addScene',
    helper: 'sceneSyncHelpers.syncSceneCreated',
  },
  {
    name: 'bound by a selector whose body is cast: state.replace as (...) => void',
    setup: 'const replace = useVideoState((state) => state.replace as (id: string, scenes: unknown[]) => void);',
    site: 'replace(projectId, [])',
    report: 'replace(projectId, [])',
    messageId: 'directAction',
    found: 'replace',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'bound by a selector whose result is cast: useVideoState(s => s.reorderScenes) as any',
    setup: 'const reorder = useVideoState((s) => s.reorderScenes) as any;',
    site: 'reorder(projectId, 0, 1)',
    report: 'reorder(projectId, 0, 1)',
    messageId: 'directAction',
    found: 'reorderScenes',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'bound by a useShallow selector and destructured',
    imports: "import { useShallow } from 'zustand/react/shallow';\n",
    setup: 'const { deleteScene } = useVideoState(useShallow((state) => ({ deleteScene: state.deleteScene })));',
    site: 'deleteScene(projectId, sceneId)',
    report: 'deleteScene(projectId, sceneId)',
    messageId: 'directAction',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
  },
  {
    name: 'called through a cast of getState(): (useVideoState.getState() as any).updateScene(...)',
    site: '(useVideoState.getState() as any).updateScene(projectId, sceneId, {})',
    report: '(useVideoState.getState() as any).updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
  },
  {
    name: 'an aliased store import: import { useVideoState as useEditor }',
    storeImport: "import { useVideoState as useEditor } from '~/stores/videoState';\n",
    site: 'useEditor.getState().updateScene(projectId, sceneId, {})',
    report: 'useEditor.getState().updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
  },
  {
    name: 'useVideoState.setState(...)',
    site: 'useVideoState.setState({ projects: {} })',
    report: 'useVideoState.setState({ projects: {} })',
    messageId: 'directSetState',
    found: 'useVideoState.setState',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'assignment through getState() and a cast: (useVideoState.getState().projects as any)[id].revision = n',
    site: '(useVideoState.getState().projects as any)[id].revision = n',
    report: '(useVideoState.getState().projects as any)[id].revision = n',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'delete through getState(): delete useVideoState.getState().projects[id]',
    site: 'delete useVideoState.getState().projects[id]',
    report: 'delete useVideoState.getState().projects[id]',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
  {
    name: 'an update expression through a held state: state.projects[id].revision++',
    site: 'const state = useVideoState.getState(); state.projects[id].revision++',
    report: 'state.projects[id].revision++',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
  },
];

/** The form inside the onSuccess of a scene mutation: in the success path. */
function inSuccessPath(form: Form): string {
  return `${form.storeImport ?? STORE_IMPORT}${API_IMPORT}${form.imports ?? ''}
export function Panel({ projectId, sceneId, id, n }: { projectId: string; sceneId: string; id: string; n: number }) {
  ${form.setup ?? ''}
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      ${form.site};
    },
  });
  return <button onClick={() => m.mutate({ projectId })}>{sceneId}</button>;
}
`;
}

/** The form in a drag handler with no mutation around it: a local UI write. */
function inDragHandler(form: Form): string {
  return `${form.storeImport ?? STORE_IMPORT}${API_IMPORT}${form.imports ?? ''}
export function Panel({ projectId, sceneId, id, n }: { projectId: string; sceneId: string; id: string; n: number }) {
  ${form.setup ?? ''}
  const onDragEnd = () => {
    ${form.site};
  };
  return <div draggable onDragEnd={onDragEnd}>{sceneId}</div>;
}
`;
}

function formError(code: string, form: Form): Invalid['errors'][number] {
  return { messageId: form.messageId, data: { helper: form.helper, found: form.found }, ...span(code, form.report) };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

for (const form of FORMS) {
  for (const mode of MODES) {
    const inside = inSuccessPath(form);
    invalid.push({ name: `[${mode}] in onSuccess: ${form.name}`, code: inside, options: modeOptions(mode), errors: [formError(inside, form)] });
  }
  const outside = inDragHandler(form);
  valid.push({ name: `[after-mutation] in a drag handler, not after a mutation: ${form.name}`, code: outside, options: modeOptions('after-mutation') });
  invalid.push({ name: `[everywhere] in a drag handler: ${form.name}`, code: outside, options: modeOptions('everywhere'), errors: [formError(outside, form)] });
}

// Flow: whether a site is "after" a mutation follows the code's control flow, not its text order.
const FLOW_SITE = 'useVideoState.getState().updateScene(projectId, sceneId, {})';
for (const flow of FLOW_CASES) {
  const code = flowComponent(flow, FLOW_SITE);
  const errors: Invalid['errors'] = [
    { messageId: 'directAction', data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'updateScene' }, ...span(code, FLOW_SITE) },
  ];
  if (flow.after) {
    invalid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation'), errors });
  } else {
    valid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation') });
  }
  invalid.push({ name: `[everywhere] flow: ${flow.name}`, code, options: modeOptions('everywhere'), errors });
}

/** Code that must never be reported, in either mode. */
const NEVER: { name: string; code: string; filename?: string; settings?: Record<string, unknown> }[] = [
  {
    name: 'the helper module itself writes the store',
    filename: HELPER_FILE,
    code: `${IMPORTS}
export const sceneSyncHelpers = {
  async syncSceneUpdated(projectId: string, sceneId: string, scene: unknown) {
    useVideoState.getState().updateScene(projectId, sceneId, scene);
    useVideoState.setState({});
    delete useVideoState.getState().projects[projectId];
  },
};
`,
  },
  {
    name: 'the store module that declares useVideoState = create(...)',
    filename: STORE_FILE,
    code: `import { create } from 'zustand';
export const useVideoState = create<any>()((set, get) => ({
  projects: {},
  updateScene: (projectId: string, sceneId: string, scene: unknown) => set({ projects: { ...get().projects, [projectId]: { sceneId, scene } } }),
}));
export function resetProject(projectId: string) {
  useVideoState.getState().updateScene(projectId, '', null);
  useVideoState.setState({ projects: {} });
  delete useVideoState.getState().projects[projectId];
}
`,
  },
  {
    name: 'a file matched by settings.sceneSync.allow',
    filename: 'src/legacy/OldPanel.tsx',
    settings: { sceneSync: { allow: ['src/legacy/**'] } },
    code: `${IMPORTS}
export function OldPanel({ projectId }: { projectId: string }) {
  const m = api.generation.updateScene.useMutation({ onSuccess: () => useVideoState.getState().updateScene(projectId, 'a', {}) });
  useVideoState.setState({});
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'a parameter named updateScene shadows the store action',
    code: `${IMPORTS}
export function Panel({ projectId, updateScene }: { projectId: string; updateScene: (id: string) => void }) {
  const m = api.generation.updateScene.useMutation({ onSuccess: () => { updateScene(projectId); } });
  const onDrop = () => updateScene(projectId);
  return <div onDrop={onDrop} onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'a local useVideoState that is not the store',
    code: `import { api } from '~/trpc/react';
export function Panel({ projectId }: { projectId: string }) {
  const useVideoState = { getState: () => ({ updateScene: (id: string) => id, projects: {} as Record<string, unknown> }), setState: (x: unknown) => x };
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      useVideoState.getState().updateScene(projectId);
      useVideoState.setState({});
      delete useVideoState.getState().projects[projectId];
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: "String.prototype.replace: 'a'.replace(...) and name.replace(...)",
    code: `${IMPORTS}
export function Panel({ projectId, name }: { projectId: string; name: string }) {
  const m = api.generation.updateScene.useMutation({ onSuccess: () => { console.log('a'.replace('a', 'b'), name.replace(/x/g, 'y')); } });
  return <button onClick={() => m.mutate({ projectId, name: name.replace(' ', '-') })} />;
}
`,
  },
  {
    name: 'tRPC procedures named like store actions are not store calls',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const updateScene = api.generation.updateScene.useMutation();
  const replace = api.generation.replace.useMutation();
  const save = async () => {
    await updateScene.mutateAsync({ projectId });
    replace.mutate({ projectId });
  };
  return <button onClick={() => void save()} />;
}
`,
  },
  {
    name: 'an unrelated store (useUiStore) with actions named like scene actions',
    code: `${IMPORTS}import { useUiStore } from '~/stores/ui';
export function Panel({ projectId }: { projectId: string }) {
  const select = useUiStore((s) => s.updateScene);
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      useUiStore.getState().updateScene(projectId);
      useUiStore.setState({ open: false });
      select(projectId);
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'reading the store and calling actions that do not write scenes',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const scenes = useVideoState((s) => s.projects[projectId]);
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      const current = useVideoState.getState().projects[projectId];
      useVideoState.getState().selectScene(projectId, current);
      const copy = { ...useVideoState.getState() };
      copy.projects = {};
    },
  });
  return <button onClick={() => m.mutate({ projectId })}>{String(scenes)}</button>;
}
`,
  },
  {
    name: 'writes into plain objects named like the store state',
    code: `${IMPORTS}
export function Panel({ projectId, state }: { projectId: string; state: { projects: Record<string, { revision: number }> } }) {
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      state.projects[projectId]!.revision = 2;
      delete state.projects[projectId];
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
];

for (const never of NEVER) {
  for (const mode of MODES) {
    valid.push({
      name: `[${mode}] ${never.name}`,
      code: never.code,
      filename: never.filename ?? COMPONENT_FILE,
      options: modeOptions(mode),
      ...(never.settings ? { settings: never.settings } : {}),
    });
  }
}

// In the success path of a restore, the helper to call is the restore one.
{
  const code = `${IMPORTS}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  const restore = api.generation.restoreScene.useMutation({ onSuccess: (scene) => useVideoState.getState().updateScene(projectId, sceneId, scene) });
  return <button onClick={() => restore.mutate({ projectId, sceneId })} />;
}
`;
  for (const mode of MODES) {
    invalid.push({
      name: `[${mode}] a store write after a restore suggests the restore helper`,
      code,
      options: modeOptions(mode),
      errors: [
        {
          messageId: 'directAction',
          data: { helper: 'sceneSyncHelpers.syncSceneRestored', found: 'updateScene' },
          ...span(code, 'useVideoState.getState().updateScene(projectId, sceneId, scene)'),
        },
      ],
    });
  }
}

// A non-default convention: its names are reported with its helper, the defaults are not.
{
  const code = `import { useEditorStore } from '~/stores/editor';
import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';
export function DocPanel({ doc }: { doc: { id: string } }) {
  const save = api.docs.save.useMutation({
    onSuccess: () => {
      useEditorStore.getState().upsertDoc(doc);
      useEditorStore.setState({});
      useVideoState.getState().updateScene('p', 's', {});
      useEditorStore.getState().updateScene('p', 's', {});
    },
  });
  const scene = api.generation.updateScene.useMutation({ onSuccess: () => useEditorStore.getState().removeDoc(doc.id) });
  return <button onClick={() => { save.mutate(doc); scene.mutate(doc); }} />;
}
`;
  const expectedAfterMutation: Invalid['errors'] = [
    { messageId: 'directAction', data: { helper: 'docSync.docUpdated', found: 'upsertDoc' }, ...span(code, 'useEditorStore.getState().upsertDoc(doc)') },
    { messageId: 'directSetState', data: { helper: 'docSync.docsChanged', found: 'useEditorStore.setState' }, ...span(code, 'useEditorStore.setState({})') },
  ];
  invalid.push({
    name: '[after-mutation] custom convention: useEditorStore, docs.* mutations, docSync helper',
    code,
    settings: CUSTOM_SETTINGS,
    options: modeOptions('after-mutation'),
    errors: expectedAfterMutation,
  });
  invalid.push({
    name: '[everywhere] custom convention: generation.updateScene is no mutation of its, but the write is still outside the helper',
    code,
    settings: CUSTOM_SETTINGS,
    options: modeOptions('everywhere'),
    errors: [
      ...expectedAfterMutation,
      { messageId: 'directAction', data: { helper: 'docSync.docDeleted', found: 'removeDoc' }, ...span(code, 'useEditorStore.getState().removeDoc(doc.id)') },
    ],
  });
}

ruleTester.run('no-direct-store-update', rule, { valid, invalid });
