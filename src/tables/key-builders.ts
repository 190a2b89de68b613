/**
 * The tRPC key, filter and query-option builders, and what each addresses: tRPC v11's TanStack-native
 * methods on the options proxy (`trpc.router.procedure.queryFilter(...)`) and the classic integration's
 * `getQueryKey(api.router.procedure, input)`. The analysis reads a QueryClient call's key, and a query
 * hook's query, through this table.
 */

/** `method`: called on the procedure proxy; `function`: imported from one of `modules`, handed the procedure or router first. */
export type KeyBuilderForm = { kind: 'method' } | { kind: 'function'; modules: readonly string[] };

export interface KeyBuilder {
  name: string;
  form: KeyBuilderForm;
  /**
   * A key is passed as `queryKey` or as a key argument; a filter is passed whole as the filters argument;
   * query options (which hold the key as `queryKey`) go to the query hooks and to `fetchQuery` and its kin.
   */
  shape: 'key' | 'filter' | 'options';
  /** A path builder addresses every query at or under its path, whatever the input; the others one procedure. */
  addresses: 'procedure' | 'path';
  /** Which argument of the builder's call is the procedure input; undefined when it takes none. */
  inputArgument: number | undefined;
  infinite: boolean;
}

const METHOD: KeyBuilderForm = { kind: 'method' };

const row = (name: string, form: KeyBuilderForm, shape: KeyBuilder['shape'], addresses: KeyBuilder['addresses'], inputArgument: number | undefined, infinite: boolean): KeyBuilder => ({
  name,
  form,
  shape,
  addresses,
  inputArgument,
  infinite,
});

const TABLE: readonly KeyBuilder[] = [
  row('queryKey', METHOD, 'key', 'procedure', 0, false),
  row('infiniteQueryKey', METHOD, 'key', 'procedure', 0, true),
  row('pathKey', METHOD, 'key', 'path', undefined, false),
  row('queryFilter', METHOD, 'filter', 'procedure', 0, false),
  row('infiniteQueryFilter', METHOD, 'filter', 'procedure', 0, true),
  row('pathFilter', METHOD, 'filter', 'path', undefined, false),
  row('queryOptions', METHOD, 'options', 'procedure', 0, false),
  row('infiniteQueryOptions', METHOD, 'options', 'procedure', 0, true),
  // Handed a router, it addresses the router's path: the path the argument spells decides the scope.
  row('getQueryKey', { kind: 'function', modules: ['@trpc/react-query'] }, 'key', 'procedure', 1, false),
];

const BY_NAME: ReadonlyMap<string, KeyBuilder> = new Map(TABLE.filter((builder) => builder.form.kind === 'method').map((builder) => [builder.name, builder]));

export const KEY_BUILDERS: readonly KeyBuilder[] = TABLE;

/** The builder method `name` of the procedure proxy. */
export function keyBuilder(name: string | undefined): KeyBuilder | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** The builder function an import names: `getQueryKey` from `@trpc/react-query`. */
export function keyBuilderFunction(imported: string, source: string): KeyBuilder | undefined {
  return TABLE.find((builder) => builder.form.kind === 'function' && builder.name === imported && builder.form.modules.includes(source));
}

/** The key query options hold as `queryKey`: the key builder of the same query. */
export function keyOfOptions(options: KeyBuilder): KeyBuilder {
  return BY_NAME.get(options.infinite ? 'infiniteQueryKey' : 'queryKey')!;
}

/** The builders that address what `addresses` says: a procedure, or every query under a path. */
export function keyBuilderNames(addresses: KeyBuilder['addresses']): string[] {
  return TABLE.filter((builder) => builder.form.kind === 'method' && builder.addresses === addresses).map((builder) => builder.name);
}
