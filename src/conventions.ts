import path from 'node:path';
import picomatch from 'picomatch';
import { prefixMethodNames } from './tables/cache-methods';
import { keyBuilderNames } from './tables/key-builders';
import { commentEndAt, includesInCode, matchesInCode, type CommentRanges, type TextTest } from './utils/text-search';

/** What a sync does to the client's copy of the scenes; each kind has one helper function. */
export type SyncKind = 'created' | 'updated' | 'deleted' | 'restored' | 'changed';
export const SYNC_KINDS: readonly SyncKind[] = ['created', 'updated', 'deleted', 'restored', 'changed'];

export type HelperStyle = 'positional' | 'object';

/** Words that name a restore: in a procedure (`restoreScene`, `undoDelete`) or a server event (`onSceneRestored`). */
export const RESTORE_WORDS: readonly string[] = ['restore', 'undo', 'revert'];
const RESTORE_PATTERN = new RegExp(RESTORE_WORDS.map((word) => (word.endsWith('e') ? word.slice(0, -1) : word)).join('|'), 'i');
const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** The app-specific conventions, as written in `settings.sceneSync` or in `scene-sync.config.json`. */
export interface SceneSyncSettings {
  /** What the app syncs, in its own words, for messages and comments: "scene", "document", "board". */
  entity?: string;
  store?: {
    hooks?: string[];
    actions?: Record<string, SyncKind>;
    refresh?: string | null;
    module?: string;
    /** The top-level keys of the store's state that hold scenes; null when any key may. */
    stateKeys?: string[] | null;
  };
  /** A procedure path, or `{ path, key }` when its input names the project under another key than `projectKey`. */
  queries?: (string | { path: string; key?: string })[];
  projectKey?: string;
  /** The app's tRPC client, so `init` can type the helper against it: `{ module, name }` (classic) or `{ module, hook }` (TanStack-native). */
  client?: { module: string; name?: string; hook?: string };
  mutations?: string[];
  restoreMutations?: string[];
  serverEvents?: string[];
  helper?: {
    module?: string;
    object?: string | null;
    functions?: Partial<Record<SyncKind, string>>;
    style?: HelperStyle;
  };
  allow?: string[];
  eventBus?: {
    objects?: string[];
    eventNames?: string;
    caseSensitive?: boolean;
  };
  database?: {
    sceneTable?: string;
    revisionColumn?: string;
  };
  crossModule?: boolean;
  tsconfig?: string | null;
}

/** A scene query and the key of its input that holds the project. */
export interface SceneQuery {
  path: string;
  key: string;
}

/** The app's tRPC client: the classic `createTRPCReact` object (`api`) or the TanStack-native context hook (`useTRPC`). */
export type ClientSetting = { kind: 'classic'; module: string; name: string } | { kind: 'tanstack'; module: string; hook: string };

/** Every key filled in: the same shape as the settings, defaults applied. */
export interface ResolvedSettings {
  entity: string;
  store: { hooks: string[]; actions: Record<string, SyncKind>; refresh: string | null; module: string; stateKeys: string[] | null };
  queries: SceneQuery[];
  projectKey: string;
  client: ClientSetting | null;
  mutations: string[];
  restoreMutations: string[];
  serverEvents: string[];
  helper: {
    module: string;
    object: string | null;
    functions: Record<SyncKind, string>;
    style: HelperStyle;
  };
  allow: string[];
  eventBus: { objects: string[]; eventNames: string; caseSensitive: boolean };
  database: { sceneTable: string; revisionColumn: string };
  /** Follow imports into the app's other modules (mutation hooks, sync functions, awaiting helpers). */
  crossModule: boolean;
  /** The tsconfig that resolves imports; null: the nearest `tsconfig.json` above each file. */
  tsconfig: string | null;
}

export const DEFAULT_SETTINGS: Readonly<ResolvedSettings> = Object.freeze<ResolvedSettings>({
  entity: 'scene',
  store: {
    hooks: ['useVideoState'],
    actions: {
      addScene: 'created',
      updateScene: 'updated',
      deleteScene: 'deleted',
      updateAndRefresh: 'changed',
      replace: 'changed',
      reorderScenes: 'changed',
    },
    refresh: 'updateAndRefresh',
    module: '~/stores/videoState',
    stateKeys: ['projects'],
  },
  queries: [{ path: 'generation.getProjectScenes', key: 'projectId' }],
  projectKey: 'projectId',
  client: null,
  mutations: ['**.*Scene*'],
  restoreMutations: [`**.{${RESTORE_WORDS.join(',')}}*`, `**.*{${RESTORE_WORDS.map(capitalize).join(',')}}*`],
  serverEvents: ['onScene{Created,Updated,Deleted,Restored}'],
  helper: {
    module: '~/lib/sync/scene-sync',
    object: 'sceneSyncHelpers',
    functions: {
      created: 'syncSceneCreated',
      updated: 'syncSceneUpdated',
      deleted: 'syncSceneDeleted',
      restored: 'syncSceneRestored',
      changed: 'syncAllScenes',
    },
    style: 'positional',
  },
  allow: [],
  eventBus: { objects: ['eventBus'], eventNames: 'scene', caseSensitive: false },
  database: { sceneTable: 'scenes', revisionColumn: 'revision' },
  crossModule: true,
  tsconfig: null,
});

/** Thrown for a setting that cannot be used; the message names the key, the value and what was expected. */
export class SceneSyncConfigError extends Error {
  constructor(
    readonly key: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`scene-sync: invalid setting "${key}": expected ${expected}, got ${describeValue(value)}.`);
    this.name = 'SceneSyncConfigError';
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}

