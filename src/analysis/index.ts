import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { rememberLast, type Conventions, type Keyword, type SyncKind } from '../conventions';
import { codeExcerpt, codeNodes, referencesOf, staticKey, contains, importedName, objectKeyName, enclosingFunction, findProperty, type FunctionNode, isFunction, type Node, outerExpression, perFile, propertyName, returnedExpression, unwrap, type VisitorKeys } from './ast';
import { runsAfter } from './flow';
import { moduleScope, readExports } from './modules/exports';
import type { FunctionSummary, ImportLookup, ParameterPath, SyncLocation } from './modules/types';
import type { TypeOracle } from './types';
import { cacheMethod, isCacheSync, type CacheEffect, type CacheMethod } from '../tables/cache-methods';
import { isHookName, ValueResolver, type MutationInfo, type Value } from './values';
import { includesInCode, matchesInCode, treeCheaperThanText, type CommentRanges } from '../utils/text-search';

export type { MutationInfo, ValueResolver } from './values';

/** A hand-written store update: an action call, `setState`, or a write into state. */
export interface StoreSite {
  category: 'store';
  form: 'action' | 'setState' | 'write';
  /** The call, assignment, update or `delete` expression. */
  node: Node;
  hook: string;
  action: string | undefined;
  kind: SyncKind;
  /** How the code names what it called, for messages: `updateScene`, `useVideoState.setState`. */
  found: string;
}

/** What a cache operation addresses: one scene query, a router that holds one, or every query. */
export type CacheScope = 'query' | 'router' | 'all';

/** A hand-written cache operation on a scene query, a router holding one, or everything. */
export interface CacheSite {
  category: 'cache';
  /** How it was called: a tRPC utils method, a query result's `refetch`, or a QueryClient method. */
  form: 'utils' | 'refetch' | 'queryClient';
  scope: CacheScope;
  effect: CacheEffect;
  node: TSESTree.CallExpression;
  path: string[];
  method: string;
  /** The argument that holds the procedure input (`{ projectId }`), when there is one. */
  input: Node | undefined;
  found: string;
}

export type SyncSite = StoreSite | CacheSite;

export interface HelperCall {
  node: TSESTree.CallExpression;
  kind: SyncKind | undefined;
}

/** Code that runs after a scene changed on the server: a success callback, or what follows an awaited mutation. */
export type SuccessRegion =
  | {
      type: 'callback';
      fn: FunctionNode;
      mutation: MutationInfo | undefined;
      restore: boolean;
      /** The server-event option (`onSceneCreated: ...`) whose callback this is, or whose callback calls it. */
      serverEvent?: TSESTree.Property | undefined;
    }
  | { type: 'after'; event: Node; scope: Node; mutation: MutationInfo; restore: boolean };

/** A call of a function another module exports (`syncAfterRename(projectId)`), with what it syncs. */
export interface CrossModuleCall {
  node: TSESTree.CallExpression;
  summary: FunctionSummary;
}

export interface MutationFinding {
  mutation: MutationInfo;
  /** Kind of helper the success path should call, guessed from the procedure name. */
  suggestedKind: SyncKind;
}

/** Why a mutation's sync is left to code this file does not show. */
export interface HandOff {
  /**
   * `option`: a received callback is its success callback; `call`: its success path calls one;
   * `escape`: the mutation leaves the file; `unread`: its options or success callback come from code
   * the file does not show (`withToast({...})`, `onSuccess: handlers.saved`).
   */
  reason: 'option' | 'call' | 'escape' | 'unread';
  node: Node;
}

export interface FileAnalysis {
  /** Every hand-written sync in the file (none for allowed files). */
  sites: SyncSite[];
  helperCalls: HelperCall[];
  mutations: MutationInfo[];
  /** Success regions whose code runs `node`; empty when `node` is not after a scene change. */
  regionsOf(node: Node): SuccessRegion[];
  /** Every success region: of each mutation, and of server events (no mutation). */
  regions: readonly SuccessRegion[];
  /** The calls that run a mutation: its `mutate`/`mutateAsync` calls, or the vanilla call itself. */
  invocationsOf(mutation: MutationInfo): TSESTree.CallExpression[];
  /** How the mutation's sync is left to a received callback or to the code it escapes to; undefined when it is not. */
  handOffOf(mutation: MutationInfo): HandOff | undefined;
  /** Scene mutations whose success path never syncs. */
  unsynced: MutationFinding[];
  /** Each `await` of a mutation's run (`await m.mutateAsync(...)`, an awaited vanilla `mutate`), in file order. */
  awaited: { node: TSESTree.AwaitExpression; mutation: MutationInfo }[];
  /** The value tracker, for callers that need to ask about other expressions (the codemod's planner). */
  values: ValueResolver | undefined;
  /** Calls of functions from other modules (empty when cross-module analysis is off). */
  crossCalls: CrossModuleCall[];
  /** What `fn` syncs when it runs, through the functions it calls too: the first hand-written sync, and helper calls. */
  syncsIn(fn: FunctionNode): { hand: SyncLocation | undefined; helper: boolean };
  /**
   * Whether the success path of `mutation` syncs. Calls of what `owner` received (a hook forwarding
   * its caller's callbacks) do not count: what they do is the caller's.
   */
  successSyncs(mutation: MutationInfo, owner: FunctionNode): boolean;
}

