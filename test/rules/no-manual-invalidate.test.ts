import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-manual-invalidate';
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
  createRuleTester,
  flowComponent,
  flowFile,
  modeOptions,
  span,
  useHelper,
} from '../helpers/cases';
import { cacheMethodsOf, isCacheSync } from '../../src/tables/cache-methods';
import { KEY_BUILDERS } from '../../src/tables/key-builders';

type Options = [{ mode?: 'after-mutation' | 'everywhere' }];
type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const ruleTester = createRuleTester();

const HELPER = 'sceneSyncHelpers.syncAllScenes';
const TANSTACK_IMPORTS = "import { useMutation, useQueryClient } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n";
const GET_QUERY_KEY_IMPORTS = "import { useQueryClient } from '@tanstack/react-query';\nimport { getQueryKey } from '@trpc/react-query';\n";

/**
 * What the codemod (and so the suggestion) makes of a form awaited in an async onSuccess: the statement
 * `await sceneSyncHelpers.syncAllScenes(projectId);`, the setup as stated (`null`: its bindings became unused and
 * went with their line; default: unchanged), the helper import after the last import. Or the site is left for review.
 */
type Rewrite = { setup?: string | null; imports?: string } | { review: string };

/** One way of touching the scene query cache by hand. */
interface Form {
  name: string;
  setup: string;
  /** The call; the report covers exactly this text. */
  site: string;
  messageId: MessageIds;
  found: string;
  imports?: string;
  rewrite: Rewrite;
}

/** What every rewritable form becomes: it only refreshes, so the run is a `changed` one. */
const REWRITTEN = 'await sceneSyncHelpers.syncAllScenes(projectId);';
/** `utils` (or its renamed or destructured form) is no longer used by anything: it goes. */
const DROPS_UTILS: Rewrite = { setup: null };
const NO_PROJECT: Rewrite = { review: 'cannot tell which project it refreshes' };
const BROADER: Rewrite = { review: 'refreshes more than the scene queries; the helper would narrow it' };
const CACHE_WRITE: Rewrite = { review: 'writes into the query cache; the helper refetches instead' };

