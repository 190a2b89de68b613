import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-manual-invalidate';
import { COMPONENT_FILE, CUSTOM_SETTINGS, FLOW_CASES, HELPER_FILE, IMPORTS, MODES, createRuleTester, flowComponent, modeOptions, span } from '../helpers/cases';

type Options = [{ mode?: 'after-mutation' | 'everywhere' }];
type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const ruleTester = createRuleTester();

const HELPER = 'sceneSyncHelpers.syncAllScenes';
const TANSTACK_IMPORTS = "import { useMutation, useQueryClient } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n";

/** One way of touching the scene query cache by hand. */
interface Form {
  name: string;
  setup: string;
  /** The call; the report covers exactly this text. */
  site: string;
  messageId: MessageIds;
  found: string;
  imports?: string;
}

const UTILS = 'const utils = api.useUtils();';
const TANSTACK = 'const trpc = useTRPC();\n  const queryClient = useQueryClient();';

const FORMS: Form[] = [
  ...['invalidate', 'refetch', 'fetch', 'reset', 'cancel'].map(
    (method): Form => ({
      name: `utils.generation.getProjectScenes.${method}(...) with utils from api.useUtils()`,
      setup: UTILS,
      site: `utils.generation.getProjectScenes.${method}({ projectId })`,
      messageId: 'manualCacheCall',
      found: `utils.generation.getProjectScenes.${method}`,
    }),
  ),
  {
    name: 'utils.generation.getProjectScenes.setData(...)',
    setup: UTILS,
    site: 'utils.generation.getProjectScenes.setData({ projectId }, [])',
    messageId: 'manualCacheCall',
    found: 'utils.generation.getProjectScenes.setData',
  },
  {
    name: 'utils from the older api.useContext()',
    setup: 'const ctx = api.useContext();',
    site: 'ctx.generation.getProjectScenes.invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'ctx.generation.getProjectScenes.invalidate',
  },
  {
    name: 'through a cast: (utils as any).generation.getProjectScenes.invalidate()',
    setup: UTILS,
    site: '(utils as any).generation.getProjectScenes.invalidate()',
    messageId: 'manualCacheCall',
    found: '(utils as any).generation.getProjectScenes.invalidate',
  },
  {
    name: 'through optional chaining: utils?.generation?.getProjectScenes?.invalidate?.()',
    setup: UTILS,
    site: 'utils?.generation?.getProjectScenes?.invalidate?.({ projectId })',
    messageId: 'manualCacheCall',
    found: 'utils?.generation?.getProjectScenes?.invalidate',
  },
  {
    name: 'a chain split over lines is named on one line',
    setup: UTILS,
    site: 'utils.generation\n        .getProjectScenes\n        .invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'utils.generation.getProjectScenes.invalidate',
  },
  {
    name: 'a router destructured from the utils: const { generation } = api.useUtils()',
    setup: 'const { generation } = api.useUtils();',
    site: 'generation.getProjectScenes.invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'generation.getProjectScenes.invalidate',
  },
  {
    name: 'invalidating the router that holds the scene query: utils.generation.invalidate()',
    setup: UTILS,
    site: 'utils.generation.invalidate()',
    messageId: 'routerInvalidate',
    found: 'utils.generation.invalidate',
  },
  {
    name: 'invalidating everything: utils.invalidate()',
    setup: UTILS,
    site: 'utils.invalidate()',
    messageId: 'rootInvalidate',
    found: 'utils.invalidate',
  },
  {
    name: 'the refetch of a scene query result',
    setup: 'const scenes = api.generation.getProjectScenes.useQuery({ projectId });',
    site: 'scenes.refetch()',
    messageId: 'manualCacheCall',
    found: 'scenes.refetch',
  },
  {
    name: 'the renamed refetch of a scene query: const { refetch: refetchScenes } = ...useQuery(...)',
    setup: 'const { data, refetch: refetchScenes } = api.generation.getProjectScenes.useQuery({ projectId });',
    site: 'refetchScenes()',
    messageId: 'manualCacheCall',
    found: 'refetchScenes',
  },
  {
    name: 'TanStack: queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
  },
  {
    name: 'TanStack: queryClient.refetchQueries(trpc.generation.getProjectScenes.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.refetchQueries(trpc.generation.getProjectScenes.pathFilter())',
    messageId: 'manualCacheCall',
    found: 'queryClient.refetchQueries',
  },
  {
    name: 'TanStack: queryClient.resetQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.resetQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    messageId: 'manualCacheCall',
    found: 'queryClient.resetQueries',
  },
  {
    name: 'TanStack: queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey(), exact: false })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
  },
  {
    name: 'TanStack: queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey(...), ...)',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), [])',
    messageId: 'manualCacheCall',
    found: 'queryClient.setQueryData',
  },
  {
    name: 'TanStack: invalidating the router: queryClient.invalidateQueries(trpc.generation.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.generation.pathFilter())',
    messageId: 'routerInvalidate',
    found: 'queryClient.invalidateQueries',
  },
  {
    name: 'TanStack: invalidating everything: queryClient.invalidateQueries(trpc.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.pathFilter())',
    messageId: 'rootInvalidate',
    found: 'queryClient.invalidateQueries',
  },
];