export interface AnalysisInput {
  ast: TSESTree.Program;
  scopeManager: Scope.ScopeManager;
  visitorKeys: VisitorKeys;
  text: string;
  conventions: Conventions;
  /** Files that implement the discipline are analysed as empty. */
  allowed: boolean;
  /** Present only with type information: recognises what syntax cannot trace. Without it, nothing changes. */
  types?: TypeOracle | undefined;
  /** Facts about imported bindings from the app's other modules; absent when cross-module analysis is off. */
  imports?: ImportLookup | undefined;
  /** Analyse even a file without any keyword: a module summarised for the files that import it. */
  whole?: boolean;
  /** The file's path, for the locations other files' messages name. */
  filename?: string;
  /**
   * Exported functions that run only in success paths (every call in the repository is in one, as the
   * codemod found): their bodies are success regions. `restore`: some caller's mutation is a restore.
   */
  successFunctions?: ReadonlyMap<string, { restore: boolean }>;
}


const EMPTY: FileAnalysis = Object.freeze({
  sites: [],
  helperCalls: [],
  mutations: [],
  regionsOf: () => [],
  regions: [],
  invocationsOf: () => [],
  handOffOf: () => undefined,
  unsynced: [],
  awaited: [],
  values: undefined,
  crossCalls: [],
  syncsIn: () => ({ hand: undefined, helper: false }),
  successSyncs: () => false,
});

const MUTATION_RESULT_MEMBERS = new Set([
  'mutate', 'mutateAsync', 'isPending', 'isLoading', 'isError', 'isSuccess', 'isIdle', 'isPaused', 'error', 'data',
  'status', 'reset', 'variables', 'failureCount', 'failureReason', 'submittedAt', 'context',
]);
export const SUCCESS_CALLBACKS: readonly string[] = ['onSuccess', 'onSettled'];
const MUTATE_CALL = /\bmutate(?:Async)?\b/g;

/** Analyses a file once per conventions; every rule and the codemod read the same result. */
export const analyzeFile = perFile((input: AnalysisInput): FileAnalysis => {
  const concerns = input.whole === true || treeCheaperThanText(input.ast, input.text) || mightHoldSites(input);
  // `allowed` last: rules compute it lazily (a glob match), and most files fail the cheaper test.
  return !concerns || input.allowed ? EMPTY : new FileAnalyzer(input).run();
});

interface Invocation {
  call: TSESTree.CallExpression;
  mutation: MutationInfo;
  method: string;
}

class FileAnalyzer {
  private readonly resolver: ValueResolver;
  private readonly conventions: Conventions;
  private readonly sites: SyncSite[] = [];
  private readonly helperCalls: HelperCall[] = [];
  private readonly mutations = new Set<MutationInfo>();
  private readonly invocations: Invocation[] = [];
  private readonly localCalls: { call: TSESTree.CallExpression; fn: FunctionNode }[] = [];
  /** Calls of a received callback (`onSaved()`, `props.onSaved()`), with the function that received it. */
  private readonly handOffs: { call: TSESTree.CallExpression; fn: FunctionNode | undefined }[] = [];
  private readonly regions = new RegionIndex();
  /** Mutations whose success callback is a received one, with that option's value. */
  private readonly handedOff = new Map<MutationInfo, Node>();
  /** Mutations whose options or success callback this file cannot read, with the first such node. */
  private readonly unread = new Map<MutationInfo, Node>();
  private readonly awaited: FileAnalysis['awaited'] = [];
  private readonly crossCalls: CrossModuleCall[] = [];
  /** Calls of other modules' bindings not looked up yet: only those that can matter are (see `lookUpCalls`). */
  private importedCalls: { call: TSESTree.CallExpression; binding: Extract<Value, { type: 'importedBinding' }> }[] = [];
  /** The sites the file reports (store writes in the store's own module left out). */
  private ownSites: SyncSite[] = [];

  constructor(private readonly input: AnalysisInput) {
    this.conventions = input.conventions;
    this.resolver = new ValueResolver(input.scopeManager, input.conventions, input.imports);
  }

  run(): FileAnalysis {
    const events: Node[] = [];
    for (const node of codeNodes(this.input.ast, this.input.visitorKeys).all) {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          this.visitCall(node);
          break;
        case AST_NODE_TYPES.AssignmentExpression:
          this.visitWrite(node, node.left);
          break;
        case AST_NODE_TYPES.UpdateExpression:
          this.visitWrite(node, node.argument);
          break;
        case AST_NODE_TYPES.UnaryExpression:
          if (node.operator === 'delete') this.visitWrite(node, node.argument);
          break;
        case AST_NODE_TYPES.Property:
          events.push(node);
          break;
        default:
          break;
      }
    }
    for (const property of events) this.visitServerEvent(property as TSESTree.Property);
    const invocations = groupBy(this.invocations, (invocation) => invocation.mutation);
    for (const mutation of this.mutations) this.collectRegions(mutation, invocations.get(mutation) ?? []);
    // Functions that may await a mutation: called with a callback or an object, in a file with mutations.
    if (this.mutations.size > 0) this.lookUpCalls(({ call }) => call.arguments.some((argument) => isCallbackArgument(argument)));
    for (const call of this.crossCalls) this.collectHandedCallbacks(call);
    for (const [name, { restore }] of this.input.successFunctions ?? []) {
      const fn = exportedFunction(this.input.ast, this.input.scopeManager, this.resolver, name);
      if (fn) this.regions.add({ type: 'callback', fn, mutation: undefined, restore });
    }
    this.followLocalCalls();
    // What a called function syncs matters in a success path; a summarised module needs all (`syncsIn`).
    this.lookUpCalls(({ call }) => this.input.whole === true || this.regions.of(call).length > 0);

