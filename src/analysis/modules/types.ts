/** Facts about another module's exports, as the analysis of an importing file needs them. */

/** Where a hand-written sync sits, for messages: `src/lib/sync-after.ts:12`. */
export interface SyncLocation {
  file: string;
  line: number;
  /** How the code names what it called: `updateScene`, `utils.generation.getProjectScenes.invalidate`. */
  found: string;
  category: 'store' | 'cache';
}

/** A parameter of an exported function, or a property of an object parameter (`{ save, onSaved }`). */
export interface ParameterPath {
  index: number;
  key?: string;
}

/** An exported hook that returns a scene mutation (`api.x.y.useMutation(...)`). */
export interface MutationHookSummary {
  name: string;
  file: string;
  path: string[];
  /** The parameter holding the caller's options, when the hook forwards any of its callbacks. */
  optionsIndex: number | undefined;
  /** The success callbacks (`onSuccess`, `onSettled`) of the caller's options that the hook calls. */
  forwards: string[];
  /** Whether the hook's own success path syncs (through the helper, by hand, or through what it calls). */
  syncs: boolean;
}

/** An exported function: what it syncs, and whether it awaits one received function before calling others. */
export interface FunctionSummary {
  name: string;
  file: string;
  /** The first hand-written sync it runs, directly or through the functions it calls. */
  handSync: SyncLocation | undefined;
  /** Whether it calls the sync helper. */
  helper: boolean;
  /** `await run(); then()`: code in the callbacks at `then` runs after the mutation behind `awaited`. */
  awaits: { awaited: ParameterPath & { via: 'call' | 'mutateAsync' }; then: ParameterPath[] } | undefined;
}

export type ExportSummary = { type: 'mutationHook'; hook: MutationHookSummary } | { type: 'function'; summary: FunctionSummary };

/** How a file's analysis asks about an imported binding: undefined when nothing is known about it. */
export type ImportLookup = (source: string, imported: string) => ExportSummary | undefined;
