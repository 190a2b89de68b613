import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-direct-store-update';
import {
  API_IMPORT,
  COMPONENT_FILE,
  CUSTOM_SETTINGS,
  FLOW_CASES,
  HELPER_FILE,
  HELPER_IMPORT,
  IMPORTS,
  MODES,
  SEED_EXAMPLE,
  SEED_EXAMPLE_OUTPUT,
  STORE_IMPORT,
  STORE_FILE,
  createRuleTester,
  flowComponent,
  flowFile,
  modeOptions,
  span,
  useHelper,
} from '../helpers/cases';

type Options = [{ mode?: 'after-mutation' | 'everywhere' }];
type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const ruleTester = createRuleTester();


/** The imports of a success-path file whose store import the suggestion removed, with the helper import added after the last one. */
const REWRITTEN_IMPORTS = API_IMPORT + HELPER_IMPORT;

/** What the codemod (and so the suggestion) makes of a form in the success path of a mutation. */
type Rewrite =
  | {
      /** The statement that replaces the site's statement (`${site};`). */
      statement: string;
      /** What the setup becomes: `null` when its bindings became unused and went with their line. Default: unchanged. */
      setup?: string | null;
      /** The whole import block after the rewrite. */
      imports: string;
    }
  /** The codemod leaves the site for review: no suggestion. */
  | { review: string };

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
  rewrite: Rewrite;
}