    const sites = this.sites.filter((site) => site.category !== 'store' || !this.resolver.localStoreHooks.has(site.hook));
    this.ownSites = sites;
    const invocationsOf = (mutation: MutationInfo) => (mutation.vanilla ? [mutation.node] : (invocations.get(mutation) ?? []).map((invocation) => invocation.call));
    const handOffOf = this.handOffFinder();
    return {
      sites,
      helperCalls: this.helperCalls,
      mutations: [...this.mutations],
      regionsOf: (node) => this.regions.of(node),
      regions: this.regions.all(),
      invocationsOf,
      handOffOf,
      unsynced: this.findUnsynced(sites, invocations, handOffOf),
      awaited: this.awaited.sort((a, b) => a.node.range[0] - b.node.range[0]),
      values: this.resolver,
      crossCalls: this.crossCalls,
      syncsIn: (fn) => this.syncsIn(fn),
      successSyncs: (mutation, owner) => this.successSyncs(mutation, owner),
    };
  }

  /** Answers `handOffOf`, memoised; the received callbacks called in success paths are bucketed once. */
  private handOffFinder(): (mutation: MutationInfo) => HandOff | undefined {
    const calls = new Map<MutationInfo | undefined, TSESTree.CallExpression>();
    // A success callback's own parameters (the mutation's result) are data, not a hand-off.
    for (const { call, fn } of this.handOffs) {
      for (const region of this.regions.of(call)) if (!(region.type === 'callback' && region.fn === fn) && !calls.has(region.mutation)) calls.set(region.mutation, call);
    }
    const memo = new Map<MutationInfo, HandOff | undefined>();
    const find = (mutation: MutationInfo): HandOff | undefined => {
      const option = this.handedOff.get(mutation);
      if (option) return { reason: 'option', node: option };
      const unread = this.unread.get(mutation);
      if (unread) return { reason: 'unread', node: unread };
      if (this.escapes(mutation)) return { reason: 'escape', node: mutation.node };
      const call = calls.get(mutation);
      return call && { reason: 'call', node: call };
    };
    return (mutation) => {
      if (!memo.has(mutation)) memo.set(mutation, find(mutation));
      return memo.get(mutation);
    };
  }

  private visitCall(call: TSESTree.CallExpression): void {
    const callee = unwrap(call.callee);
    const value = this.resolver.evaluate(callee);
    const mutation = this.resolver.mutationOfCall(call, value);
    if (mutation) this.mutations.add(mutation);
    // With types, what syntax cannot trace (a parameter, an import from another module) may be a store action.
    if ((!value || value.type === 'external' || value.type === 'importedBinding') && this.input.types && this.visitTypedCall(call, callee)) return;
    // A QueryClient from `useQueryClient()`, an import or a parameter: its calls are known by the method and key.
    if ((!value || value.type === 'external') && callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = cacheMethod('queryClient', propertyName(callee));
      if (method && this.visitQueryClientCall(call, callee, method)) return;
    }
    if (value) this.classifyCall(call, callee, value);
  }

  private classifyCall(call: TSESTree.CallExpression, callee: Node, value: Value): void {
    switch (value.type) {
      case 'storeAction':
        this.sites.push({ category: 'store', form: 'action', node: call, hook: value.hook, action: value.action, kind: value.kind, found: value.action });
        break;
      case 'storeMethod':
        if (value.method === 'setState' && this.setStateWritesSceneState(call)) {
          this.sites.push({ category: 'store', form: 'setState', node: call, hook: value.hook, action: undefined, kind: 'changed', found: `${value.hook}.setState` });
        }
        break;
      case 'utilsMethod': {
        const scope = this.cacheScope(value.path, value.method, true);
        if (scope) {
          const { name: method, effect } = value.method;
          this.sites.push({ category: 'cache', form: 'utils', scope, effect, node: call, path: value.path, method, input: call.arguments[0], found: this.text(callee) });
        }
        break;
      }
      case 'refetch':
        if (this.conventions.isSceneQuery(value.path)) {
          const site = { category: 'cache', form: 'refetch', scope: 'query', effect: 'refresh', method: 'refetch' } as const;
          this.sites.push({ ...site, node: call, path: value.path, input: value.query.arguments[0], found: this.text(callee) });
        }
        break;
      case 'helperFunction':
        this.helperCalls.push({ node: call, kind: value.kind });
        break;
      case 'mutateFunction':
        this.invocations.push({ call, mutation: value.mutation, method: value.method });
        break;
      case 'localFunction':
        this.localCalls.push({ call, fn: value.fn });
        break;
      case 'external':
        if (value.depth <= 1) this.handOffs.push({ call, fn: value.fn });
        break;
      case 'importedBinding':
        this.importedCalls.push({ call, binding: value });
        break;
      default:
        break;
    }
  }

  /** With type information: a call of a store action reached through a custom hook or a helper that returns it. */
  private visitTypedCall(call: TSESTree.CallExpression, callee: Node): boolean {
    const action = this.input.types?.storeActionAt(callee);
    if (!action) return false;
    this.sites.push({ category: 'store', form: 'action', node: call, hook: action.hook, action: action.action, kind: action.kind, found: action.action });
    return true;
  }

  /**
   * What a cache call on `path` addresses, or undefined when it is no scene sync: a read, another
   * query, or a router path given to a method that takes one exact key.
   */
  private cacheScope(path: string[], method: CacheMethod, exact: boolean): CacheScope | undefined {
    if (!isCacheSync(method.effect)) return undefined;
    if (exact && this.conventions.isSceneQuery(path)) return 'query';
    if (!method.acceptsPrefix || !this.conventions.routerHoldsSceneQuery(path)) return undefined;
    return path.length === 0 ? 'all' : 'router';
  }

  /** Records the call as a site when its key addresses a scene query; true when it did. */
  private visitQueryClientCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: CacheMethod): boolean {
    const argument = call.arguments[0];
    if (!argument) return false;
    let key = this.resolver.evaluate(argument);
    const object = unwrap(argument);
    // An object literal evaluates to an 'object' value, not to undefined: look into its `queryKey`.
    if (key?.type !== 'queryKey' && object.type === AST_NODE_TYPES.ObjectExpression) {
      const queryKey = findProperty(object, 'queryKey');
      if (queryKey) key = this.resolver.evaluate(queryKey.value);
    }
    if (key?.type !== 'queryKey') return false;
    // A path key on a procedure addresses all of that procedure's queries: the same query scope.
    const scope = this.cacheScope(key.path, method, true);
    if (!scope) return false;
    const input = key.builder.inputArgument === undefined ? undefined : key.call.arguments[key.builder.inputArgument];
    this.sites.push({ category: 'cache', form: 'queryClient', scope, effect: method.effect, node: call, path: key.path, method: method.name, input, found: this.text(callee) });
    return true;
  }

  /**
   * Whether a `setState(...)` can write scenes: unless its update is an object literal (or a
   * function returning one) whose keys all lie outside `store.stateKeys` and it does not replace
   * the whole state. Spreading the state itself carries nothing new. Without known keys, always.
   */
  private setStateWritesSceneState(call: TSESTree.CallExpression): boolean {
    const [update, replace] = call.arguments;
    if (this.conventions.settings.store.stateKeys === null || !update || update.type === AST_NODE_TYPES.SpreadElement) return true;
    if (replace !== undefined && !(replace.type === AST_NODE_TYPES.Literal && replace.value === false)) return true;
    const updater = unwrap(update);
    const fn = isFunction(updater) ? updater : undefined;
    const returned = fn ? returnedExpression(fn) : updater;
    const object = returned && unwrap(returned);
    if (object?.type !== AST_NODE_TYPES.ObjectExpression) return true;
    const parameter = fn?.params[0];
    const stateVariable = parameter?.type === AST_NODE_TYPES.Identifier ? this.input.scopeManager.getDeclaredVariables(fn!).find((variable) => variable.name === parameter.name) : undefined;
    return object.properties.some((property) => {
      if (property.type === AST_NODE_TYPES.Property) return this.conventions.holdsSceneState(objectKeyName(property));
      const spread = unwrap(property.argument);
      if (spread.type === AST_NODE_TYPES.Identifier && stateVariable && referencesOf(this.input.scopeManager).get(spread) === stateVariable) return false;
      return this.resolver.evaluate(spread)?.type !== 'storeState';
    });
  }

  /** `undefined` (the global), `null` or `void 0`: an option left out, not one the file cannot read. */
  private isNothing(node: Node): boolean {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined' && !referencesOf(this.input.scopeManager).get(inner)?.defs.length;
    return (inner.type === AST_NODE_TYPES.Literal && inner.value === null) || (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void');
  }

  private visitWrite(node: Node, target: Node): void {
    const inner = unwrap(target);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return;
    const root = this.resolver.evaluate(inner.object);
    if (root?.type !== 'storeState' && root?.type !== 'stateSlice') return;
    // A write under a key that holds no scenes (`selectedSceneId`) is UI state, not a sync.
    if (!this.conventions.holdsSceneState(root.type === 'stateSlice' ? root.key : propertyName(inner))) return;
    this.sites.push({ category: 'store', form: 'write', node, hook: root.hook, action: undefined, kind: 'changed', found: `${root.hook} state` });
  }

  private visitServerEvent(property: TSESTree.Property): void {
    if (property.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
    const key = property.computed ? undefined : staticKey(property.key, false);
    if (key === undefined || !this.conventions.isServerEvent(key)) return;
    const fn = this.callbackFunction(property.value);
    if (fn) this.regions.add({ type: 'callback', fn, mutation: undefined, restore: this.conventions.isRestoreName(key), serverEvent: property });
  }

  private callbackFunction(node: Node): FunctionNode | undefined {
    const target = unwrap(node);
    if (isFunction(target)) return target;
    const value = this.resolver.evaluate(target);
    return value?.type === 'localFunction' ? value.fn : undefined;
  }

  private collectRegions(mutation: MutationInfo, invocations: readonly Invocation[]): void {
    const restore = this.conventions.isRestoreMutation(mutation.path);
    const addCallbacks = (options: TSESTree.ObjectExpression, callbacks: readonly string[] = SUCCESS_CALLBACKS) => {
      for (const name of callbacks) {
        const property = findProperty(options, name);
        if (!property) continue;
        const fn = this.callbackFunction(property.value);
        if (fn) this.regions.add({ type: 'callback', fn, mutation, restore });
        else if (this.resolver.evaluate(property.value)?.type === 'external') this.handedOff.set(mutation, property.value);
        else if (!this.isNothing(property.value)) this.unread.set(mutation, property.value);
      }
    };
    if (mutation.unreadOptions) this.unread.set(mutation, mutation.unreadOptions);
    // A hook from another module runs only the callbacks it forwards; TanStack runs all of `mutate`'s own.
    for (const options of mutation.options) addCallbacks(options, mutation.callbacks);
    const calls = mutation.vanilla ? [mutation.node] : invocations.map((invocation) => invocation.call);
    for (const call of calls) {
      const perCall = call.arguments[1] && this.resolver.objectLiteralOf(call.arguments[1]);
      if (!mutation.vanilla && perCall) addCallbacks(perCall);
      else if (!mutation.vanilla && call.arguments[1] && !this.isNothing(call.arguments[1]) && !this.unread.has(mutation)) this.unread.set(mutation, call.arguments[1]);
      // Along `.then(...)`, `.catch(...)` and `.finally(...)`: what `then` and `finally` run comes after
      // success, and an `await` of the chain's end settles the mutation too.
      let awaited = settledExpression(call, this.input.scopeManager);
      for (let link = chainedCall(awaited); link; link = chainedCall(awaited)) {
        const fn = link.method !== 'catch' && link.call.arguments[0] ? this.callbackFunction(link.call.arguments[0]) : undefined;
        if (fn) this.regions.add({ type: 'callback', fn, mutation, restore });
        awaited = outerExpression(link.call);
      }
      if (awaited.parent?.type === AST_NODE_TYPES.AwaitExpression) {
        const scope = enclosingFunction(awaited.parent) ?? this.input.ast;
        this.regions.add({ type: 'after', event: awaited.parent, scope, mutation, restore });
        this.awaited.push({ node: awaited.parent, mutation });
      }
    }
  }

  private lookUpCalls(wanted: (entry: FileAnalyzer['importedCalls'][number]) => boolean): void {
    const rest: FileAnalyzer['importedCalls'] = [];
    for (const entry of this.importedCalls) {
      if (!wanted(entry)) {
        rest.push(entry);
        continue;
      }
      const summary = this.resolver.functionSummary(entry.binding);
      if (summary) this.crossCalls.push({ node: entry.call, summary });
    }
    this.importedCalls = rest;
  }

  /**
   * `saveThenNotify(() => save.mutateAsync(v), () => {...})` where the imported function awaits the first
   * and then calls the second: the second runs after the mutation succeeded.
   */
  private collectHandedCallbacks({ node: call, summary }: CrossModuleCall): void {
    const shape = summary.awaits;
    if (!shape) return;
    const objectLiteralOf = (node: Node) => this.resolver.objectLiteralOf(node);
    const awaitedArgument = argumentFor(call, shape.awaited, objectLiteralOf);
    if (!awaitedArgument) return;
    const mutation = this.awaitedMutation(awaitedArgument, shape.awaited.via);
    if (!mutation) return;
    const restore = this.conventions.isRestoreMutation(mutation.path);
    for (const parameter of shape.then) {
      const argument = argumentFor(call, parameter, objectLiteralOf);
      const fn = argument && this.callbackFunction(argument);
      if (fn) this.regions.add({ type: 'callback', fn, mutation, restore });
    }
  }

  /** The mutation behind what an awaiting function awaits: `() => save.mutateAsync(v)`, `save.mutateAsync`, or `save`. */
  private awaitedMutation(argument: Node, via: 'call' | 'mutateAsync'): MutationInfo | undefined {
    const value = this.resolver.evaluate(argument);
    if (via === 'mutateAsync') return value?.type === 'mutation' ? value.mutation : undefined;
    if (value?.type === 'mutateFunction') return value.mutation;
    if (value?.type !== 'localFunction') return undefined;
    const returned = returnedExpression(value.fn);
    const call = returned && unwrap(returned);
    if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = this.resolver.evaluate(call.callee);
    return callee?.type === 'mutateFunction' ? callee.mutation : undefined;
  }

  private syncsIn(root: FunctionNode): { hand: SyncLocation | undefined; helper: boolean } {
    const file = this.input.filename ?? '';
    let hand: SyncLocation | undefined;
    let helper = false;
    const reached = new Set<FunctionNode>([root]);
    const queue = [root];
    for (let index = 0; index < queue.length; index++) {
      const fn = queue[index]!;
      const site = this.ownSites.find((candidate) => contains(fn, candidate.node));
      if (site && !hand) hand = { file, line: site.node.loc.start.line, found: site.found, category: site.category };
      helper ||= this.helperCalls.some((call) => contains(fn, call.node));
      for (const { node, summary } of this.crossCalls) {
        if (!contains(fn, node)) continue;
        hand ??= summary.handSync;
        helper ||= summary.helper;
      }
      for (const { call, fn: callee } of this.localCalls) {
        if (contains(fn, call) && !reached.has(callee)) {
          reached.add(callee);
          queue.push(callee);
        }
      }
    }
    return { hand, helper };
  }

  private successSyncs(mutation: MutationInfo, owner: FunctionNode): boolean {
    const inPath = (node: Node) => this.regions.of(node).some((region) => region.mutation === mutation);
    if (this.ownSites.some((site) => inPath(site.node)) || this.helperCalls.some((call) => inPath(call.node))) return true;
    if (this.crossCalls.some(({ node, summary }) => inPath(node) && syncs(summary))) return true;
    return this.handOffs.some(({ call, fn }) => fn !== owner && this.regions.of(call).some((region) => region.mutation === mutation && !(region.type === 'callback' && region.fn === fn)));
  }

  /**
   * A local function called from a success region runs in it too. A worklist over the regions, each
   * call looked up under the region's root, so the work is linear in calls times nesting depth.
   */
  private followLocalCalls(): void {
    const callsUnder = new Map<Node, { call: TSESTree.CallExpression; fn: FunctionNode }[]>();
    for (const local of this.localCalls) {
      for (let current: Node | undefined = local.call; current; current = current.parent) {
        const list = callsUnder.get(current);
        if (list) list.push(local);
        else callsUnder.set(current, [local]);
      }
    }
    const reached = new Set<FunctionNode>();
    const queue = [...this.regions.all()];
    for (let index = 0; index < queue.length; index++) {
      const region = queue[index]!;
      for (const { call, fn } of callsUnder.get(regionRoot(region)) ?? []) {
        if (reached.has(fn) || contains(fn, call) || !inRegion(region, call)) continue;
        reached.add(fn);
        const serverEvent = region.type === 'callback' ? region.serverEvent : undefined;
        const follower: SuccessRegion = { type: 'callback', fn, mutation: region.mutation, restore: region.restore, serverEvent };
        this.regions.add(follower);
        queue.push(follower);
      }
    }
  }

  private findUnsynced(
    sites: SyncSite[],
    invocations: ReadonlyMap<MutationInfo, Invocation[]>,
    handOffOf: (mutation: MutationInfo) => HandOff | undefined,
  ): MutationFinding[] {
    // One pass over the syncs: each marks the mutations whose success path it is in.
    const synced = new Set<MutationInfo | undefined>();
    for (const node of [...sites.map((site) => site.node), ...this.helperCalls.map((call) => call.node)]) {
      for (const region of this.regions.of(node)) if (!inFailureHandler(region, node)) synced.add(region.mutation);
    }
    for (const { node, summary } of this.crossCalls) {
      if (syncs(summary)) for (const region of this.regions.of(node)) synced.add(region.mutation);
    }
    const findings: MutationFinding[] = [];
    for (const mutation of this.mutations) {
      // A mutation of no matched procedure (`fetch` in a mutationFn) has no sync to require; a hook from
      // another module whose own success path syncs: every caller is synced.
      if (!mutation.procedure || synced.has(mutation) || mutation.hook?.syncs || handOffOf(mutation)) continue;
      const invoked = mutation.vanilla || invocations.has(mutation);
      if (!invoked && !this.regions.hasMutation(mutation)) continue;
      findings.push({ mutation, suggestedKind: this.conventions.mutationKind(mutation.path) });
    }
    return findings;
  }

  /** True when the mutation object leaves what this file shows: returned, passed on, stored. */
  private escapes(mutation: MutationInfo): boolean {
    if (mutation.vanilla) {
      // Inside a TanStack `mutationFn` the call is that mutation's body; the hook is the mutation.
      const fn = enclosingFunction(mutation.node);
      if (fn?.parent?.type === AST_NODE_TYPES.Property && propertyName({ property: fn.parent.key, computed: fn.parent.computed } as TSESTree.MemberExpression) === 'mutationFn') return true;
      const settled = settledExpression(mutation.node, this.input.scopeManager);
      const parent = settled.parent;
      if (parent?.type === AST_NODE_TYPES.AwaitExpression) return isReturned(parent);
      if (chainedCall(settled)) return false;
      return !(parent?.type === AST_NODE_TYPES.ExpressionStatement || (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void'));
    }
    const holder = outerExpression(mutation.node);
    const parent = holder.parent;
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement || this.resolver.isHeldByRef(holder)) return false;
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== holder) return true;
    const declared = this.input.scopeManager.getDeclaredVariables(parent);
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
      if (parent.id.properties.some((property) => property.type === AST_NODE_TYPES.RestElement)) return true;
      // A destructured `mutate`/`mutateAsync` (under any local name) handed on as a value leaves the file.
      return parent.id.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || !isFunctionMember(objectKeyName(property))) return false;
        const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const variable = declared.find((candidate) => candidate.identifiers.includes(local as TSESTree.Identifier));
        return !!variable && variable.references.some((reference) => !reference.init && !isTypeQuery(reference.identifier) && !isDirectCall(reference.identifier) && !this.resolver.isHookDependency(reference.identifier));
      });
    }
    return declared.some((variable) =>
      variable.references.some((reference) => {
        // Listed in a hook's dependencies or put in a ref, it is still this file's mutation.
        if (reference.init || isTypeQuery(reference.identifier) || this.resolver.isHookDependency(reference.identifier) || this.resolver.isHeldByRef(reference.identifier)) return false;
        const use = outerExpression(reference.identifier).parent;
        if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== outerExpression(reference.identifier)) return true;
        const member = propertyName(use);
        if (member === 'mutate' || member === 'mutateAsync') return !isDirectCall(use) && !this.resolver.isHookDependency(use);
        return member === undefined || !MUTATION_RESULT_MEMBERS.has(member);
      }),
    );
  }

  private text(node: Node): string {
    return codeExcerpt(this.input.text, node);
  }
}