/** A name code can declare and call: not a reserved word (`class`, `delete`), which would not parse. */
const IDENTIFIER =
  /^(?!(?:arguments|await|break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|eval|export|extends|false|finally|for|function|if|implements|import|in|instanceof|interface|let|new|null|package|private|protected|public|return|static|super|switch|this|throw|true|try|typeof|var|void|while|with|yield)$)[A-Za-z_$][\w$]*$/;
/** A property name (store actions): reserved words are fine after a dot, but not keys that reach Object.prototype. */
const PROPERTY_NAME = /^(?!(?:__proto__|constructor|prototype)$)[A-Za-z_$][\w$]*$/;
const PROCEDURE_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;
const MODULE_SPECIFIER = /^[\w@~#$./:+-]+$/;
/** Globs over dotted names: no empty segment, no regular-expression syntax. */
const NAME_PATTERN = /^[\w$*{},]+(?:\.[\w$*{},]+)*$/;
const GLOB_HINT = 'globs, not regular expressions: "*Scene*", not ".*Scene.*"';

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Json, key: string, allowed: readonly string[]): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) {
      const where = key ? `${key}.${name}` : name;
      throw new SceneSyncConfigError(where, value[name], `a known key (${allowed.join(', ')}) instead of this unknown one`);
    }
  }
}

function readObject(value: unknown, key: string): Json | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new SceneSyncConfigError(key, value, 'an object');
  return value;
}

function readStrings(value: unknown, key: string, item: RegExp, itemDescription: string, fallback: string[]): string[] {
  // A copy: DEFAULT_SETTINGS is frozen only shallowly, and resolved settings are handed out as plain data.
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value) || value.length === 0) {
    throw new SceneSyncConfigError(key, value, `a non-empty array of ${itemDescription}`);
  }
  value.forEach((entry, index) => {
    if (typeof entry !== 'string' || !item.test(entry)) {
      throw new SceneSyncConfigError(`${key}[${index}]`, entry, itemDescription);
    }
  });
  return [...(value as string[])];
}

function readGlobs(value: unknown, key: string, fallback: string[]): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value)) throw new SceneSyncConfigError(key, value, 'an array of glob strings');
  value.forEach((entry, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') {
      throw new SceneSyncConfigError(`${key}[${index}]`, entry, 'a non-empty glob string');
    }
  });
  return [...(value as string[])];
}

/** Like readStrings, but an empty array is allowed: "none". */
function readIdentifiers(value: unknown, key: string, fallback: string[]): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value)) throw new SceneSyncConfigError(key, value, 'an array of identifiers (may be empty)');
  value.forEach((entry, index) => {
    if (typeof entry !== 'string' || !IDENTIFIER.test(entry)) throw new SceneSyncConfigError(`${key}[${index}]`, entry, 'an identifier');
  });
  return [...(value as string[])];
}

function readIdentifier(value: unknown, key: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new SceneSyncConfigError(key, value, 'a JavaScript identifier (not a reserved word)');
  }
  return value;
}

function readModule(value: unknown, key: string, fallback: string): string {
  if (value === undefined) return fallback;
  // Generated code imports it: nothing that could close the string literal or start another statement.
  if (typeof value !== 'string' || !MODULE_SPECIFIER.test(value)) {
    throw new SceneSyncConfigError(key, value, 'a module specifier such as "~/stores/videoState" or "@acme/store" (letters, digits and @ ~ # $ . / : + - _)');
  }
  return value;
}

function readBoolean(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new SceneSyncConfigError(key, value, 'true or false');
  return value;
}

function readTsconfig(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new SceneSyncConfigError('tsconfig', value, 'a path to a tsconfig file, or null');
  return value;
}

function readRegExpSource(value: unknown, key: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new SceneSyncConfigError(key, value, 'a non-empty regular expression source such as "scene" or "^scene[.:]"');
  try {
    new RegExp(value, 'u');
  } catch (error) {
    throw new SceneSyncConfigError(key, value, `a valid regular expression source (${(error as Error).message})`);
  }
  return value;
}

function readEntity(value: unknown): string {
  if (value === undefined) return DEFAULT_SETTINGS.entity;
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9 -]{0,39}$/.test(value)) {
    throw new SceneSyncConfigError('entity', value, 'a singular noun of letters, digits, spaces or hyphens (at most 40 characters), such as "scene" or "document"');
  }
  return value;
}

const QUERY_EXPECTED = 'a tRPC procedure path such as "router.procedure", or { "path": "router.procedure", "key": "id" }';

function readQueries(value: unknown, projectKey: string): SceneQuery[] {
  if (value === undefined) return DEFAULT_SETTINGS.queries.map((query) => ({ path: query.path, key: projectKey }));
  if (!Array.isArray(value) || value.length === 0) throw new SceneSyncConfigError('queries', value, `a non-empty array, each entry ${QUERY_EXPECTED}`);
  return value.map((entry: unknown, index) => {
    const key = `queries[${index}]`;
    if (typeof entry === 'string') {
      if (!PROCEDURE_PATH.test(entry)) throw new SceneSyncConfigError(key, entry, QUERY_EXPECTED);
      return { path: entry, key: projectKey };
    }
    if (!isPlainObject(entry)) throw new SceneSyncConfigError(key, entry, QUERY_EXPECTED);
    checkKeys(entry, key, ['path', 'key']);
    if (typeof entry.path !== 'string' || !PROCEDURE_PATH.test(entry.path)) {
      throw new SceneSyncConfigError(`${key}.path`, entry.path, 'a tRPC procedure path such as "router.procedure"');
    }
    return { path: entry.path, key: readIdentifier(entry.key, `${key}.key`, projectKey) };
  });
}