const FORMS: Form[] = [
  {
    name: 'useVideoState.getState().updateScene(...)',
    site: 'useVideoState.getState().updateScene(projectId, sceneId, {})',
    report: 'useVideoState.getState().updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});', imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'a store held in a variable: const s = useVideoState.getState(); s.deleteScene(...)',
    site: 'const s = useVideoState.getState(); s.deleteScene(projectId, sceneId)',
    report: 's.deleteScene(projectId, sceneId)',
    messageId: 'directAction',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneDeleted(projectId, sceneId);', imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'destructured from the hook with a rename: const { updateScene: upd } = useVideoState()',
    setup: 'const { updateScene: upd } = useVideoState();',
    site: 'upd(projectId, sceneId, {})',
    report: 'upd(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});', setup: null, imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'destructured from getState(): const { updateAndRefresh } = useVideoState.getState()',
    setup: 'const { updateAndRefresh } = useVideoState.getState();',
    site: 'updateAndRefresh(projectId, (props: unknown) => props)',
    report: 'updateAndRefresh(projectId, (props: unknown) => props)',
    messageId: 'directAction',
    found: 'updateAndRefresh',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { statement: 'void sceneSyncHelpers.syncAllScenes(projectId);', setup: null, imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'bound by a selector: useVideoState(state => state.updateScene)',
    setup: 'const updateScene = useVideoState(state => state.updateScene);',
    site: 'updateScene(projectId, sceneId, {})',
    report: 'updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});', setup: null, imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'bound by a typed selector: useVideoState((state: any) => state.addScene)',
    setup: 'const addScene = useVideoState((state: any) => state.addScene);',
    site: 'addScene(projectId, {})',
    report: 'addScene(projectId, {})',
    messageId: 'directAction',
    found: 'addScene',
    helper: 'sceneSyncHelpers.syncSceneCreated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneCreated(projectId, {});', setup: null, imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'bound by a selector whose body is cast: state.replace as (...) => void',
    setup: 'const replace = useVideoState((state) => state.replace as (id: string, scenes: unknown[]) => void);',
    site: 'replace(projectId, [])',
    report: 'replace(projectId, [])',
    messageId: 'directAction',
    found: 'replace',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'replace(...) writes data that the helper would not carry' },
  },
  {
    name: 'bound by a selector whose result is cast: useVideoState(s => s.reorderScenes) as any',
    setup: 'const reorder = useVideoState((s) => s.reorderScenes) as any;',
    site: 'reorder(projectId, 0, 1)',
    report: 'reorder(projectId, 0, 1)',
    messageId: 'directAction',
    found: 'reorderScenes',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'reorderScenes(...) writes data that the helper would not carry' },
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
    // The destructuring goes; the hook call stays (a selector returning an object is not provably free of effects,
    // like a query hook), so the store and useShallow imports it uses stay too.
    rewrite: {
      statement: 'void sceneSyncHelpers.syncSceneDeleted(projectId, sceneId);',
      setup: 'useVideoState(useShallow((state) => ({ deleteScene: state.deleteScene })));',
      imports: `${STORE_IMPORT}${API_IMPORT}import { useShallow } from 'zustand/react/shallow';\n${HELPER_IMPORT}`,
    },
  },
  {
    name: 'called through a cast of getState(): (useVideoState.getState() as any).updateScene(...)',
    site: '(useVideoState.getState() as any).updateScene(projectId, sceneId, {})',
    report: '(useVideoState.getState() as any).updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});', imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'an aliased store import: import { useVideoState as useEditor }',
    storeImport: "import { useVideoState as useEditor } from '~/stores/videoState';\n",
    site: 'useEditor.getState().updateScene(projectId, sceneId, {})',
    report: 'useEditor.getState().updateScene(projectId, sceneId, {})',
    messageId: 'directAction',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    rewrite: { statement: 'void sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {});', imports: REWRITTEN_IMPORTS },
  },
  {
    name: 'useVideoState.setState(...)',
    site: 'useVideoState.setState({ projects: {} })',
    report: 'useVideoState.setState({ projects: {} })',
    messageId: 'directSetState',
    found: 'useVideoState.setState',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'setState writes state the helper would not carry' },
  },
  {
    name: 'setState with an updater that spreads the state and writes a scene key',
    site: 'useVideoState.setState((state: any) => ({ ...state, projects: {} }))',
    report: 'useVideoState.setState((state: any) => ({ ...state, projects: {} }))',
    messageId: 'directSetState',
    found: 'useVideoState.setState',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'setState writes state the helper would not carry' },
  },
  {
    name: 'setState that replaces the whole state: setState({ playhead: 0 }, true)',
    site: 'useVideoState.setState({ playhead: 0 }, true)',
    report: 'useVideoState.setState({ playhead: 0 }, true)',
    messageId: 'directSetState',
    found: 'useVideoState.setState',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'setState writes state the helper would not carry' },
  },
  {
    name: 'setState under a key known only at run time: setState({ [id]: {} })',
    site: 'useVideoState.setState({ [id]: {} })',
    report: 'useVideoState.setState({ [id]: {} })',
    messageId: 'directSetState',
    found: 'useVideoState.setState',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'setState writes state the helper would not carry' },
  },
  {
    name: 'assignment through getState() and a cast: (useVideoState.getState().projects as any)[id].revision = n',
    site: '(useVideoState.getState().projects as any)[id].revision = n',
    report: '(useVideoState.getState().projects as any)[id].revision = n',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'a direct write into the state is data the helper would not carry' },
  },
  {
    name: 'delete through getState(): delete useVideoState.getState().projects[id]',
    site: 'delete useVideoState.getState().projects[id]',
    report: 'delete useVideoState.getState().projects[id]',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'a direct write into the state is data the helper would not carry' },
  },
  {
    name: 'an update expression through a held state: state.projects[id].revision++',
    site: 'const state = useVideoState.getState(); state.projects[id].revision++',
    report: 'state.projects[id].revision++',
    messageId: 'directWrite',
    found: 'useVideoState state',
    helper: 'sceneSyncHelpers.syncAllScenes',
    rewrite: { review: 'a direct write into the state is data the helper would not carry' },
  },
];

/** What goes into a success-path file: the input is built from the form, a suggestion's output from its rewrite. */
interface SuccessPathParts {
  imports: string;
  /** `null`: no setup line at all. */
  setup: string | null;
  /** The statement inside onSuccess. */
  statement: string;
}

function successPathFile({ imports, setup, statement }: SuccessPathParts): string {
  return `${imports}
export function Panel({ projectId, sceneId, id, n }: { projectId: string; sceneId: string; id: string; n: number }) {
${setup === null ? '' : `  ${setup}\n`}  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      ${statement}
    },
  });
  return <button onClick={() => m.mutate({ projectId })}>{sceneId}</button>;
}
`;
}