/** The text test before any parse or walk: false when the file cannot hold a sync site or mutation. */
export function mightHoldSites(input: AnalysisInput): boolean {
  const verdict = siteKeywords(input.text, input.conventions, { typed: input.types !== undefined, crossModule: input.imports !== undefined }, input.ast.comments);
  return verdict === 'maybe' || (verdict === 'if-a-mutation-hook-is-imported' && importsMutationHook(input.ast, input.imports!));
}

/** Words one of which every file `siteKeywords` does not answer 'none' for holds. */
export function siteGateKeywords(conventions: Conventions, options: { typed: boolean; crossModule: boolean }): Keyword[] {
  return [
    ...conventions.concernKeywords,
    ...(options.typed ? Object.keys(conventions.settings.store.actions).map((word) => ({ word, ignoreCase: false })) : []),
    ...(options.crossModule ? [{ word: 'mutate', ignoreCase: false }] : []),
  ];
}

/**
 * What the words of a file say about its sites, before anything else is built for it: none can
 * be there, some may, or some may only if it imports a mutation hook from another module.
 */
export function siteKeywords(text: string, conventions: Conventions, options: { typed: boolean; crossModule: boolean }, comments?: CommentRanges): SiteKeywordVerdict {
  return siteKeywordTests[options.typed ? 1 : 0][options.crossModule ? 1 : 0](text, conventions, comments);
}