function readClient(value: unknown): ClientSetting | null {
  // null and `kind` are the resolved form: settings already resolved may be resolved again.
  const client = value === null ? undefined : readObject(value, 'client');
  if (client === undefined) return null;
  checkKeys(client, 'client', ['module', 'name', 'hook', 'kind']);
  if (client.kind !== undefined && client.kind !== (client.name !== undefined ? 'classic' : 'tanstack')) {
    throw new SceneSyncConfigError('client.kind', client.kind, '"classic" with "name", or "tanstack" with "hook" (or leave it out)');
  }
  if (client.module === undefined) throw new SceneSyncConfigError('client.module', undefined, 'the module that exports the tRPC client, such as "~/trpc/react"');
  const module = readModule(client.module, 'client.module', '');
  if ((client.name === undefined) === (client.hook === undefined)) {
    throw new SceneSyncConfigError('client', client, 'either "name" (the createTRPCReact object, such as "api") or "hook" (the TanStack-native context hook, such as "useTRPC"), not both');
  }
  if (client.name !== undefined) return { kind: 'classic', module, name: readIdentifier(client.name, 'client.name', '') };
  return { kind: 'tanstack', module, hook: readIdentifier(client.hook, 'client.hook', '') };
}

/** The plural of an English noun, by the common rules: board -> boards, entry -> entries, box -> boxes. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

function isSyncKind(value: unknown): value is SyncKind {
  return typeof value === 'string' && (SYNC_KINDS as readonly string[]).includes(value);
}

const KIND_LIST = SYNC_KINDS.map((kind) => `"${kind}"`).join(', ');

/** Validates raw settings (from ESLint settings or a JSON file) and fills in the defaults. */
export function resolveSettings(raw: unknown): ResolvedSettings {
  const root = raw === undefined || raw === null ? {} : readObject(raw, 'sceneSync');
  if (root === undefined) return structuredClone(DEFAULT_SETTINGS) as ResolvedSettings;
  checkKeys(root, '', ['$schema', 'entity', 'store', 'queries', 'projectKey', 'client', 'mutations', 'restoreMutations', 'serverEvents', 'helper', 'allow', 'eventBus', 'database', 'crossModule', 'tsconfig']);

  const store = readObject(root.store, 'store') ?? {};
  checkKeys(store, 'store', ['hooks', 'actions', 'refresh', 'module', 'stateKeys']);
  const hooks = readStrings(store.hooks, 'store.hooks', IDENTIFIER, 'identifiers', DEFAULT_SETTINGS.store.hooks);
  let actions = { ...DEFAULT_SETTINGS.store.actions };
  const rawActions = readObject(store.actions, 'store.actions');
  if (rawActions !== undefined) {
    if (Object.keys(rawActions).length === 0) {
      throw new SceneSyncConfigError('store.actions', rawActions, 'an object mapping at least one action name to a sync kind');
    }
    actions = {};
    for (const [name, kind] of Object.entries(rawActions)) {
      if (!PROPERTY_NAME.test(name)) throw new SceneSyncConfigError(`store.actions.${name}`, name, 'an identifier as action name (not __proto__, constructor or prototype)');
      if (!isSyncKind(kind)) throw new SceneSyncConfigError(`store.actions.${name}`, kind, `one of ${KIND_LIST}`);
      actions[name] = kind;
    }
  }

  let refresh: string | null = DEFAULT_SETTINGS.store.refresh;
  if (store.refresh !== undefined) refresh = store.refresh === null ? null : readIdentifier(store.refresh, 'store.refresh', '');
  const storeModule = readModule(store.module, 'store.module', DEFAULT_SETTINGS.store.module);
  // The default keys describe the default store: another store's shape is unknown until it is given.
  const defaultStateKeys = store.hooks === undefined ? DEFAULT_SETTINGS.store.stateKeys : null;
  const stateKeys =
    store.stateKeys === undefined
      ? defaultStateKeys && [...defaultStateKeys]
      : store.stateKeys === null
        ? null
        : readStrings(store.stateKeys, 'store.stateKeys', PROPERTY_NAME, 'state keys (identifiers, not __proto__, constructor or prototype)', []);

  const helperRaw = readObject(root.helper, 'helper') ?? {};
  checkKeys(helperRaw, 'helper', ['module', 'object', 'functions', 'style']);
  const helperModule = readModule(helperRaw.module, 'helper.module', DEFAULT_SETTINGS.helper.module);
  let helperObject: string | null = DEFAULT_SETTINGS.helper.object;
  if (helperRaw.object !== undefined) {
    helperObject = helperRaw.object === null ? null : readIdentifier(helperRaw.object, 'helper.object', '');
  }
  const functions = { ...DEFAULT_SETTINGS.helper.functions };
  const rawFunctions = readObject(helperRaw.functions, 'helper.functions');
  if (rawFunctions !== undefined) {
    checkKeys(rawFunctions, 'helper.functions', SYNC_KINDS);
    for (const kind of SYNC_KINDS) {
      functions[kind] = readIdentifier(rawFunctions[kind], `helper.functions.${kind}`, functions[kind]);
    }
  }
  let style: HelperStyle = DEFAULT_SETTINGS.helper.style;
  if (helperRaw.style !== undefined) {
    if (helperRaw.style !== 'positional' && helperRaw.style !== 'object') {
      throw new SceneSyncConfigError('helper.style', helperRaw.style, '"positional" or "object"');
    }
    style = helperRaw.style;
  }

  const projectKey = readIdentifier(root.projectKey, 'projectKey', DEFAULT_SETTINGS.projectKey);
  const eventBus = readObject(root.eventBus, 'eventBus') ?? {};
  checkKeys(eventBus, 'eventBus', ['objects', 'eventNames', 'caseSensitive']);
  const database = readObject(root.database, 'database') ?? {};
  checkKeys(database, 'database', ['sceneTable', 'revisionColumn']);

  return {
    entity: readEntity(root.entity),
    store: { hooks, actions, refresh, module: storeModule, stateKeys },
    queries: readQueries(root.queries, projectKey),
    projectKey,
    client: readClient(root.client),
    mutations: readStrings(root.mutations, 'mutations', NAME_PATTERN, `patterns over "router.procedure" (*, ** and {a,b} allowed; ${GLOB_HINT})`, DEFAULT_SETTINGS.mutations),
    restoreMutations: readStrings(root.restoreMutations, 'restoreMutations', NAME_PATTERN, `patterns over "router.procedure" (*, ** and {a,b} allowed; ${GLOB_HINT})`, DEFAULT_SETTINGS.restoreMutations),
    serverEvents: readStrings(root.serverEvents, 'serverEvents', NAME_PATTERN, `callback name patterns (* and {a,b} allowed; ${GLOB_HINT})`, DEFAULT_SETTINGS.serverEvents),
    helper: { module: helperModule, object: helperObject, functions, style },
    allow: readGlobs(root.allow, 'allow', DEFAULT_SETTINGS.allow),
    eventBus: {
      objects: readIdentifiers(eventBus.objects, 'eventBus.objects', DEFAULT_SETTINGS.eventBus.objects),
      eventNames: readRegExpSource(eventBus.eventNames, 'eventBus.eventNames', DEFAULT_SETTINGS.eventBus.eventNames),
      caseSensitive: readBoolean(eventBus.caseSensitive, 'eventBus.caseSensitive', DEFAULT_SETTINGS.eventBus.caseSensitive),
    },
    database: {
      sceneTable: readIdentifier(database.sceneTable, 'database.sceneTable', DEFAULT_SETTINGS.database.sceneTable),
      revisionColumn: readIdentifier(database.revisionColumn, 'database.revisionColumn', DEFAULT_SETTINGS.database.revisionColumn),
    },
    crossModule: readBoolean(root.crossModule, 'crossModule', DEFAULT_SETTINGS.crossModule),
    tsconfig: readTsconfig(root.tsconfig),
  };
}

