/**
 * The query-cache methods of both client APIs and what each does to a cached query. The analysis,
 * the rules, the optimistic-update analysis and the planner all classify cache calls from this table.
 */

/** What a call does to the cached queries it addresses. */
export type CacheEffect = 'refresh' | 'write' | 'read' | 'cancel' | 'remove';

/** tRPC's `useUtils()` procedure decorators, or TanStack's `QueryClient`. */
export type CacheApi = 'utils' | 'queryClient';

export interface CacheMethod {
  api: CacheApi;
  name: string;
  effect: CacheEffect;
  /**
   * Whether the method matches queries by filter (a key prefix, so a router path addresses every
   * query under it) rather than by one exact key. tRPC utils methods sit on a procedure or router.
   */
  acceptsPrefix: boolean;
}

const row = (api: CacheApi, name: string, effect: CacheEffect, acceptsPrefix: boolean): CacheMethod => ({ api, name, effect, acceptsPrefix });

const TABLE: readonly CacheMethod[] = [
  // tRPC `useUtils()`: `utils.router.procedure.<method>(input?)`; only `invalidate` also sits on routers.
  row('utils', 'invalidate', 'refresh', true),
  row('utils', 'refetch', 'refresh', false),
  row('utils', 'reset', 'refresh', false),
  row('utils', 'fetch', 'refresh', false),
  row('utils', 'fetchInfinite', 'refresh', false),
  row('utils', 'prefetch', 'refresh', false),
  row('utils', 'prefetchInfinite', 'refresh', false),
  row('utils', 'ensureData', 'read', false),
  row('utils', 'getData', 'read', false),
  row('utils', 'getInfiniteData', 'read', false),
  row('utils', 'setData', 'write', false),
  row('utils', 'setInfiniteData', 'write', false),
  row('utils', 'cancel', 'cancel', false),
  // TanStack `QueryClient`: the first argument is a key, a filter, or `{ queryKey }`.
  row('queryClient', 'invalidateQueries', 'refresh', true),
  row('queryClient', 'refetchQueries', 'refresh', true),
  row('queryClient', 'resetQueries', 'refresh', true),
  row('queryClient', 'fetchQuery', 'refresh', false),
  row('queryClient', 'fetchInfiniteQuery', 'refresh', false),
  row('queryClient', 'prefetchQuery', 'refresh', false),
  row('queryClient', 'prefetchInfiniteQuery', 'refresh', false),
  row('queryClient', 'ensureQueryData', 'read', false),
  row('queryClient', 'ensureInfiniteQueryData', 'read', false),
  row('queryClient', 'getQueryData', 'read', false),
  row('queryClient', 'getQueriesData', 'read', true),
  row('queryClient', 'setQueryData', 'write', false),
  row('queryClient', 'setQueriesData', 'write', true),
  row('queryClient', 'removeQueries', 'remove', true),
  row('queryClient', 'cancelQueries', 'cancel', true),
];

const BY_API: Record<CacheApi, ReadonlyMap<string, CacheMethod>> = {
  utils: new Map(TABLE.filter((method) => method.api === 'utils').map((method) => [method.name, method])),
  queryClient: new Map(TABLE.filter((method) => method.api === 'queryClient').map((method) => [method.name, method])),
};

/** The method `name` of `api`, or undefined when it is not a cache method. */
export function cacheMethod(api: CacheApi, name: string | undefined): CacheMethod | undefined {
  return name === undefined ? undefined : BY_API[api].get(name);
}

/** Every method of one effect, for callers that search text or syntax for them. */
export function cacheMethodNames(effect: CacheEffect): string[] {
  return TABLE.filter((method) => method.effect === effect).map((method) => method.name);
}

/** The methods that can address a router or every query (they take a key prefix), in either API. */
export function prefixMethodNames(): string[] {
  return TABLE.filter((method) => method.acceptsPrefix && isCacheSync(method.effect)).map((method) => method.name);
}

/** Whether a call with this effect changes what the app shows: everything but a read. */
export function isCacheSync(effect: CacheEffect): boolean {
  return effect !== 'read';
}

/** How messages and review reasons name an effect: the verb alone, and what it does to a query. */
export const EFFECT_WORDS: Record<CacheEffect, { verb: string; phrase: string }> = {
  refresh: { verb: 'refreshes', phrase: 'refreshes the query' },
  write: { verb: 'writes', phrase: 'writes into the query cache' },
  read: { verb: 'reads', phrase: 'reads the query cache' },
  cancel: { verb: 'cancels', phrase: 'cancels the query fetch' },
  remove: { verb: 'removes', phrase: 'removes the query from the cache' },
};