type SiteKeywordVerdict = 'none' | 'maybe' | 'if-a-mutation-hook-is-imported';

// One remembered test per combination of options: the rules and the analysis ask in a row.
const siteKeywordTests = [false, true].map((typed) =>
  [false, true].map((crossModule) =>
    rememberLast((text: string, conventions: Conventions, comments: CommentRanges | undefined): SiteKeywordVerdict => {
      if (conventions.mightConcern(text, comments)) return 'maybe';
      // With types, a store action can be reached under no conventions name (a custom hook): its name is the keyword.
      if (typed && Object.keys(conventions.settings.store.actions).some((action) => includesInCode(text, action, comments))) return 'maybe';
      // A hook from another module may hold the mutation: its callers need not name the procedure,
      // nor call `mutate` (`useSaveScene({ onSuccess })`).
      if (crossModule && ((text.includes('mutate') && matchesInCode(MUTATE_CALL, text, comments)) || conventions.mightNameMutation(text, comments))) {
        return 'if-a-mutation-hook-is-imported';
      }
      return 'none';
    }),
  ),
);

/**
 * Whether the file imports a hook whose module summary says it returns a mutation: only then can
 * a file that names no procedure call one. Just the top-level imports are read, and only `use...`
 * names are looked up, as the value resolver does.
 */