/**
 * Compiles a dotted-name pattern: `*` stays within one segment, `**.` spans any number of
 * leading segments, `{a,b}` is an alternative. A pattern without a dot matches the last segment.
 */
export function compileNamePattern(pattern: string): (dottedName: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (pattern.startsWith('**.', i)) {
      source += '(?:[^.]+\\.)*';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^.]*';
    } else if (char === '{') {
      const end = pattern.indexOf('}', i);
      const alternatives = pattern.slice(i + 1, end === -1 ? undefined : end).split(',');
      source += `(?:${alternatives.map(escapeRegExp).join('|')})`;
      i = end === -1 ? pattern.length : end;
    } else {
      source += escapeRegExp(char);
    }
  }
  const regex = new RegExp(`^${source}$`);
  const wholePath = pattern.includes('.');
  return (dottedName) => regex.test(wholePath ? dottedName : dottedName.slice(dottedName.lastIndexOf('.') + 1));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The helper kind a name suggests (`deleteScene` -> deleted, `scene:restored` -> restored), for messages. */
export function kindFromName(name: string): SyncKind {
  const lower = name.toLowerCase();
  if (RESTORE_PATTERN.test(lower)) return 'restored';
  if (/delet|remov/.test(lower)) return 'deleted';
  if (/creat|add|insert|duplicat/.test(lower)) return 'created';
  if (/updat|edit|renam|sav/.test(lower)) return 'updated';
  return 'changed';
}

/** The settings turned into the questions rules and codemod ask. */
export interface Conventions {
  readonly settings: ResolvedSettings;
  /** The entity in the app's words, singular and plural, for messages: "scene", "scenes". */
  readonly entity: string;
  readonly entities: string;
  readonly storeHooks: ReadonlySet<string>;
  /** Sync kind of a scene-writing store action, or undefined for other actions. */
  actionKind(name: string): SyncKind | undefined;
  /** Whether a write into this top-level key of the store's state (undefined: not known) can write scenes. */
  holdsSceneState(key: string | undefined): boolean;
  isSceneQuery(path: readonly string[]): boolean;
  /** The input key of a scene query that holds the project (`projectId`, `id`), or undefined for other paths. */
  queryKey(path: readonly string[]): string | undefined;
  /** True for a router path (possibly empty: the root) that contains a scene query. */
  routerHoldsSceneQuery(path: readonly string[]): boolean;
  isSceneMutation(path: readonly string[]): boolean;
  isRestoreMutation(path: readonly string[]): boolean;
  /** True for a name (a server event's) that announces a restore. */
  isRestoreName(name: string): boolean;
  /** The helper a mutation's success path should call, guessed from the procedure. */
  mutationKind(path: readonly string[]): SyncKind;
  isServerEvent(callbackName: string): boolean;
  /** True for an event name (`'scene.updated'`) that announces a scene change, per `eventBus.eventNames`. */
  isSceneEvent(eventName: string): boolean;
  /** The function name a helper call uses for a kind, e.g. `syncSceneUpdated`. */
  helperFunction(kind: SyncKind): string;
  /** How code calls the helper for a kind, e.g. `sceneSyncHelpers.syncSceneUpdated`. */
  helperCallee(kind: SyncKind): string;
  isHelperModule(source: string): boolean;
  /** True for an import specifier that names the `client` setting's module (`~/trpc/react`, `../trpc/react`). */
  isClientModule(source: string): boolean;
  isAllowedFile(filename: string, cwd: string): boolean;
  /** True when the text may hold something the rules look for; false lets a file be skipped unparsed. */
  mightConcern: TextTest;
  /**
   * True when the text may name a procedure `mutations` matches, called or not: a hook from another
   * module can run it for a caller that never spells a mutation call.
   */
  mightNameMutation: TextTest;
  /** False when the text cannot spell an event name `isSceneEvent` accepts. */
  mightNameSceneEvent: TextTest;
  /** Words one of which every text `mightConcern` passes holds. */
  concernKeywords: readonly Keyword[];
  /** The word every event name `isSceneEvent` accepts holds, or undefined when the pattern has none. */
  sceneEventKeyword: Keyword | undefined;
}