function successPathParts(form: Form): SuccessPathParts {
  return { imports: `${form.storeImport ?? STORE_IMPORT}${API_IMPORT}${form.imports ?? ''}`, setup: form.setup ?? '', statement: `${form.site};` };
}

/** The form inside the onSuccess of a scene mutation: in the success path. */
function inSuccessPath(form: Form): string {
  return successPathFile(successPathParts(form));
}

/** The suggestion on the form in the success path, as its rewrite states it. */
function successPathSuggestions(form: Form): Invalid['errors'][number]['suggestions'] {
  if ('review' in form.rewrite) return [];
  const { statement, setup, imports } = form.rewrite;
  const parts = successPathParts(form);
  return useHelper(form.helper, successPathFile({ imports, setup: setup === undefined ? parts.setup : setup, statement }));
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

function formError(code: string, form: Form, suggestions: Invalid['errors'][number]['suggestions']): Invalid['errors'][number] {
  return { messageId: form.messageId, data: { helper: form.helper, found: form.found }, ...span(code, form.report), suggestions };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

for (const form of FORMS) {
  for (const mode of MODES) {
    const inside = inSuccessPath(form);
    invalid.push({
      name: `[${mode}] in onSuccess: ${form.name}`,
      code: inside,
      options: modeOptions(mode),
      errors: [formError(inside, form, successPathSuggestions(form))],
    });
  }
  const outside = inDragHandler(form);
  valid.push({ name: `[after-mutation] in a drag handler, not after a mutation: ${form.name}`, code: outside, options: modeOptions('after-mutation') });
  // Not after a mutation: nothing the codemod would rewrite, so no suggestion.
  invalid.push({ name: `[everywhere] in a drag handler: ${form.name}`, code: outside, options: modeOptions('everywhere'), errors: [formError(outside, form, [])] });
}

// Flow: whether a site is "after" a mutation follows the code's control flow, not its text order.
const FLOW_SITE = 'useVideoState.getState().updateScene(projectId, sceneId, {})';
const FLOW_CALL = 'sceneSyncHelpers.syncSceneUpdated(projectId, sceneId, {})';
for (const flow of FLOW_CASES) {
  const code = flowComponent(flow, FLOW_SITE);
  // After the mutation, the suggestion calls the helper where the site was (`void` for an unawaited statement,
  // the bare call as an arrow's body), drops the now-unused store import and adds the helper's after the last import.
  const suggestions = flow.after
    ? useHelper(
        'sceneSyncHelpers.syncSceneUpdated',
        flowFile(flow, { site: flow.arrowBody ? FLOW_CALL : `void ${FLOW_CALL}`, imports: `${API_IMPORT}${flow.imports ?? ''}${HELPER_IMPORT}` }),
      )
    : [];
  const errors: Invalid['errors'] = [
    { messageId: 'directAction', data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'updateScene' }, ...span(code, FLOW_SITE), suggestions },
  ];
  if (flow.after) {
    invalid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation'), errors });
  } else {
    valid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation') });
  }
  if (flow.optimisticWrite) {
    // An optimistic store write is no-optimistic-scene-update's report: one report per write.
    valid.push({ name: `[everywhere] flow: ${flow.name}`, code, options: modeOptions('everywhere') });
  } else {
    invalid.push({ name: `[everywhere] flow: ${flow.name}`, code, options: modeOptions('everywhere'), errors });
  }
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
    useVideoState.setState({ projects: {} });
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
  useVideoState.setState({ projects: {} });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'UI state after a mutation: setState of keys outside store.stateKeys, and writes into them',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const m = api.generation.createScene.useMutation({
    onSuccess: (scene) => {
      useVideoState.setState({ selectedSceneId: scene.id });
      useVideoState.setState((state: any) => ({ ...state, playhead: 0 }));
      useVideoState.setState((state: any) => {
        return { dragPreview: null };
      }, false);
      useVideoState.setState({ ...useVideoState.getState(), playhead: 1 });
      useVideoState.getState().selectedSceneId = scene.id;
      const state = useVideoState.getState();
      state.playhead++;
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'store.stateKeys names where the scenes are: a write into another key is UI state',
    settings: { sceneSync: { store: { stateKeys: ['scenes'] } } },
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const m = api.generation.createScene.useMutation({
    onSuccess: () => {
      useVideoState.setState({ projects: {} });
      delete useVideoState.getState().projects[projectId];
    },
  });
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
      useVideoState.setState({ projects: {} });
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
  // The arrow's body becomes the restore helper's call: the scene the server returned, no scene id.
  const restored = `${API_IMPORT}${HELPER_IMPORT}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  const restore = api.generation.restoreScene.useMutation({ onSuccess: (scene) => sceneSyncHelpers.syncSceneRestored(projectId, scene) });
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
          suggestions: useHelper('sceneSyncHelpers.syncSceneRestored', restored),
        },
      ],
    });
  }
}

// Which keys of the store's state hold scenes: store.stateKeys, the default store's `projects`, or
// any key (null, and another store whose keys were not given).
{
  const panel = (hook: string, body: string) => `import { ${hook} } from '~/stores/videoState';
${API_IMPORT}
export function Panel({ projectId }: { projectId: string }) {
  const m = api.generation.createScene.useMutation({
    onSuccess: () => {
      ${body}
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`;
  const cases: { name: string; hook: string; store: Record<string, unknown>; site: string; messageId: MessageIds; found: string }[] = [
    { name: 'store.stateKeys: ["scenes"] reports a setState of scenes', hook: 'useVideoState', store: { stateKeys: ['scenes'] }, site: 'useVideoState.setState({ scenes: [] })', messageId: 'directSetState', found: 'useVideoState.setState' },
    { name: 'store.stateKeys: ["scenes"] reports a write into scenes', hook: 'useVideoState', store: { stateKeys: ['scenes'] }, site: 'useVideoState.getState().scenes.length = 0', messageId: 'directWrite', found: 'useVideoState state' },
    { name: 'store.stateKeys: null reports a setState of any key', hook: 'useVideoState', store: { stateKeys: null }, site: 'useVideoState.setState({ selectedSceneId: null })', messageId: 'directSetState', found: 'useVideoState.setState' },
    { name: 'store.stateKeys: null reports even an empty setState', hook: 'useVideoState', store: { stateKeys: null }, site: 'useVideoState.setState({})', messageId: 'directSetState', found: 'useVideoState.setState' },
    { name: 'another store without stateKeys: any key may hold scenes', hook: 'useEditorStore', store: { hooks: ['useEditorStore'] }, site: 'useEditorStore.getState().selectedSceneId = null', messageId: 'directWrite', found: 'useEditorStore state' },
  ];
  for (const { name, hook, store, site, messageId, found } of cases) {
    const code = panel(hook, `${site};`);
    invalid.push({
      name: `[after-mutation] ${name}`,
      code,
      settings: { sceneSync: { store } },
      options: modeOptions('after-mutation'),
      errors: [{ messageId, data: { helper: 'sceneSyncHelpers.syncAllScenes', found }, ...span(code, site), suggestions: [] }],
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
  // upsertDoc(doc) and setState({}) form one run; setState writes state the helper would not carry, so the whole run is
  // left for review and neither report carries a suggestion.
  const expectedAfterMutation: Invalid['errors'] = [
    {
      messageId: 'directAction',
      data: { helper: 'docSync.docUpdated', found: 'upsertDoc' },
      ...span(code, 'useEditorStore.getState().upsertDoc(doc)'),
      suggestions: [],
    },
    {
      messageId: 'directSetState',
      data: { helper: 'docSync.docsChanged', found: 'useEditorStore.setState' },
      ...span(code, 'useEditorStore.setState({})'),
      suggestions: [],
    },
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
      // generation.updateScene is no mutation of this convention: not after a mutation, no suggestion.
      {
        messageId: 'directAction',
        data: { helper: 'docSync.docDeleted', found: 'removeDoc' },
        ...span(code, 'useEditorStore.getState().removeDoc(doc.id)'),
        suggestions: [],
      },
    ],
  });
}

// Focused suggestions: what the rewrite of one run takes with it, and what it leaves alone.
{
  // The selector-bound const, its hook dependency and the store import are used by nothing else once the write is gone.
  const code = `${STORE_IMPORT}import { useCallback } from 'react';
${API_IMPORT}
export function Panel({ projectId }: { projectId: string }) {
  const remove = useVideoState((state) => state.deleteScene);
  const onSuccess = useCallback((_result: unknown, { id }: { id: string }) => {
    remove(projectId, id);
  }, [projectId, remove]);
  const m = api.generation.deleteScene.useMutation({ onSuccess });
  return <button onClick={() => m.mutate({ projectId, id: 'a' })} />;
}
`;
  const output = `import { useCallback } from 'react';
${API_IMPORT}${HELPER_IMPORT}
export function Panel({ projectId }: { projectId: string }) {
  const onSuccess = useCallback((_result: unknown, { id }: { id: string }) => {
    void sceneSyncHelpers.syncSceneDeleted(projectId, id);
  }, [projectId]);
  const m = api.generation.deleteScene.useMutation({ onSuccess });
  return <button onClick={() => m.mutate({ projectId, id: 'a' })} />;
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: removes the now-unused selector-bound const, its hook dependency and the store import',
    code,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'sceneSyncHelpers.syncSceneDeleted', found: 'deleteScene' },
        ...span(code, 'remove(projectId, id)'),
        suggestions: useHelper('sceneSyncHelpers.syncSceneDeleted', output),
      },
    ],
  });
}

{
  // An import from the helper module is already there: the helper joins it instead of a second import.
  const code = `import { registerSceneSyncUtils } from '~/lib/sync/scene-sync';
${STORE_IMPORT}${API_IMPORT}
export function Root({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  registerSceneSyncUtils(utils);
  const mutation = api.generation.deleteScene.useMutation({
    onSuccess: (_result, { id }) => {
      useVideoState.getState().deleteScene(projectId, id);
    },
  });
  return mutation;
}
`;
  const output = `import { registerSceneSyncUtils, sceneSyncHelpers } from '~/lib/sync/scene-sync';
${API_IMPORT}
export function Root({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  registerSceneSyncUtils(utils);
  const mutation = api.generation.deleteScene.useMutation({
    onSuccess: (_result, { id }) => {
      void sceneSyncHelpers.syncSceneDeleted(projectId, id);
    },
  });
  return mutation;
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: merges the helper into the existing import from the helper module',
    code,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'sceneSyncHelpers.syncSceneDeleted', found: 'deleteScene' },
        ...span(code, 'useVideoState.getState().deleteScene(projectId, id)'),
        suggestions: useHelper('sceneSyncHelpers.syncSceneDeleted', output),
      },
    ],
  });
}

{
  // The seed example: a run of three syncs becomes one awaited call to the helper of its scene write; both store reports
  // (and the invalidation's, see no-manual-invalidate) name that helper and carry the same suggestion.
  const code = SEED_EXAMPLE;
  const suggestions = useHelper('sceneSyncHelpers.syncSceneUpdated', SEED_EXAMPLE_OUTPUT);
  for (const mode of MODES) {
    invalid.push({
      name: `[${mode}] suggestion: a run of three statements is one rewrite, offered on each of its reports`,
      code,
      options: modeOptions(mode),
      errors: [
        { messageId: 'directAction', data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'updateScene' }, ...span(code, 'updateScene(projectId, s.id, s)'), suggestions },
        {
          messageId: 'directAction',
          data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'updateAndRefresh' },
          ...span(code, 'updateAndRefresh(projectId, (p) => p)'),
          suggestions,
        },
      ],
    });
  }
}

{
  // replace(...) with the server's scenes is data the helper would not carry: left for review, no suggestion.
  const code = `${API_IMPORT}${STORE_IMPORT}
export function useSceneReorder(projectId: string) {
  return api.generation.reorderScenes.useMutation({
    onSuccess: (scenes) => {
      const store = useVideoState.getState();
      store.replace(projectId, scenes); // server order wins
    },
  });
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: none for a review site (replace with new data after a mutation)',
    code,
    options: modeOptions('after-mutation'),
    errors: [{ messageId: 'directAction', data: { helper: 'sceneSyncHelpers.syncAllScenes', found: 'replace' }, ...span(code, 'store.replace(projectId, scenes)'), suggestions: [] }],
  });
}

{
  // One step of the run must be reviewed, so the whole run is: the rewritable updateScene gets no suggestion either.
  const code = `${IMPORTS}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  const m = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      useVideoState.getState().updateScene(projectId, sceneId, scene);
      useVideoState.getState().replace(projectId, [scene]);
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: none for any site of a run that holds a review site',
    code,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'updateScene' },
        ...span(code, 'useVideoState.getState().updateScene(projectId, sceneId, scene)'),
        suggestions: [],
      },
      {
        messageId: 'directAction',
        data: { helper: 'sceneSyncHelpers.syncAllScenes', found: 'replace' },
        ...span(code, 'useVideoState.getState().replace(projectId, [scene])'),
        suggestions: [],
      },
    ],
  });
}

{
  // Object style (a custom convention): utils from the scope, the scene id under the convention's key, a source label
  // from the file and the enclosing callback; the import comes from the convention's module.
  const code = `import { useEditorStore } from '~/stores/editor';
${API_IMPORT}
export function DocPanel({ projectId, docId }: { projectId: string; docId: string }) {
  const utils = api.useUtils();
  const remove = api.docs.remove.useMutation({
    onSuccess: () => {
      useEditorStore.getState().removeDoc(projectId, docId);
    },
  });
  return <button onClick={() => remove.mutate({ projectId, docId })}>{String(utils)}</button>;
}
`;
  const output = `${API_IMPORT}import { docSync } from '~/sync/doc-sync';

export function DocPanel({ projectId, docId }: { projectId: string; docId: string }) {
  const utils = api.useUtils();
  const remove = api.docs.remove.useMutation({
    onSuccess: () => {
      void docSync.docDeleted({ projectId, utils, sceneId: docId, source: 'Panel.DocPanel.onSuccess' });
    },
  });
  return <button onClick={() => remove.mutate({ projectId, docId })}>{String(utils)}</button>;
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: object-style helper call of a custom convention',
    code,
    settings: CUSTOM_SETTINGS,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'docSync.docDeleted', found: 'removeDoc' },
        ...span(code, 'useEditorStore.getState().removeDoc(projectId, docId)'),
        suggestions: useHelper('docSync.docDeleted', output),
      },
    ],
  });
}