function importsMutationHook(ast: TSESTree.Program, imports: ImportLookup): boolean {
  for (const statement of ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) continue;
      const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : specifier.importKind === 'type' ? undefined : importedName(specifier);
      if (imported === undefined || !(isHookName(imported) || isHookName(specifier.local.name))) continue;
      if (imports(String(statement.source.value), imported)?.type === 'mutationHook') return true;
    }
  }
  return false;
}

/** The expression whose settling means the call settled: the call, or `Promise.all([...])` around it. */
function settledExpression(call: Node, scopeManager: Scope.ScopeManager): Node {
  const outer = outerExpression(call);
  // The list the call's promise is part of: an element of `[...]`, or what `.map` makes of a callback returning it.
  const list = outer.parent?.type === AST_NODE_TYPES.ArrayExpression ? outer.parent : mappedInto(outer);
  if (!list) return outer;
  const combinator = list.parent;
  if (combinator?.type !== AST_NODE_TYPES.CallExpression || combinator.arguments[0] !== list) return outer;
  const callee = unwrap(combinator.callee);
  const promise = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
  // The global `Promise`, not a binding of the file that shares its name.
  const isPromiseAll =
    promise?.type === AST_NODE_TYPES.Identifier &&
    promise.name === 'Promise' &&
    !referencesOf(scopeManager).get(promise)?.defs.length &&
    (propertyName(callee as TSESTree.MemberExpression) === 'all' || propertyName(callee as TSESTree.MemberExpression) === 'allSettled');
  return isPromiseAll ? outerExpression(combinator) : outer;
}