/** queryClient (useQueryClient() from TanStack) goes with its import; trpc comes from an app hook: it stays. */
const KEEPS_TRPC: Rewrite = { setup: 'const trpc = useTRPC();', imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n" };
const KEEPS_TRPC_AND_KEY: Rewrite = { ...KEEPS_TRPC, setup: 'const trpc = useTRPC();\n  const key = trpc.generation.getProjectScenes.queryKey({ projectId });' };
const KEEPS_TRPC_AND_OPTIONS: Rewrite = { ...KEEPS_TRPC, setup: 'const trpc = useTRPC();\n  const options = trpc.generation.getProjectScenes.queryOptions({ projectId });' };
const TANSTACK_QUERY_IMPORTS =
  "import { useInfiniteQuery, useQueries, useQuery, useSuspenseInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n";

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
      // cancel() stops a fetch: not a refresh the helper's invalidation stands for.
      rewrite: method === 'cancel' ? { review: 'cancel() is not a refresh' } : DROPS_UTILS,
    }),
  ),
  {
    name: 'utils.generation.getProjectScenes.setData(...)',
    setup: UTILS,
    site: 'utils.generation.getProjectScenes.setData({ projectId }, [])',
    messageId: 'manualCacheCall',
    found: 'utils.generation.getProjectScenes.setData',
    rewrite: CACHE_WRITE,
  },
  {
    name: 'utils from the older api.useContext()',
    setup: 'const ctx = api.useContext();',
    site: 'ctx.generation.getProjectScenes.invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'ctx.generation.getProjectScenes.invalidate',
    rewrite: DROPS_UTILS,
  },
  {
    name: 'through a cast: (utils as any).generation.getProjectScenes.invalidate()',
    setup: UTILS,
    site: '(utils as any).generation.getProjectScenes.invalidate()',
    messageId: 'manualCacheCall',
    found: '(utils as any).generation.getProjectScenes.invalidate',
    rewrite: NO_PROJECT,
  },
  {
    name: 'through optional chaining: utils?.generation?.getProjectScenes?.invalidate?.()',
    setup: UTILS,
    site: 'utils?.generation?.getProjectScenes?.invalidate?.({ projectId })',
    messageId: 'manualCacheCall',
    found: 'utils?.generation?.getProjectScenes?.invalidate',
    rewrite: DROPS_UTILS,
  },
  {
    name: 'a chain split over lines is named on one line',
    setup: UTILS,
    site: 'utils.generation\n        .getProjectScenes\n        .invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'utils.generation.getProjectScenes.invalidate',
    rewrite: DROPS_UTILS,
  },
  {
    name: 'a router destructured from the utils: const { generation } = api.useUtils()',
    setup: 'const { generation } = api.useUtils();',
    site: 'generation.getProjectScenes.invalidate({ projectId })',
    messageId: 'manualCacheCall',
    found: 'generation.getProjectScenes.invalidate',
    rewrite: DROPS_UTILS,
  },
  {
    name: 'invalidating the router that holds the scene query: utils.generation.invalidate()',
    setup: UTILS,
    site: 'utils.generation.invalidate()',
    messageId: 'routerInvalidate',
    found: 'utils.generation.invalidate',
    rewrite: BROADER,
  },
  {
    name: 'invalidating everything: utils.invalidate()',
    setup: UTILS,
    site: 'utils.invalidate()',
    messageId: 'rootInvalidate',
    found: 'utils.invalidate',
    rewrite: BROADER,
  },
  {
    name: 'the refetch of a scene query result',
    setup: 'const scenes = api.generation.getProjectScenes.useQuery({ projectId });',
    site: 'scenes.refetch()',
    messageId: 'manualCacheCall',
    found: 'scenes.refetch',
    // The project comes from the query's input; the query hook stays (it subscribes).
    rewrite: {},
  },
  {
    name: 'the renamed refetch of a scene query: const { refetch: refetchScenes } = ...useQuery(...)',
    setup: 'const { data, refetch: refetchScenes } = api.generation.getProjectScenes.useQuery({ projectId });',
    site: 'refetchScenes()',
    messageId: 'manualCacheCall',
    found: 'refetchScenes',
    rewrite: { setup: 'const { data } = api.generation.getProjectScenes.useQuery({ projectId });' },
  },
  {
    name: 'TanStack: queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    // queryClient (useQueryClient() from TanStack) goes with its import; trpc comes from an app hook: it stays.
    rewrite: { setup: 'const trpc = useTRPC();', imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\n" },
  },
  {
    name: 'TanStack: queryClient.refetchQueries(trpc.generation.getProjectScenes.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.refetchQueries(trpc.generation.getProjectScenes.pathFilter())',
    messageId: 'manualCacheCall',
    found: 'queryClient.refetchQueries',
    rewrite: NO_PROJECT,
  },
  {
    name: 'TanStack: queryClient.resetQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.resetQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    messageId: 'manualCacheCall',
    found: 'queryClient.resetQueries',
    rewrite: NO_PROJECT,
  },
  {
    name: 'TanStack: queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey(), exact: false })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: NO_PROJECT,
  },
  {
    name: 'TanStack: queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey(...), ...)',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.setQueryData(trpc.generation.getProjectScenes.queryKey({ projectId }), [])',
    messageId: 'manualCacheCall',
    found: 'queryClient.setQueryData',
    rewrite: CACHE_WRITE,
  },
  {
    name: 'TanStack: invalidating the router: queryClient.invalidateQueries(trpc.generation.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.generation.pathFilter())',
    messageId: 'routerInvalidate',
    found: 'queryClient.invalidateQueries',
    rewrite: BROADER,
  },
  {
    name: 'classic getQueryKey: queryClient.invalidateQueries({ queryKey: getQueryKey(api.generation.getProjectScenes, { projectId }) })',
    imports: GET_QUERY_KEY_IMPORTS,
    setup: 'const queryClient = useQueryClient();',
    site: 'queryClient.invalidateQueries({ queryKey: getQueryKey(api.generation.getProjectScenes, { projectId }) })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    // queryClient and getQueryKey were the site's alone: they go with their imports.
    rewrite: { setup: null, imports: '' },
  },
  {
    name: 'classic getQueryKey through a namespace import: trpcReact.getQueryKey(api.generation.getProjectScenes, { projectId })',
    imports: "import { useQueryClient } from '@tanstack/react-query';\nimport * as trpcReact from '@trpc/react-query';\n",
    setup: 'const queryClient = useQueryClient();',
    site: 'queryClient.invalidateQueries({ queryKey: trpcReact.getQueryKey(api.generation.getProjectScenes, { projectId }) })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: { setup: null, imports: '' },
  },
  {
    name: 'classic getQueryKey of the router: queryClient.invalidateQueries({ queryKey: getQueryKey(api.generation) })',
    imports: GET_QUERY_KEY_IMPORTS,
    setup: 'const queryClient = useQueryClient();',
    site: 'queryClient.invalidateQueries({ queryKey: getQueryKey(api.generation) })',
    messageId: 'routerInvalidate',
    found: 'queryClient.invalidateQueries',
    rewrite: BROADER,
  },
  {
    name: 'TanStack: invalidating everything: queryClient.invalidateQueries(trpc.pathFilter())',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.pathFilter())',
    messageId: 'rootInvalidate',
    found: 'queryClient.invalidateQueries',
    rewrite: BROADER,
  },
  {
    name: 'TanStack: queryClient.invalidateQueries(trpc.generation.getProjectScenes.infiniteQueryFilter(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries(trpc.generation.getProjectScenes.infiniteQueryFilter({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: KEEPS_TRPC,
  },
  {
    name: 'TanStack: queryClient.refetchQueries({ queryKey: trpc.generation.getProjectScenes.infiniteQueryKey(...) })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.refetchQueries({ queryKey: trpc.generation.getProjectScenes.infiniteQueryKey({ projectId }) })',
    messageId: 'manualCacheCall',
    found: 'queryClient.refetchQueries',
    rewrite: KEEPS_TRPC,
  },
  {
    name: 'TanStack: queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.pathKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.pathKey() })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: NO_PROJECT,
  },
  {
    name: 'TanStack: invalidating the router by key: queryClient.invalidateQueries({ queryKey: trpc.generation.pathKey() })',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.invalidateQueries({ queryKey: trpc.generation.pathKey() })',
    messageId: 'routerInvalidate',
    found: 'queryClient.invalidateQueries',
    rewrite: BROADER,
  },
  {
    name: 'TanStack: a key held in a constant: queryClient.invalidateQueries({ queryKey: key })',
    imports: TANSTACK_IMPORTS,
    setup: `${TANSTACK}\n  const key = trpc.generation.getProjectScenes.queryKey({ projectId });`,
    site: 'queryClient.invalidateQueries({ queryKey: key })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: KEEPS_TRPC_AND_KEY,
  },
  {
    name: 'TanStack: the key of query options: queryClient.invalidateQueries({ queryKey: options.queryKey })',
    imports: TANSTACK_IMPORTS,
    setup: `${TANSTACK}\n  const options = trpc.generation.getProjectScenes.queryOptions({ projectId });`,
    site: 'queryClient.invalidateQueries({ queryKey: options.queryKey })',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    rewrite: KEEPS_TRPC_AND_OPTIONS,
  },
  {
    name: 'TanStack: queryClient.fetchQuery(trpc.generation.getProjectScenes.queryOptions(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.fetchQuery(trpc.generation.getProjectScenes.queryOptions({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.fetchQuery',
    rewrite: KEEPS_TRPC,
  },
  {
    name: 'TanStack: queryClient.prefetchInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.prefetchInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.prefetchInfiniteQuery',
    rewrite: KEEPS_TRPC,
  },
  {
    name: 'TanStack: queryClient.removeQueries(trpc.generation.getProjectScenes.queryFilter(...))',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.removeQueries(trpc.generation.getProjectScenes.queryFilter({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.removeQueries',
    rewrite: { review: 'removes' },
  },
  {
    name: 'TanStack: queryClient.setQueriesData(trpc.generation.getProjectScenes.queryFilter(), updater)',
    imports: TANSTACK_IMPORTS,
    setup: TANSTACK,
    site: 'queryClient.setQueriesData(trpc.generation.getProjectScenes.queryFilter(), (old) => old)',
    messageId: 'manualCacheCall',
    found: 'queryClient.setQueriesData',
    rewrite: CACHE_WRITE,
  },
  {
    name: 'TanStack: a query client imported from the app module: queryClient.invalidateQueries(...queryFilter(...))',
    imports: "import { useMutation } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';\nimport { queryClient } from '~/lib/query-client';\n",
    setup: 'const trpc = useTRPC();',
    site: 'queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter({ projectId }))',
    messageId: 'manualCacheCall',
    found: 'queryClient.invalidateQueries',
    // The now-unused import of the shared client goes; trpc stays.
    rewrite: KEEPS_TRPC,
  },
  {
    name: 'TanStack: the refetch of useQuery(trpc.generation.getProjectScenes.queryOptions(...))',
    imports: TANSTACK_QUERY_IMPORTS,
    setup: 'const trpc = useTRPC();\n  const scenes = useQuery(trpc.generation.getProjectScenes.queryOptions({ projectId }));',
    site: 'scenes.refetch()',
    messageId: 'manualCacheCall',
    found: 'scenes.refetch',
    rewrite: {},
  },
  {
    name: 'TanStack: the destructured refetch of useSuspenseQuery(options) with the options held in a constant',
    imports: TANSTACK_QUERY_IMPORTS,
    setup: 'const trpc = useTRPC();\n  const options = trpc.generation.getProjectScenes.queryOptions({ projectId });\n  const { refetch } = useSuspenseQuery(options);',
    site: 'refetch()',
    messageId: 'manualCacheCall',
    found: 'refetch',
    rewrite: { setup: 'const trpc = useTRPC();\n  const options = trpc.generation.getProjectScenes.queryOptions({ projectId });\n  useSuspenseQuery(options);' },
  },
  {
    name: 'TanStack: the renamed refetch of useInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions(...))',
    imports: TANSTACK_QUERY_IMPORTS,
    setup: 'const trpc = useTRPC();\n  const { data, refetch: refetchPages } = useInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions({ projectId }, { getNextPageParam: () => null }));',
    site: 'refetchPages()',
    messageId: 'manualCacheCall',
    found: 'refetchPages',
    rewrite: { setup: 'const trpc = useTRPC();\n  const { data } = useInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions({ projectId }, { getNextPageParam: () => null }));' },
  },
  {
    name: 'TanStack: the refetch of useSuspenseInfiniteQuery({ ...options, select }) spreading the options',
    imports: TANSTACK_QUERY_IMPORTS,
    setup: 'const trpc = useTRPC();\n  const pages = useSuspenseInfiniteQuery({ ...trpc.generation.getProjectScenes.infiniteQueryOptions({ projectId }), select: (data) => data });',
    site: 'pages.refetch()',
    messageId: 'manualCacheCall',
    found: 'pages.refetch',
    rewrite: {},
  },
  {
    name: 'TanStack: the refetch of a result of useQueries({ queries: [...] }), destructured by position',
    imports: TANSTACK_QUERY_IMPORTS,
    setup: 'const trpc = useTRPC();\n  const [project, scenes] = useQueries({ queries: [trpc.project.getProject.queryOptions({ projectId }), trpc.generation.getProjectScenes.queryOptions({ projectId })] });',
    site: 'scenes.refetch()',
    messageId: 'manualCacheCall',
    found: 'scenes.refetch',
    rewrite: {},
  },
];

/** What goes into a success-path file: the input is built from the form, a suggestion's output from its rewrite. */
interface SuccessPathParts {
  imports: string;
  /** `null`: no setup line at all. */
  setup: string | null;
  /** The statement inside the async onSuccess. */
  statement: string;
}

function successPathFile({ imports, setup, statement }: SuccessPathParts): string {
  return `${imports}
export function Panel({ projectId, sceneId }: { projectId: string; sceneId: string }) {
${setup === null ? '' : `  ${setup}\n`}  const m = api.generation.updateScene.useMutation({
    onSuccess: async () => {
      ${statement}
    },
  });
  return <button onClick={() => m.mutate({ projectId })}>{sceneId}</button>;
}
`;
}

function inSuccessPath(form: Form): string {
  return successPathFile({ imports: `${IMPORTS}${form.imports ?? ''}`, setup: form.setup, statement: `await ${form.site};` });
}

/** The suggestion on the form in the success path, as its rewrite states it. */
function successPathSuggestions(form: Form): Invalid['errors'][number]['suggestions'] {
  if ('review' in form.rewrite) return [];
  const setup = form.rewrite.setup === undefined ? form.setup : form.rewrite.setup;
  return useHelper(HELPER, successPathFile({ imports: `${IMPORTS}${form.rewrite.imports ?? form.imports ?? ''}${HELPER_IMPORT}`, setup, statement: REWRITTEN }));
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

function formError(code: string, form: Form, suggestions: Invalid['errors'][number]['suggestions']): Invalid['errors'][number] {
  return { messageId: form.messageId, data: { helper: HELPER, found: form.found }, ...span(code, form.site), suggestions };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

for (const form of FORMS) {
  const inside = inSuccessPath(form);
  for (const mode of MODES) {
    invalid.push({
      name: `[${mode}] in onSuccess: ${form.name}`,
      code: inside,
      options: modeOptions(mode),
      errors: [formError(inside, form, successPathSuggestions(form))],
    });
  }
  const outside = inRefreshButton(form);
  valid.push({ name: `[after-mutation] in a refresh button, not after a mutation: ${form.name}`, code: outside, options: modeOptions('after-mutation') });
  // Not after a mutation: nothing the codemod would rewrite, so no suggestion.
  invalid.push({
    name: `[everywhere] in a refresh button: ${form.name}`,
    code: outside,
    options: modeOptions('everywhere'),
    errors: [formError(outside, form, [])],
  });
}

// An absolute file name turns on the lookups in other modules, under which an import evaluates to the binding it
// names: getQueryKey must still read as tRPC's key builder, not as an unknown import.
for (const form of FORMS.filter((candidate) => candidate.name.startsWith('classic getQueryKey'))) {
  const code = inSuccessPath(form);
  invalid.push({
    name: `[after-mutation] with imports looked up (an absolute file name): ${form.name}`,
    code,
    filename: '/project/src/components/Panel.tsx',
    options: modeOptions('after-mutation'),
    errors: [formError(code, form, successPathSuggestions(form))],
  });
}

// Every QueryClient method of the table with every tRPC key builder, `trpc` and the client received as
// parameters. A sync on the scene query is reported (on the router only by methods that take a prefix), a
// read never, another query on the same router never.
for (const method of cacheMethodsOf('queryClient')) {
  const sites: { text: string; reported: MessageIds | undefined }[] = [];
  for (const builder of KEY_BUILDERS) {
    const input = builder.inputArgument === undefined ? '' : '{ projectId }';
    // A function builder is handed the procedure, or a router and no input (`getQueryKey(trpc.generation)`).
    const key = (path: string, given = input) => (builder.form.kind === 'method' ? `trpc.${path}.${builder.name}(${given})` : `${builder.name}(trpc.${path}${given && `, ${given}`})`);
    const forms = (path: string, given?: string) => [`queryClient.${method.name}(${key(path, given)})`, ...(builder.shape === 'key' ? [`queryClient.${method.name}({ queryKey: ${key(path, given)} })`] : [])];
    const sync = isCacheSync(method.effect);
    for (const text of forms('generation.getProjectScenes')) sites.push({ text, reported: sync ? 'manualCacheCall' : undefined });
    for (const text of forms('generation.getSceneCount')) sites.push({ text, reported: undefined });
    if (builder.addresses === 'path' || builder.form.kind === 'function') {
      const router = sync && method.acceptsPrefix ? (method.effect === 'refresh' ? 'routerInvalidate' : 'manualCacheCall') : undefined;
      for (const text of forms('generation', '')) sites.push({ text, reported: router });
    }
  }
  const code = `import type { QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import type { useTRPC } from '~/trpc/react';
export function useRefresh(trpc: ReturnType<typeof useTRPC>, queryClient: QueryClient, projectId: string) {
  return async () => {
${sites.map(({ text }) => `    await ${text};`).join('\n')}
  };
}
`;
  const errors = sites.flatMap(({ text, reported }) =>
    reported ? [{ messageId: reported, data: { helper: HELPER, found: `queryClient.${method.name}` }, ...span(code, text), suggestions: [] }] : [],
  );
  valid.push({ name: `[after-mutation] every key builder with queryClient.${method.name}, not after a mutation`, code, options: modeOptions('after-mutation') });
  if (errors.length > 0) {
    invalid.push({ name: `[everywhere] every key builder with queryClient.${method.name} (${method.effect})`, code, options: modeOptions('everywhere'), errors });
  } else {
    valid.push({ name: `[everywhere] every key builder with queryClient.${method.name} (${method.effect}): a read`, code, options: modeOptions('everywhere') });
  }
}

const FLOW_SITE = 'void utils.generation.getProjectScenes.invalidate({ projectId })';
const FLOW_REPORT = 'utils.generation.getProjectScenes.invalidate({ projectId })';
const FLOW_CALL = 'sceneSyncHelpers.syncAllScenes(projectId)';
for (const flow of FLOW_CASES) {
  const code = flowComponent(flow, FLOW_SITE, UTILS);
  // After the mutation, the suggestion calls the helper where the site was, keeping its `void` (also as an arrow's
  // body, so no promise floats unmarked), drops `utils` with its line, then `api` if `utils` was its last user, and
  // adds the helper import after the last import.
  const usesApi = (flow.hook ?? 'api.').includes('api.') || flow.body.includes('api.');
  const imports = `${STORE_IMPORT}${usesApi ? API_IMPORT : ''}${flow.imports ?? ''}${HELPER_IMPORT}`;
  const suggestions = flow.after
    ? useHelper(HELPER, flowFile(flow, { site: `void ${FLOW_CALL}`, setup: null, imports }))
    : [];
  const errors: Invalid['errors'] = [
    { messageId: 'manualCacheCall', data: { helper: HELPER, found: 'utils.generation.getProjectScenes.invalidate' }, ...span(code, FLOW_REPORT), suggestions },
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
  {
    name: 'TanStack near-misses: other queries on the same router, their options and results; reads of the scene query',
    code: `${IMPORTS}import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';\nimport { useTRPC } from '~/trpc/react';
export function Panel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.generation.getSceneCount.queryOptions({ projectId }));
  const scenes = useQuery(trpc.generation.getProjectScenes.queryOptions({ projectId }));
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({
    onSuccess: async () => {
      await count.refetch();
      await queryClient.invalidateQueries(trpc.generation.getSceneCount.infiniteQueryFilter({ projectId }));
      await queryClient.invalidateQueries({ queryKey: trpc.generation.getSceneCount.pathKey() });
      await queryClient.fetchQuery(trpc.generation.getSceneCount.queryOptions({ projectId }));
      console.log(queryClient.getQueryData(trpc.generation.getProjectScenes.queryKey({ projectId })), scenes.data);
      console.log(queryClient.getQueriesData(trpc.generation.pathFilter()));
      await queryClient.ensureQueryData(trpc.generation.getProjectScenes.queryOptions({ projectId }));
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

// cancelQueries in onMutate runs before the server answered: not after the mutation.
valid.push({
  name: '[after-mutation] TanStack: cancelQueries in onMutate is not after the mutation',
  options: modeOptions('after-mutation'),
  code: `${IMPORTS}${TANSTACK_IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  ${TANSTACK}
  const m = useMutation(trpc.generation.deleteScene.mutationOptions({
    onMutate: async () => {
      await queryClient.cancelQueries(trpc.generation.getProjectScenes.queryFilter({ projectId }));
    },
  }));
  return <button onClick={() => m.mutate({ projectId })} />;
}
`,
});

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
  // The two sites form one run that names no project and invalidates the whole docs router: left for review, no suggestion.
  const afterMutation: Invalid['errors'] = [
    {
      messageId: 'manualCacheCall',
      data: { helper: 'docSync.docsChanged', found: 'utils.docs.list.invalidate' },
      ...span(code, 'utils.docs.list.invalidate()'),
      suggestions: [],
    },
    {
      messageId: 'routerInvalidate',
      data: { helper: 'docSync.docsChanged', found: 'utils.docs.invalidate' },
      ...span(code, 'utils.docs.invalidate()'),
      suggestions: [],
    },
  ];
  invalid.push({ name: '[after-mutation] custom convention: docs.list with the docSync helper', code, settings: CUSTOM_SETTINGS, options: modeOptions('after-mutation'), errors: afterMutation });
  invalid.push({
    name: '[everywhere] custom convention: docs.list with the docSync helper',
    code,
    settings: CUSTOM_SETTINGS,
    options: modeOptions('everywhere'),
    errors: [
      ...afterMutation,
      // A refresh callback, not after a mutation: no suggestion.
      {
        messageId: 'manualCacheCall',
        data: { helper: 'docSync.docsChanged', found: 'utils.docs.list.refetch' },
        ...span(code, 'utils.docs.list.refetch()'),
        suggestions: [],
      },
    ],
  });
}

// Focused suggestions.
{
  // The seed example: the invalidation is one of a run of three whose scene write is an update, so the report names
  // the update helper and carries the run's one rewrite (the same as the two store reports of no-direct-store-update).
  for (const mode of MODES) {
    invalid.push({
      name: `[${mode}] suggestion: an invalidation in a run with updateScene names and calls the update helper`,
      code: SEED_EXAMPLE,
      options: modeOptions(mode),
      errors: [
        {
          messageId: 'manualCacheCall',
          data: { helper: 'sceneSyncHelpers.syncSceneUpdated', found: 'utils.generation.getProjectScenes.invalidate' },
          ...span(SEED_EXAMPLE, 'utils.generation.getProjectScenes.invalidate({ projectId })'),
          suggestions: useHelper('sceneSyncHelpers.syncSceneUpdated', SEED_EXAMPLE_OUTPUT),
        },
      ],
    });
  }
}

{
  // sceneSyncHelpers is already imported (and used): no import edit at all.
  const code = `import { sceneSyncHelpers } from '~/lib/sync/scene-sync';
${API_IMPORT}
export function usePanel(projectId: string) {
  const utils = api.useUtils();
  const created = api.generation.createScene.useMutation({
    onSuccess: (scene) => sceneSyncHelpers.syncSceneCreated(projectId, scene),
  });
  const renamed = api.generation.updateScene.useMutation({
    onSuccess: () => {
      void utils.generation.getProjectScenes.invalidate({ projectId });
    },
  });
  return { created, renamed };
}
`;
  const output = `import { sceneSyncHelpers } from '~/lib/sync/scene-sync';
${API_IMPORT}
export function usePanel(projectId: string) {
  const created = api.generation.createScene.useMutation({
    onSuccess: (scene) => sceneSyncHelpers.syncSceneCreated(projectId, scene),
  });
  const renamed = api.generation.updateScene.useMutation({
    onSuccess: () => {
      void sceneSyncHelpers.syncAllScenes(projectId);
    },
  });
  return { created, renamed };
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: the helper object is already imported, the import is left as it is',
    code,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'manualCacheCall',
        data: { helper: HELPER, found: 'utils.generation.getProjectScenes.invalidate' },
        ...span(code, 'utils.generation.getProjectScenes.invalidate({ projectId })'),
        suggestions: useHelper(HELPER, output),
      },
    ],
  });
}

{
  // utils is still used after the rewrite: it stays.
  const code = `${API_IMPORT}
export function usePanel(projectId: string) {
  const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onSuccess: async () => {
      await utils.generation.getProjectScenes.invalidate({ projectId });
    },
  });
  return { m, cached: utils.generation.getProjectScenes.getData({ projectId }) };
}
`;
  const output = `${API_IMPORT}${HELPER_IMPORT}
export function usePanel(projectId: string) {
  const utils = api.useUtils();
  const m = api.generation.updateScene.useMutation({
    onSuccess: async () => {
      await sceneSyncHelpers.syncAllScenes(projectId);
    },
  });
  return { m, cached: utils.generation.getProjectScenes.getData({ projectId }) };
}
`;
  invalid.push({
    name: '[after-mutation] suggestion: keeps utils while something else uses it',
    code,
    options: modeOptions('after-mutation'),
    errors: [
      {
        messageId: 'manualCacheCall',
        data: { helper: HELPER, found: 'utils.generation.getProjectScenes.invalidate' },
        ...span(code, 'utils.generation.getProjectScenes.invalidate({ projectId })'),
        suggestions: useHelper(HELPER, output),
      },
    ],
  });
}

// The optimistic update is no-optimistic-scene-update's report; the sync rule does not report its cancel, write or rollback again.
{
  const code = `${IMPORTS}
export function Title({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const rename = api.generation.updateScene.useMutation({
    onMutate: async (input: { name: string }) => {
      await utils.generation.getProjectScenes.cancel({ projectId });
      const previous = utils.generation.getProjectScenes.getData({ projectId });
      utils.generation.getProjectScenes.setData({ projectId }, (scenes) => scenes?.map((scene) => ({ ...scene, name: input.name })));
      return { previous };
    },
    onError: (_error, _input, context) => {
      utils.generation.getProjectScenes.setData({ projectId }, context?.previous);
    },
    onSettled: () => utils.generation.getProjectScenes.invalidate({ projectId }),
  });
  return rename;
}
`;
  invalid.push({
    name: '[everywhere] an optimistic update: only the invalidation in onSettled is this rule\'s',
    code,
    options: modeOptions('everywhere'),
    errors: [
      {
        messageId: 'manualCacheCall',
        data: { helper: 'sceneSyncHelpers.syncAllScenes', found: 'utils.generation.getProjectScenes.invalidate' },
        ...span(code, 'utils.generation.getProjectScenes.invalidate({ projectId })'),
        suggestions: useHelper(
          'sceneSyncHelpers.syncAllScenes',
          code.replace('onSettled: () => utils.generation.getProjectScenes.invalidate({ projectId })', 'onSettled: () => sceneSyncHelpers.syncAllScenes(projectId)').replace(API_IMPORT, `${API_IMPORT}${HELPER_IMPORT}`),
        ),
      },
    ],
  });
}

ruleTester.run('no-manual-invalidate', rule, { valid, invalid });