{
  // Object style with the app's client configured and no utils in scope: the suggestion adds them
  // at the top of the component, where the Rules of Hooks allow a hook, and the callback closes over them.
  const settings = { sceneSync: { ...CUSTOM_SETTINGS.sceneSync, client: { module: '~/trpc/react', name: 'api' } } };
  const code = `import { useEditorStore } from '~/stores/editor';
${API_IMPORT}
export function DocPanel({ projectId, docId }: { projectId: string; docId: string }) {
  const remove = api.docs.remove.useMutation({
    onSuccess: () => {
      useEditorStore.getState().removeDoc(projectId, docId);
    },
  });
  return <button onClick={() => remove.mutate({ projectId, docId })}>Delete</button>;
}
`;
  const output = `${API_IMPORT}import { docSync } from '~/sync/doc-sync';

export function DocPanel({ projectId, docId }: { projectId: string; docId: string }) {
  const utils = api.useUtils();
  const remove = api.docs.remove.useMutation({
    onSuccess: () => {
      void docSync.docDeleted({ projectId, utils, sceneId: docId, source: 'Panel.DocPanel.onSuccess' });
    },
  });
  return <button onClick={() => remove.mutate({ projectId, docId })}>Delete</button>;
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: object style adds the utils the helper needs to the component',
    code,
    settings,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'docSync.docDeleted', found: 'removeDoc' },
        ...span(code, 'useEditorStore.getState().removeDoc(projectId, docId)'),
        suggestions: useHelper('docSync.docDeleted', output),
      },
    ],
  });
  // In a plain function no hook may be added: no suggestion.
  const plain = code.replace('export function DocPanel', 'export function renderDocPanel');
  invalid.push({
    name: '[after-mutation] suggestion: none where no hook may be added (a plain function)',
    code: plain,
    settings,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'directAction',
        data: { helper: 'docSync.docDeleted', found: 'removeDoc' },
        ...span(plain, 'useEditorStore.getState().removeDoc(projectId, docId)'),
        suggestions: [],
      },
    ],
  });
}

ruleTester.run('no-direct-store-update', rule, { valid, invalid });