/** `promise.then(...)`, `.catch(...)` or `.finally(...)` called on `promise`, with the method. */
function chainedCall(promise: Node): { method: 'then' | 'catch' | 'finally'; call: TSESTree.CallExpression } | undefined {
  const member = promise.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== promise) return undefined;
  const call = member.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
  const method = propertyName(member);
  return method === 'then' || method === 'catch' || method === 'finally' ? { method, call } : undefined;
}

/** `ids.map((id) => m.mutateAsync({ id }))`: the `.map(...)` call whose callback returns `expression`. */
function mappedInto(expression: Node): Node | undefined {
  const holder = expression.parent;
  let callback: Node | undefined;
  if (holder?.type === AST_NODE_TYPES.ArrowFunctionExpression && holder.body === expression) callback = holder;
  else if (holder?.type === AST_NODE_TYPES.ReturnStatement && holder.parent?.type === AST_NODE_TYPES.BlockStatement && holder.parent.parent && isFunction(holder.parent.parent)) {
    callback = holder.parent.parent;
  }
  const map = callback && outerExpression(callback).parent;
  if (map?.type !== AST_NODE_TYPES.CallExpression || map.arguments[0] !== outerExpression(callback!)) return undefined;
  const callee = unwrap(map.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'map' ? outerExpression(map) : undefined;
}

/** `return await x` or `async () => await x`: the caller receives the result. */
function isReturned(awaitNode: Node): boolean {
  const outer = outerExpression(awaitNode);
  const parent = outer.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer);
}

