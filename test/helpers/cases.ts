import { RuleTester } from '@typescript-eslint/rule-tester';

export type Mode = 'after-mutation' | 'everywhere';
export const MODES: readonly Mode[] = ['after-mutation', 'everywhere'];

/**
 * A component file, as most cases are: TSX under `src/components`. Absolute, as ESLint passes file
 * names, so the lookups into other modules run as in a real lint (a relative name turns them off).
 */
export const COMPONENT_FILE = '/project/src/components/Panel.tsx';
export const HELPER_FILE = 'src/lib/sync/scene-sync.ts';
export const STORE_FILE = 'src/stores/videoState.ts';

export function createRuleTester(): RuleTester {
  return new RuleTester({
    defaultFilenames: { ts: '/project/src/components/Panel.ts', tsx: COMPONENT_FILE },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}

export const STORE_IMPORT = "import { useVideoState } from '~/stores/videoState';\n";
export const API_IMPORT = "import { api } from '~/trpc/react';\n";
/** The imports most cases start with. */
export const IMPORTS = `${STORE_IMPORT}${API_IMPORT}`;

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The location of the `occurrence`-th appearance of `text` in `code`, in ESLint's 1-based
 * lines and columns: what a report on exactly that source text must carry.
 */
export function span(code: string, text: string, occurrence = 1): Span {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(text, index + 1);
    if (index === -1) throw new Error(`span: occurrence ${occurrence} of ${JSON.stringify(text)} not found in:\n${code}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  const start = position(index);
  const end = position(index + text.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** `mode` as the rule option array, for the rules that take one. */
export function modeOptions(mode: Mode): [{ mode: Mode }] {
  return [{ mode }];
}

/** A convention that shares no name with the defaults: nothing in the rules may be hard-wired. */
export const CUSTOM_SETTINGS = {
  sceneSync: {
    entity: 'document',
    store: { hooks: ['useEditorStore'], actions: { upsertDoc: 'updated', removeDoc: 'deleted' } },
    queries: ['docs.list'],
    mutations: ['docs.*'],
    helper: {
      module: '~/sync/doc-sync',
      object: 'docSync',
      style: 'object',
      functions: { created: 'docCreated', updated: 'docUpdated', deleted: 'docDeleted', restored: 'docRestored', changed: 'docsChanged' },
    },
  },
};

/**
 * Where a hand-written sync can sit relative to an awaited or callback mutation, and whether it is
 * in the mutation's success path. `SITE` is replaced by the site under test; the mutation is `m`
 * (`api.generation.updateScene.useMutation()`), `props` holds `projectId`, `sceneId`, `cond`, `items`.
 */
export interface FlowCase {
  name: string;
  /** Code placed inside the component; `SITE` marks the site (exactly once). */
  body: string;
  /** True when the site runs after the mutation succeeded. */
  after: boolean;
  /** Extra imports. */
  imports?: string;
  /** Replaces `const m = api.generation.updateScene.useMutation();`. */
  hook?: string;
  /**
   * True when `SITE` is the expression body of an arrow function (`() => SITE`), not a statement
   * (`SITE;`): a rewrite puts the helper call in the arrow's body instead of a statement.
   */
  arrowBody?: boolean;
  /** True when a store write at `SITE` is an optimistic update: no-optimistic-scene-update reports it, not the sync rules. */
  optimisticWrite?: boolean;
}

export const FLOW_CASES: readonly FlowCase[] = [
  { name: 'site before the await', after: false, body: 'const save = async () => { SITE; await m.mutateAsync({ projectId }); };' },
  { name: 'site after the await', after: true, body: 'const save = async () => { await m.mutateAsync({ projectId }); SITE; };' },
  {
    name: 'site after awaiting Promise.all over a map of mutateAsync calls',
    after: true,
    body: 'const save = async (ids: string[]) => { await Promise.all(ids.map((id) => m.mutateAsync({ projectId, id }))); SITE; };',
  },
  {
    name: 'site after the await of a result that is used',
    after: true,
    body: 'const save = async () => { const saved = await m.mutateAsync({ projectId }); console.log(saved); SITE; };',
  },
  {
    name: 'site in the other branch of the if that awaits',
    after: false,
    body: 'const save = async () => { if (cond) { await m.mutateAsync({ projectId }); } else { SITE; } };',
  },
  {
    name: 'site after an if that awaits without returning',
    after: true,
    body: 'const save = async () => { if (cond) { await m.mutateAsync({ projectId }); } SITE; };',
  },
  {
    name: 'site after an early-return branch that holds the await',
    after: false,
    body: 'const save = async () => { if (cond) { await m.mutateAsync({ projectId }); return; } SITE; };',
  },
  {
    name: 'site in a loop body before the await (reached on the next iteration)',
    after: true,
    body: 'const save = async () => { for (const item of items) { SITE; await m.mutateAsync({ projectId, item }); } };',
  },
  {
    name: 'site in a loop body before an await that breaks out of the loop',
    after: false,
    body: 'const save = async () => { for (const item of items) { SITE; await m.mutateAsync({ projectId, item }); break; } };',
  },
  {
    name: 'site after a loop that awaits and breaks',
    after: true,
    body: 'const save = async () => { for (const item of items) { if (item) { await m.mutateAsync({ projectId, item }); break; } } SITE; };',
  },
  {
    name: 'site in a later switch case after a case that awaits and breaks',
    after: false,
    body: 'const save = async () => { switch (cond) { case 1: await m.mutateAsync({ projectId }); break; case 2: SITE; } };',
  },
  {
    name: 'site in a later switch case the awaiting case falls through to',
    after: true,
    body: 'const save = async () => { switch (cond) { case 1: await m.mutateAsync({ projectId }); case 2: SITE; } };',
  },
  {
    name: 'site in the finally of a try that awaits',
    after: true,
    body: 'const save = async () => { try { await m.mutateAsync({ projectId }); } finally { SITE; } };',
  },
  {
    name: 'site in the catch of a try that only awaits (runs when the mutation failed)',
    after: false,
    body: 'const save = async () => { try { await m.mutateAsync({ projectId }); } catch { SITE; } };',
  },
  {
    name: 'site in the catch of a try with more code after the await (that code may throw after success)',
    after: true,
    body: 'const save = async () => { try { await m.mutateAsync({ projectId }); console.log(sceneId); } catch { SITE; } };',
  },
  {
    name: 'site after a try whose catch returns',
    after: true,
    body: 'const save = async () => { try { await m.mutateAsync({ projectId }); } catch { return; } SITE; };',
  },
  {
    name: 'site in the other arm of a conditional that awaits',
    after: false,
    body: 'const save = async () => (cond ? await m.mutateAsync({ projectId }) : SITE);',
  },
  {
    name: 'site in a callback created after the await',
    after: true,
    arrowBody: true,
    body: 'const save = async () => { await m.mutateAsync({ projectId }); items.forEach(() => SITE); };',
  },
  {
    name: 'site in a local function called after the await',
    after: true,
    arrowBody: true,
    body: 'const save = async () => { const apply = () => SITE; await m.mutateAsync({ projectId }); apply(); };',
  },
  {
    name: 'site in a local function called only before the await',
    after: false,
    arrowBody: true,
    body: 'const save = async () => { const apply = () => SITE; apply(); await m.mutateAsync({ projectId }); };',
  },
  {
    name: 'site after the await in an async IIFE',
    after: true,
    body: 'const save = () => { void (async () => { await m.mutateAsync({ projectId }); SITE; })(); };',
  },
  {
    name: 'site after the await of a renamed destructured mutateAsync',
    after: true,
    hook: 'const { mutateAsync: saveScene } = api.generation.updateScene.useMutation();',
    body: 'const save = async () => { await saveScene({ projectId }); SITE; };',
  },
  { name: 'site in .then after mutateAsync', after: true, body: 'const save = () => m.mutateAsync({ projectId }).then(() => { SITE; });' },
  { name: 'site in .finally after mutateAsync', after: true, body: 'const save = () => m.mutateAsync({ projectId }).finally(() => { SITE; });' },
  { name: 'site in .then after .catch on mutateAsync', after: true, body: 'const save = () => m.mutateAsync({ projectId }).catch(() => undefined).then(() => { SITE; });' },
  { name: 'site in .catch on mutateAsync (a failure)', after: false, body: 'const save = () => m.mutateAsync({ projectId }).catch(() => { SITE; });' },
  {
    name: 'site after awaiting mutateAsync(...).catch(...)',
    after: true,
    body: 'const save = async () => { await m.mutateAsync({ projectId }).catch(() => undefined); SITE; };',
  },
  {
    name: 'site in a local function passed to .then after mutateAsync',
    after: true,
    body: 'const done = () => { SITE; }; const save = () => m.mutateAsync({ projectId }).then(done);',
  },
  {
    name: 'site in a per-call mutate(vars, { onSuccess })',
    after: true,
    body: 'const save = () => m.mutate({ projectId }, { onSuccess: () => { SITE; } });',
  },
  {
    name: 'site in a per-call mutate(vars, { onError })',
    after: false,
    body: 'const save = () => m.mutate({ projectId }, { onError: () => { SITE; } });',
  },
  {
    name: 'site in onSuccess of useMutation',
    after: true,
    hook: 'const m = api.generation.updateScene.useMutation({ onSuccess: () => { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in an onSuccess method of useMutation',
    after: true,
    hook: 'const m = api.generation.updateScene.useMutation({ async onSuccess() { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onSettled of useMutation',
    after: true,
    hook: 'const m = api.generation.updateScene.useMutation({ onSettled: () => { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onError of useMutation',
    after: false,
    hook: 'const m = api.generation.updateScene.useMutation({ onError: () => { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onMutate of useMutation (runs before the server)',
    after: false,
    optimisticWrite: true,
    hook: 'const m = api.generation.updateScene.useMutation({ onMutate: () => { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in setTimeout nested in onSuccess',
    after: true,
    hook: 'const m = api.generation.updateScene.useMutation({ onSuccess: () => { setTimeout(() => { SITE; }, 0); } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onSuccess: handleSuccess, a local arrow function',
    after: true,
    hook: 'const handleSuccess = () => { SITE; };\n  const m = api.generation.updateScene.useMutation({ onSuccess: handleSuccess });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onSuccess: handleSuccess, a function declaration',
    after: true,
    hook: 'function handleSuccess() { SITE; }\n  const m = api.generation.updateScene.useMutation({ onSuccess: handleSuccess });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in a local function called from onSuccess',
    after: true,
    hook: 'const refresh = () => { SITE; };\n  const m = api.generation.updateScene.useMutation({ onSuccess: () => { refresh(); } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in a useCallback passed as onSuccess',
    after: true,
    imports: "import { useCallback } from 'react';\n",
    hook: 'const onSuccess = useCallback(() => { SITE; }, []);\n  const m = api.generation.updateScene.useMutation({ onSuccess });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in a local function that is never called from a success path',
    after: false,
    hook: 'const refresh = () => { SITE; };\n  const m = api.generation.updateScene.useMutation({ onSuccess: () => { console.log(refresh.name); } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in an SSE server-event callback onSceneCreated',
    after: true,
    imports: "import { useProjectEvents } from '~/hooks/use-project-events';\n",
    hook: 'const m = api.generation.updateScene.useMutation();',
    body: 'useProjectEvents(projectId, { onSceneCreated: (scene: unknown) => { console.log(scene); SITE; } });\n  const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in an SSE server-event callback referenced by name (onSceneDeleted: handleDeleted)',
    after: true,
    imports: "import { useProjectEvents } from '~/hooks/use-project-events';\n",
    hook: 'const m = api.generation.updateScene.useMutation();',
    body: 'const handleDeleted = () => { SITE; };\n  useProjectEvents(projectId, { onSceneDeleted: handleDeleted });\n  const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in a non-scene event callback (onMessage)',
    after: false,
    imports: "import { useProjectEvents } from '~/hooks/use-project-events';\n",
    hook: 'const m = api.generation.updateScene.useMutation();',
    body: 'useProjectEvents(projectId, { onMessage: () => { SITE; } });\n  const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onSuccess of TanStack useMutation(trpc.x.y.mutationOptions({ onSuccess }))',
    after: true,
    imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n",
    hook: 'const trpc = useTRPC();\n  const m = useMutation(trpc.generation.deleteScene.mutationOptions({ onSuccess: () => { SITE; } }));',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site in onSuccess of TanStack mutationOptions(options), the options held in a const',
    after: true,
    imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n",
    hook: 'const trpc = useTRPC();\n  const options = { onSuccess: () => { SITE; } };\n  const m = useMutation(trpc.generation.deleteScene.mutationOptions(options));',
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site after awaiting a vanilla client mutation',
    after: true,
    imports: "import { client } from '~/trpc/vanilla';\n",
    hook: '',
    body: 'const save = async () => { await client.generation.updateScene.mutate({ projectId }); SITE; };',
  },
  {
    name: 'site in the per-call onSuccess of mutateAsync of a TanStack mutationOptions mutation',
    after: true,
    imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n",
    hook: 'const trpc = useTRPC();\n  const m = useMutation(trpc.generation.updateScene.mutationOptions());',
    body: 'const save = async () => { await m.mutateAsync({ projectId }, { onSuccess: () => { SITE; } }); };',
  },
  {
    name: 'site in onSuccess of a TanStack useMutation whose mutationFn calls fetch (no tRPC procedure)',
    after: true,
    imports: "import { useMutation } from '@tanstack/react-query';\n",
    hook: "const m = useMutation({ mutationFn: (input: { projectId: string }) => fetch(`/api/projects/${input.projectId}/scenes`, { method: 'POST' }), onSuccess: () => { SITE; } });",
    body: 'const save = () => m.mutate({ projectId });',
  },
  {
    name: 'site after awaiting a fetch mutation whose options are held in a constant',
    after: true,
    imports: "import { useMutation } from '@tanstack/react-query';\nimport { scenesApi } from '~/lib/rest';\n",
    hook: 'const options = { mutationFn: scenesApi.save };\n  const m = useMutation(options);',
    body: 'const save = async () => { await m.mutateAsync({ projectId }); SITE; };',
  },
  {
    name: 'site after awaiting a mutation held in a ref: useRef(mutation)',
    after: true,
    imports: "import { useRef } from 'react';\n",
    hook: 'const r = useRef(api.generation.updateScene.useMutation());',
    body: 'const save = async () => { await r.current.mutateAsync({ projectId }); SITE; };',
  },
  {
    name: 'site after awaiting a mutation put in a ref: ref.current = mutation',
    after: true,
    imports: "import { useRef } from 'react';\n",
    hook: 'const m = api.generation.updateScene.useMutation();\n  const r = useRef<typeof m | null>(null);\n  r.current = m;',
    body: 'const save = async () => { await r.current?.mutateAsync({ projectId }); SITE; };',
  },
  {
    name: 'site after the await in a useCallback that lists the mutation as a dependency',
    after: true,
    imports: "import { useCallback } from 'react';\n",
    body: 'const save = useCallback(async () => { await m.mutateAsync({ projectId }); SITE; }, [m, projectId]);',
  },
  {
    name: 'site in the onSuccess of a non-scene mutation',
    after: false,
    hook: 'const m = api.project.renameProject.useMutation({ onSuccess: () => { SITE; } });',
    body: 'const save = () => m.mutate({ projectId });',
  },
];

/** What goes into a flow case's component; `flowComponent` builds the input, a suggestion's output is built from the parts it changes. */
export interface FlowParts {
  /** Replaces `SITE`. */
  site: string;
  /** Statements before the mutation hook; `null` when a suggestion removed them with their line. */
  setup?: string | null;
  /** The whole import block (default: `IMPORTS` and the flow case's own imports). */
  imports?: string;
}

/** A component holding a flow case, with `site` in place of `SITE` and `setup` before the mutation. */
export function flowComponent(flow: FlowCase, site: string, setup = ''): string {
  return flowFile(flow, { site, setup });
}

/** A component holding a flow case, built from its parts. */
export function flowFile(flow: FlowCase, parts: FlowParts): string {
  if (flow.body.split('SITE').length + (flow.hook ?? '').split('SITE').length !== 3) throw new Error(`SITE must appear once in ${flow.name}`);
  const hook = flow.hook ?? 'const m = api.generation.updateScene.useMutation();';
  const setup = parts.setup === undefined ? '' : parts.setup;
  return `${parts.imports ?? `${IMPORTS}${flow.imports ?? ''}`}
export function Panel({ projectId, sceneId, cond, items }: { projectId: string; sceneId: string; cond: number; items: string[] }) {
${setup === null ? '' : `  ${setup}\n`}  ${hook.replace('SITE', () => parts.site)}
  ${flow.body.replace('SITE', () => parts.site)}
  return <button onClick={() => void save()}>{sceneId}</button>;
}
`;
}

/** The import a rewrite adds with the default conventions (positional style, `sceneSyncHelpers` object). */
export const HELPER_IMPORT = "import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n";

/** The `useHelper` suggestion of a report whose run the codemod rewrites: it names `helper`; `output` is the whole fixed file. */
export function useHelper(helper: string, output: string): { messageId: 'useHelper'; data: { helper: string }; output: string }[] {
  return [{ messageId: 'useHelper', data: { helper }, output }];
}

/** The issue's seed example: a run of three syncs after an awaited scene mutation (two store reports, one cache report). */
export const SEED_EXAMPLE = `${IMPORTS}
export function useSaveScene(projectId: string) {
  const utils = api.useUtils();
  const { updateScene, updateAndRefresh } = useVideoState();
  const mutation = api.generation.updateScene.useMutation();

  return async (draft: { id: string; tsxCode: string }) => {
    const s = await mutation.mutateAsync({ id: draft.id, tsxCode: draft.tsxCode });
    updateScene(projectId, s.id, s);
    await utils.generation.getProjectScenes.invalidate({ projectId });
    await updateAndRefresh(projectId, (p) => p);
  };
}
`;

/** The seed example rewritten: one awaited helper call; utils, the destructured actions and the store import go. */
export const SEED_EXAMPLE_OUTPUT = `${API_IMPORT}${HELPER_IMPORT}
export function useSaveScene(projectId: string) {
  const mutation = api.generation.updateScene.useMutation();

  return async (draft: { id: string; tsxCode: string }) => {
    const s = await mutation.mutateAsync({ id: draft.id, tsxCode: draft.tsxCode });
    await sceneSyncHelpers.syncSceneUpdated(projectId, s.id, s);
  };
}
`;