function inSuccessPath(form: Form): string {
  return `${IMPORTS}${form.imports ?? ''}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  ${form.setup}
  const m = api.generation.updateScene.useMutation({
    onSuccess: async () => {
      await ${form.site};
    },
  });
  return <button onClick={() => m.mutate({ projectId })}>{sceneId}</button>;
}
`;
}

/** A refresh button: a cache call that follows no mutation. */
function inRefreshButton(form: Form): string {
  return `${IMPORTS}${form.imports ?? ''}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
  ${form.setup}
  const onRefresh = async () => {
    await ${form.site};
  };
  return <button onClick={() => void onRefresh()}>{sceneId}</button>;
}
`;
}

function formError(code: string, form: Form): Invalid['errors'][number] {
  return { messageId: form.messageId, data: { helper: HELPER, found: form.found }, ...span(code, form.site) };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

for (const form of FORMS) {
  const inside = inSuccessPath(form);
  for (const mode of MODES) {
    invalid.push({ name: `[${mode}] in onSuccess: ${form.name}`, code: inside, options: modeOptions(mode), errors: [formError(inside, form)] });
  }
  const outside = inRefreshButton(form);
  valid.push({ name: `[after-mutation] in a refresh button, not after a mutation: ${form.name}`, code: outside, options: modeOptions('after-mutation') });
  invalid.push({ name: `[everywhere] in a refresh button: ${form.name}`, code: outside, options: modeOptions('everywhere'), errors: [formError(outside, form)] });
}

const FLOW_SITE = 'void utils.generation.getProjectScenes.invalidate({ projectId })';
const FLOW_REPORT = 'utils.generation.getProjectScenes.invalidate({ projectId })';
for (const flow of FLOW_CASES) {
  const code = flowComponent(flow, FLOW_SITE, UTILS);
  const errors: Invalid['errors'] = [
    { messageId: 'manualCacheCall', data: { helper: HELPER, found: 'utils.generation.getProjectScenes.invalidate' }, ...span(code, FLOW_REPORT) },
  ];
  if (flow.after) {
    invalid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation'), errors });
  } else {
    valid.push({ name: `[after-mutation] flow: ${flow.name}`, code, options: modeOptions('after-mutation') });
  }
  invalid.push({ name: `[everywhere] flow: ${flow.name}`, code, options: modeOptions('everywhere'), errors });
}

const NEVER: { name: string; code: string; filename?: string }[] = [
  {
    name: 'the helper module itself invalidates the scene query',
    filename: HELPER_FILE,
    code: `import type { api } from '~/trpc/react';
type Utils = ReturnType<typeof api.useUtils>;
export const sceneSyncHelpers = {
  async syncAllScenes({ projectId, utils }: { projectId: string; utils: Utils }) {
    await utils.generation.getProjectScenes.invalidate({ projectId });
  },
};
export function useSceneSync() {
  const utils = (null as unknown as { useUtils(): Utils }).useUtils();
  return () => utils.generation.getProjectScenes.invalidate();
}
`,
  },
  {
    name: 'unrelated queries and routers: utils.project.getProject.invalidate(), utils.project.invalidate()',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const { refetch } = api.project.getProject.useQuery({ projectId });
  const m = api.generation.updateScene.useMutation({
    onSuccess: async () => {
      await utils.project.getProject.invalidate({ projectId });
      await utils.project.invalidate();
      await refetch();
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'reading the scene query cache: getData() and useQuery() are not syncs',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const scenes = api.generation.getProjectScenes.useQuery({ projectId });
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      console.log(utils.generation.getProjectScenes.getData({ projectId }), scenes.data);
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'React.useContext(Ctx) and useContext(Ctx) are not tRPC utils',
    code: `${IMPORTS}import React, { useContext } from 'react';
const Ctx = React.createContext<any>(null);
export function Panel({ projectId }: { projectId: string }) {
  const ctx = React.useContext(Ctx);
  const other = useContext(Ctx);
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      ctx.generation.getProjectScenes.invalidate();
      ctx.invalidate();
      other.generation.invalidate();
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'a local object named utils with the same shape',
    code: `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const utils = { generation: { getProjectScenes: { invalidate: (x?: unknown) => x } }, invalidate: () => undefined };
  const m = api.generation.updateScene.useMutation({
    onSuccess: () => {
      utils.generation.getProjectScenes.invalidate({ projectId });
      utils.invalidate();
    },
  });
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
  {
    name: 'TanStack calls on other keys: plain arrays and other procedures',
    code: `${IMPORTS}${TANSTACK_IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  ${TANSTACK}
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['todos'] });
      await queryClient.invalidateQueries(trpc.project.getProject.queryFilter({ projectId }));
      queryClient.setQueryData(trpc.project.getProject.queryKey({ projectId }), null);
      await queryClient.invalidateQueries(trpc.project.pathFilter());
    },
  }));
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
  },
];

for (const never of NEVER) {
  for (const mode of MODES) {
    valid.push({ name: `[${mode}] ${never.name}`, code: never.code, filename: never.filename ?? COMPONENT_FILE, options: modeOptions(mode) });
  }
}

// A non-default convention: `docs.list` is the query, `docSync.docsChanged` the helper; the default query is nobody's business.
{
  const code = `import { api } from '~/trpc/react';
export function DocPanel({ doc }: { doc: { id: string } }) {
  const utils = api.useUtils();
  const save = api.docs.save.useMutation({
    onSuccess: async () => {
      await utils.docs.list.invalidate();
      await utils.docs.invalidate();
      await utils.generation.getProjectScenes.invalidate();
      await utils.generation.invalidate();
    },
  });
  const refresh = () => utils.docs.list.refetch();
  return <button onClick={() => { save.mutate(doc); void refresh(); }} />;
}
`;
  const afterMutation: Invalid['errors'] = [
    { messageId: 'manualCacheCall', data: { helper: 'docSync.docsChanged', found: 'utils.docs.list.invalidate' }, ...span(code, 'utils.docs.list.invalidate()') },
    { messageId: 'routerInvalidate', data: { helper: 'docSync.docsChanged', found: 'utils.docs.invalidate' }, ...span(code, 'utils.docs.invalidate()') },
  ];
  invalid.push({ name: '[after-mutation] custom convention: docs.list with the docSync helper', code, settings: CUSTOM_SETTINGS, options: modeOptions('after-mutation'), errors: afterMutation });
  invalid.push({
    name: '[everywhere] custom convention: docs.list with the docSync helper',
    code,
    settings: CUSTOM_SETTINGS,
    options: modeOptions('everywhere'),
    errors: [
      ...afterMutation,
      { messageId: 'manualCacheCall', data: { helper: 'docSync.docsChanged', found: 'utils.docs.list.refetch' }, ...span(code, 'utils.docs.list.refetch()') },
    ],
  });
}

ruleTester.run('no-manual-invalidate', rule, { valid, invalid });