/** A word a text must hold for some test to pass, in its case rule. */
export interface Keyword {
  word: string;
  ignoreCase: boolean;
}

/** A bound on each table of remembered answers: a process that lints a huge repository must not grow without end. */
const MAX_REMEMBERED_NAMES = 10_000;

const CODE_EXTENSIONS = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/**
 * `path.relative`, without resolving both paths again for the usual case: ESLint names files by
 * normalized absolute paths, so a file under `cwd` is the rest of its path, unless that rest holds
 * `.`, `..` or empty segments, which only `path.relative` resolves.
 */
function relativePath(cwd: string, filename: string): string {
  if (path.sep === '/' && cwd.startsWith('/') && filename.startsWith(cwd) && filename[cwd.length] === '/') {
    const rest = filename.slice(cwd.length + 1);
    if (rest !== '' && !UNNORMALIZED_SEGMENT.test(rest)) return rest;
  }
  return path.relative(cwd, filename);
}

const UNNORMALIZED_SEGMENT = /^\/|(?:^|\/)\.\.?(?:\/|$)|\/\/|\/$/;

/** Strips path aliases and relative prefixes so `~/lib/x`, `@/lib/x` and `../../lib/x` compare equal. */
function moduleTail(specifier: string): string {
  return specifier
    .replace(/\\/g, '/')
    .replace(/^(?:[~@#]\/|(?:\.\.?\/)+|\/)/, '')
    .replace(/\.(?:[cm]?[jt]sx?)$/, '')
    .replace(/\/index$/, '');
}

export function createConventions(settings: ResolvedSettings): Conventions {
  const matchers = (patterns: string[]) => {
    const compiled = patterns.map(compileNamePattern);
    return (path: readonly string[]) => {
      const dotted = path.join('.');
      return compiled.some((match) => match(dotted));
    };
  };
  const queryKeys = new Map(settings.queries.map((query) => [query.path, query.key]));
  const queryPrefixes = new Set<string>(['']);
  for (const query of settings.queries) {
    const segments = query.path.split('.');
    for (let length = 1; length < segments.length; length++) queryPrefixes.add(segments.slice(0, length).join('.'));
  }
  const isSceneMutation = matchers(settings.mutations);
  const isRestoreMutation = matchers(settings.restoreMutations);
  const eventMatchers = settings.serverEvents.map(compileNamePattern);
  const helperTail = moduleTail(settings.helper.module);
  const clientTail = settings.client && moduleTail(settings.client.module);
  const allowGlobs = [
    ...settings.allow,
    `**/${helperTail}.${CODE_EXTENSIONS}`,
    `**/${helperTail}/index.${CODE_EXTENSIONS}`,
  ];
  // The globs' own expressions: picomatch's matcher re-formats its input for each of them.
  const allowExpressions = allowGlobs.map((glob) => picomatch.makeRe(glob, { dot: true }));
  const isAllowedPath = (file: string) => {
    for (const expression of allowExpressions) if (expression.test(file)) return true;
    return false;
  };
  const { test: mightConcern, namesMutation: mightNameMutation, gate: concernKeywords } = necessaryKeywordTest(settings);
  const sceneEventKeyword = eventNameKeyword(settings.eventBus);
  // Every import of every file asks: the same few specifiers, answered once.
  const helperModuleAnswers = new Map<string, boolean>();
  const serverEventAnswers = new Map<string, boolean>();
  let lastAllowed: { filename: string; cwd: string; allowed: boolean } | undefined;
  const sceneEvent = new RegExp(settings.eventBus.eventNames, settings.eventBus.caseSensitive ? 'u' : 'iu');

  return {
    settings,
    entity: settings.entity,
    entities: pluralOf(settings.entity),
    storeHooks: new Set(settings.store.hooks),
    actionKind: (name) => (Object.hasOwn(settings.store.actions, name) ? settings.store.actions[name] : undefined),
    holdsSceneState: (key) => settings.store.stateKeys === null || key === undefined || settings.store.stateKeys.includes(key),
    isSceneQuery: (path) => queryKeys.has(path.join('.')),
    queryKey: (path) => queryKeys.get(path.join('.')),
    routerHoldsSceneQuery: (path) => queryPrefixes.has(path.join('.')),
    isSceneMutation,
    isRestoreMutation,
    isRestoreName: (name) => RESTORE_PATTERN.test(name),
    mutationKind: (path) => (isRestoreMutation(path) ? 'restored' : kindFromName(path[path.length - 1] ?? '')),
    isServerEvent(name) {
      // Every object property of every analysed file asks, and the same few keys recur.
      let answer = serverEventAnswers.get(name);
      if (answer === undefined) {
        answer = eventMatchers.some((match) => match(name));
        if (serverEventAnswers.size < MAX_REMEMBERED_NAMES) serverEventAnswers.set(name, answer);
      }
      return answer;
    },
    isSceneEvent: (name) => sceneEvent.test(name),
    helperFunction: (kind) => settings.helper.functions[kind],
    helperCallee: (kind) =>
      settings.helper.object === null
        ? settings.helper.functions[kind]
        : `${settings.helper.object}.${settings.helper.functions[kind]}`,
    isHelperModule(source) {
      let answer = helperModuleAnswers.get(source);
      if (answer === undefined) {
        const tail = moduleTail(source);
        answer = source === settings.helper.module || tail === helperTail || tail.endsWith(`/${helperTail}`);
        if (helperModuleAnswers.size < MAX_REMEMBERED_NAMES) helperModuleAnswers.set(source, answer);
      }
      return answer;
    },
    isClientModule: (source) => clientTail !== null && (source === settings.client!.module || moduleTail(source) === clientTail),
    isAllowedFile(filename, cwd) {
      // Every rule asks about the same file in turn: answer the repeated question from the last one.
      if (lastAllowed && lastAllowed.filename === filename && lastAllowed.cwd === cwd) return lastAllowed.allowed;
      let allowed: boolean;
      if (!path.isAbsolute(filename)) {
        allowed = isAllowedPath(filename.replace(/\\/g, '/'));
      } else {
        const relative = relativePath(cwd, filename).replace(/\\/g, '/');
        allowed = isAllowedPath(relative) || isAllowedPath(filename.replace(/\\/g, '/'));
      }
      lastAllowed = { filename, cwd, allowed };
      return allowed;
    },
    mightConcern,
    mightNameMutation,
    mightNameSceneEvent: sceneEventKeyword ? keywordTest([sceneEventKeyword]) : () => true,
    concernKeywords,
    sceneEventKeyword,
  };
}

/**
 * A necessary word of the `eventNames` pattern when it is a plain sequence (`scene`, `^scene:`):
 * its longest run of word characters, in the pattern's case rule. A pattern with alternatives,
 * classes, groups, quantifiers or escapes has no such word.
 */
function eventNameKeyword(eventBus: ResolvedSettings['eventBus']): Keyword | undefined {
  if (/[|()[\]{}?*+\\]/.test(eventBus.eventNames)) return undefined;
  const words = eventBus.eventNames.split(/[^\w]+/).filter((word) => word !== '');
  const longest = words.reduce((best, word) => (word.length > best.length ? word : best), '');
  return longest === '' ? undefined : { word: longest, ignoreCase: !eventBus.caseSensitive };
}

/**
 * A text test that remembers its last answer: a file's rules, and then their analyses, ask the same
 * question of the same text in a row, and every scan of a large file counts. Equal texts get equal
 * answers, so comparing by value is safe; the text is usually the very same string, found at once.
 */
export function rememberLast<Answer>(
  test: (text: string, conventions: Conventions, comments: CommentRanges | undefined) => Answer,
): (text: string, conventions: Conventions, comments?: CommentRanges) => Answer {
  let lastText: string | undefined;
  let lastConventions: Conventions | undefined;
  let lastComments: CommentRanges | undefined;
  let lastAnswer!: Answer;
  return (text, conventions, comments) => {
    if (text !== lastText || conventions !== lastConventions || comments !== lastComments) {
      lastAnswer = test(text, conventions, comments);
      lastText = text;
      lastConventions = conventions;
      lastComments = comments;
    }
    return lastAnswer;
  };
}

/**
 * A test for any of the keywords: `includes` per case-sensitive word, a regex per word that
 * ignores case (with the `u` flag, as `isSceneEvent` matches). A word that holds another keyword,
 * in that keyword's case rule, is left out: the other decides.
 */
export function keywordTest(keywords: readonly Keyword[]): TextTest {
  const folded = keywords.filter((keyword) => keyword.ignoreCase);
  const foldedWords = folded.map((keyword) => keyword.word.toLowerCase());
  const plain = keywords.filter((keyword) => !keyword.ignoreCase && !foldedWords.some((word) => keyword.word.toLowerCase().includes(word))).map((keyword) => keyword.word);
  const literals = anyWordOf(plain);
  const patterns = [...new Set(foldedWords)].filter((word) => word !== '').map((word) => new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'));
  return (text, comments) => {
    if (literals(text, comments)) return true;
    for (const pattern of patterns) if (matchesInCode(pattern, text, comments)) return true;
    return false;
  };
}

/**
 * Words one of which every call that creates or runs a mutation shows: tRPC's and TanStack's
 * `useMutation`, TanStack-native `mutationOptions`, and a vanilla client's `mutate`/`mutateAsync`.
 */
const MUTATION_CALL_WORDS = ['useMutation', 'mutationOptions', 'mutate'] as const;

/**
 * The text test that lets a file be skipped unparsed: true only when the file holds words that
 * every possible site needs. A store site names a store hook; a cache site names a query's last
 * segment, or a router segment spelled as a property (or, for everything, `useUtils`/`useContext`
 * or a path builder spelled as a client's method) together with a method that takes a key prefix;
 * a forgotten sync names a literal part of a mutation pattern together with a call that makes the
 * mutation. Words most React files hold (`useMutation`, `mutate`) are not enough alone, nor is
 * the entity's name (`Scene` in a 3D app).
 */
function necessaryKeywordTest(settings: ResolvedSettings): { test: TextTest; namesMutation: TextTest; gate: Keyword[] } {
  const lastSegments = new Set<string>();
  const routerSegments = new Set<string>();
  for (const query of settings.queries) {
    const segments = query.path.split('.');
    lastSegments.add(segments[segments.length - 1]!);
    for (const segment of segments.slice(0, -1)) routerSegments.add(segment);
  }
  const storeAndQueryWords = [...settings.store.hooks, ...lastSegments];
  const mutationWords = settings.mutations.flatMap(mutationKeywords);
  const serverEventWords = settings.serverEvents.map(literalKeywords);
  const serverEventLiterals = serverEventWords.flatMap((words) => words ?? []);
  const siteWordList = [...storeAndQueryWords, ...mutationWords, ...serverEventLiterals];
  const namesStoreOrQuery = anyWordOf(storeAndQueryWords);
  const namesMutation = anyWordOf(mutationWords);
  const createsMutation = anyWordOf(MUTATION_CALL_WORDS);
  // A pattern with no literal part (`*`) can name any callback: then no word rules a server event out.
  const namesServerEvent = serverEventWords.some((words) => words === undefined) ? () => true : anyWordOf(serverEventLiterals);
  const namesRouter = anyWordSpelled(routerSegments, asProperty);
  const namesRouterMethod = anyWordSpelled(['useUtils', 'useContext', ...keyBuilderNames('path')], asMember);
  const routerWords: TextTest = (text, comments) => namesRouterMethod(text, comments) || namesRouter(text, comments);
  const prefixMethods = anyWordOf(prefixMethodNames());
  // Most files hold none of these: one scan per covering substring rejects them before the exact tests.
  const gateWords = coveringSubstrings([...siteWordList, ...prefixMethodNames()]);
  const gate = anyWordOf(gateWords);
  return {
    test: (text, comments) =>
      gate(text, comments) &&
      (namesStoreOrQuery(text, comments) ||
        (namesMutation(text, comments) && createsMutation(text, comments)) ||
        namesServerEvent(text, comments) ||
        (prefixMethods(text, comments) && routerWords(text, comments))),
    namesMutation: (text, comments) => gate(text, comments) && namesMutation(text, comments),
    gate: gateWords.map((word) => ({ word, ignoreCase: false })),
  };
}

const MAX_PAIRED_WORDS = 500;

/**
 * A test for any of the words. `includes` per word, not one alternation: V8 scans a literal far
 * faster than a regex union. A word that holds another of the list is left out: the other decides.
 */
function anyWordOf(words: Iterable<string>): TextTest {
  const unique = [...new Set(words)].filter((word) => word !== '');
  // Comparing every pair is quadratic: a list longer than any real app's is scanned as it is.
  const needed = unique.length > MAX_PAIRED_WORDS ? unique : unique.filter((word) => !unique.some((other) => other !== word && word.includes(other)));
  const searches = needed.map(wordSearch);
  // A loop, not `some`: a callback closing over the text would be allocated for every file.
  return (text, comments) => {
    for (const search of searches) if (search(text, comments)) return true;
    return false;
  };
}

// Lower-case letters from the most to the least frequent in source code.
const LETTERS_BY_FREQUENCY = 'etaoisrnlcdupmhgfybvwkxjqz';

/** How often a character occurs in code, roughly: 0 for the rarest. */
function commonness(char: string): number {
  if (/[A-Z0-9$_]/.test(char)) return 0;
  const rank = LETTERS_BY_FREQUENCY.indexOf(char);
  return rank === -1 ? LETTERS_BY_FREQUENCY.length : LETTERS_BY_FREQUENCY.length - rank;
}

/**
 * A test for one word that searches from its rarest character: V8 looks for a needle's first
 * character and then compares, so `VideoState` is found (or not) about twice as fast as
 * `useVideoState`. Each place the rest is found, the whole word is checked.
 */
function wordSearch(word: string): TextTest {
  let anchor = 0;
  for (let index = 1; index < word.length; index++) if (commonness(word[index]!) < commonness(word[anchor]!)) anchor = index;
  if (anchor === 0) return (text, comments) => includesInCode(text, word, comments);
  const needle = word.slice(anchor);
  return (text, comments) => {
    for (let at = text.indexOf(needle, anchor); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (!text.startsWith(word, at - anchor)) continue;
      const end = comments && comments.length > 0 ? commentEndAt(comments, at - anchor) : -1;
      if (end === -1) return true;
      // The next word can start where the comment ends.
      at = end + anchor - 1;
    }
    return false;
  };
}

/** Where a word stands in the text, past white space: the character before it and after it. */
type Spelling = (before: string | undefined, after: string | undefined, afterNext: string | undefined) => boolean;

/**
 * A router segment is reached as `utils.generation`, `{ generation }`, `generation.invalidate` or
 * `'generation'` in a key, never as a bare variable (`const generation = i + 1`, which a word test
 * alone lets through): a dot, a quote, an opening brace or a comma before it (a member, a key, an
 * entry of a pattern), or a dot or `?.` after it (a destructured router used). A slash on either
 * side counts too: it may end or start a comment between the word and its dot. A router reached
 * through `useUtils()` or a path builder has that method's word in the file as well, so a line
 * comment between a segment and its brace hides no site.
 */
const asProperty: Spelling = (before, after, afterNext) =>
  (before !== undefined && PROPERTY_BEFORE.has(before)) || after === '.' || after === '/' || (after === '?' && afterNext === '.');
const PROPERTY_BEFORE = new Set(['.', "'", '"', '`', '{', ',', '/']);

/**
 * `useUtils()`, `useContext()` and the path builders count only as methods of a tRPC client
 * (`api.useContext()`, `trpc.pathFilter()`): a dot or a quote before them, or a slash (a comment
 * after the dot). React's own `useContext`, imported and called bare, is in most React files.
 */
const asMember: Spelling = (before) => before === '.' || before === "'" || before === '"' || before === '`' || before === '/';

/** A test for any of the words, each counted only where it is spelled as `spelling` says. */
function anyWordSpelled(words: Iterable<string>, spelling: Spelling): TextTest {
  const unique = [...new Set(words)].filter((word) => word !== '');
  return (text, comments) => {
    for (const word of unique) {
      const spelled = (at: number) => {
        const after = firstNonSpaceFrom(text, at + word.length);
        return spelling(text[lastNonSpaceBefore(text, at)], text[after], text[after + 1]);
      };
      if (includesInCode(text, word, comments, spelled)) return true;
    }
    return false;
  };
}

const UNICODE_SPACE = /\s/;

/** JavaScript's white space and line breaks; ASCII answered without the regular expression. */
function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return UNICODE_SPACE.test(text[index]!);
}

function lastNonSpaceBefore(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && isSpace(text, index)) index--;
  return index;
}

function firstNonSpaceFrom(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && isSpace(text, index)) index++;
  return index;
}

/**
 * A test for any of the words that rejects most texts in fewer scans: first one scan per covering
 * substring (`Event` for `EventEmitter` and `dispatchEvent`), then the words themselves.
 */
export function anyWordTest(words: readonly string[]): TextTest {
  const exact = anyWordOf(words);
  const covering = coveringSubstrings(words);
  if (covering.length >= new Set(words).size) return exact;
  const gate = anyWordOf(covering);
  return (text, comments) => gate(text, comments) && exact(text, comments);
}

const MIN_COVERING_LENGTH = 5;
/** Beyond this many letters in all words the search costs more than it saves: the words stand as they are. */
const MAX_COVERING_INPUT = 1_000;

/**
 * Few substrings such that every word holds one of them (`Queries` for `resetQueries` and
 * `cancelQueries`): greedily the one held by most words still uncovered, the longer on a tie.
 * Words shorter than the minimum stand for themselves. Paid once per configuration.
 */
function coveringSubstrings(words: readonly string[]): string[] {
  let uncovered = [...new Set(words)].filter((word) => word !== '');
  if (uncovered.reduce((total, word) => total + word.length, 0) > MAX_COVERING_INPUT) return uncovered;
  const chosen: string[] = [];
  while (uncovered.length > 0) {
    let best = uncovered[0]!;
    let bestCount = 0;
    for (const word of uncovered) {
      for (let start = 0; start + MIN_COVERING_LENGTH <= word.length; start++) {
        for (let end = start + MIN_COVERING_LENGTH; end <= word.length; end++) {
          const candidate = word.slice(start, end);
          const count = uncovered.filter((other) => other.includes(candidate)).length;
          if (count > bestCount || (count === bestCount && candidate.length > best.length)) {
            best = candidate;
            bestCount = count;
          }
        }
      }
    }
    chosen.push(best);
    uncovered = uncovered.filter((word) => !word.includes(best));
  }
  return chosen;
}

/**
 * Words a procedure matched by `pattern` must show in the code: the most selective literal part
 * of the pattern (a segment or the alternatives of a `{a,b}` group), or the generic mutation calls
 * when the pattern has no literal part.
 */
function mutationKeywords(pattern: string): string[] {
  return literalKeywords(pattern) ?? [...MUTATION_CALL_WORDS];
}

/** The most selective literal part of a name pattern, or undefined when it has none. */
function literalKeywords(pattern: string): string[] | undefined {
  const parts: string[][] = [];
  let literal = '';
  const flush = () => {
    for (const piece of literal.split('.')) if (piece !== '') parts.push([piece]);
    literal = '';
  };
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*') {
      flush();
    } else if (char === '{') {
      flush();
      const end = pattern.indexOf('}', index);
      const alternatives = pattern.slice(index + 1, end === -1 ? undefined : end).split(',');
      if (alternatives.every((alternative) => /^[\w$]+$/.test(alternative))) parts.push(alternatives);
      index = end === -1 ? pattern.length : end;
    } else {
      literal += char;
    }
  }
  flush();
  if (parts.length === 0) return undefined;
  const selectivity = (alternatives: string[]) => Math.min(...alternatives.map((alternative) => alternative.length));
  return parts.reduce((best, part) => (selectivity(part) > selectivity(best) ? part : best));
}

const conventionsCache = new WeakMap<object, Conventions>();
let defaultConventions: Conventions | undefined;

/** Resolves settings once per settings object: rules ask on every file, the answer never changes. */
export function getConventions(raw: unknown): Conventions {
  if (raw === undefined || raw === null) {
    defaultConventions ??= createConventions(resolveSettings(undefined));
    return defaultConventions;
  }
  if (typeof raw !== 'object') return createConventions(resolveSettings(raw));
  let conventions = conventionsCache.get(raw);
  if (!conventions) {
    conventions = createConventions(resolveSettings(raw));
    conventionsCache.set(raw, conventions);
  }
  return conventions;
}
