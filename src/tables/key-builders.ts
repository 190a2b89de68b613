/**
 * tRPC v11's TanStack-native key and filter builders (`trpc.router.procedure.queryFilter(...)`),
 * and what each addresses. The analysis reads a QueryClient call's key through this table.
 */

export interface KeyBuilder {
  name: string;
  /** A key is passed as `queryKey` or as a key argument; a filter is passed whole as the filters argument. */
  shape: 'key' | 'filter';
  /** A path builder addresses every query at or under its path, whatever the input; the others one procedure. */
  addresses: 'procedure' | 'path';
  /** Whether the builder's first argument is the procedure input. */
  takesInput: boolean;
  infinite: boolean;
}

const row = (name: string, shape: KeyBuilder['shape'], addresses: KeyBuilder['addresses'], takesInput: boolean, infinite: boolean): KeyBuilder => ({
  name,
  shape,
  addresses,
  takesInput,
  infinite,
});

const TABLE: readonly KeyBuilder[] = [
  row('queryKey', 'key', 'procedure', true, false),
  row('infiniteQueryKey', 'key', 'procedure', true, true),
  row('pathKey', 'key', 'path', false, false),
  row('queryFilter', 'filter', 'procedure', true, false),
  row('infiniteQueryFilter', 'filter', 'procedure', true, true),
  row('pathFilter', 'filter', 'path', false, false),
];

const BY_NAME: ReadonlyMap<string, KeyBuilder> = new Map(TABLE.map((builder) => [builder.name, builder]));

export function keyBuilder(name: string | undefined): KeyBuilder | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** The builders that address what `addresses` says: a procedure, or every query under a path. */
export function keyBuilderNames(addresses: KeyBuilder['addresses']): string[] {
  return TABLE.filter((builder) => builder.addresses === addresses).map((builder) => builder.name);
}