/** `typeof m` in a type: names the mutation's type, uses nothing at run time. */
function isTypeQuery(identifier: Node): boolean {
  let current = identifier.parent;
  while (current?.type === AST_NODE_TYPES.TSQualifiedName) current = current.parent;
  return current?.type === AST_NODE_TYPES.TSTypeQuery;
}

function isDirectCall(node: Node): boolean {
  const outer = outerExpression(node);
  return outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer;
}

function isFunctionMember(name: string | undefined): boolean {
  return name === 'mutate' || name === 'mutateAsync';
}

/**
 * The success regions of a file, indexed by the node that bounds each (a callback's body, the scope
 * of an await), so the regions of a node are found by walking its ancestors, not by scanning all.
 */
class RegionIndex {
  private readonly byRoot = new Map<Node, SuccessRegion[]>();
  private readonly list: SuccessRegion[] = [];
  private readonly order = new Map<SuccessRegion, number>();
  private readonly mutations = new Set<MutationInfo | undefined>();
  private readonly memo = new Map<Node, SuccessRegion[]>();

  add(region: SuccessRegion): void {
    const root = regionRoot(region);
    const list = this.byRoot.get(root);
    if (list) list.push(region);
    else this.byRoot.set(root, [region]);
    this.order.set(region, this.list.length);
    this.list.push(region);
    this.mutations.add(region.mutation);
    this.memo.clear();
  }

  all(): readonly SuccessRegion[] {
    return this.list;
  }

  hasMutation(mutation: MutationInfo): boolean {
    return this.mutations.has(mutation);
  }

  /** Success regions whose code runs `node`, in the order they were found. */
  of(node: Node): SuccessRegion[] {
    let found = this.memo.get(node);
    if (found) return found;
    found = [];
    for (let current: Node | undefined = node; current; current = current.parent) {
      for (const region of this.byRoot.get(current) ?? []) if (inRegion(region, node)) found.push(region);
    }
    if (found.length > 1) found.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    this.memo.set(node, found);
    return found;
  }
}

function regionRoot(region: SuccessRegion): Node {
  return region.type === 'callback' ? region.fn.body : region.scope;
}

function groupBy<Item, Key>(items: readonly Item[], keyOf: (item: Item) => Key): Map<Key, Item[]> {
  const groups = new Map<Key, Item[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/**
 * True when `node` sits in the `catch` of a `try` that awaits the region's mutation: it runs when
 * something in the `try` failed, so it does not sync the success (an optimistic update's rollback).
 */
function inFailureHandler(region: SuccessRegion, node: Node): boolean {
  if (region.type !== 'after') return false;
  for (let current = node.parent; current && current !== region.scope; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause && contains(current.parent.block, region.event)) return true;
  }
  return false;
}

function inRegion(region: SuccessRegion, node: Node): boolean {
  if (region.type === 'callback') return contains(region.fn.body, node);
  return contains(region.scope, node) && runsAfter(region.event, node, region.scope);
}

/** Whether an imported function syncs when called: by hand or through the helper. */
function syncs(summary: FunctionSummary): boolean {
  return summary.handSync !== undefined || summary.helper;
}

/** The argument a caller passes for a parameter path: `f(a, b)` or `f({ save, onSaved })`. */
function argumentFor(call: TSESTree.CallExpression, parameter: ParameterPath, objectLiteralOf: (node: Node) => TSESTree.ObjectExpression | undefined): Node | undefined {
  const argument = call.arguments[parameter.index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (parameter.key === undefined) return argument;
  const object = objectLiteralOf(argument);
  return object && findProperty(object, parameter.key)?.value;
}

/** The function a module exports under `name`, when it declares it itself. */
export function exportedFunction(ast: TSESTree.Program, scopeManager: Scope.ScopeManager, values: ValueResolver, name: string): FunctionNode | undefined {
  const target = readExports(ast).targets.get(name);
  if (target?.type === 'node') return target.node;
  if (target?.type !== 'local') return undefined;
  const variable = moduleScope(scopeManager)?.set.get(target.name);
  const value = variable && values.valueOfVariable(variable);
  return value?.type === 'localFunction' ? value.fn : undefined;
}

/** An argument an awaiting function could call or read callbacks from: a function or an object. */
function isCallbackArgument(argument: TSESTree.CallExpressionArgument): boolean {
  const target = argument.type === AST_NODE_TYPES.SpreadElement ? argument : unwrap(argument);
  return isFunction(target) || target.type === AST_NODE_TYPES.ObjectExpression || target.type === AST_NODE_TYPES.Identifier;
}
