import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Conventions, SyncKind } from '../conventions';
import { codeExcerpt, contains, objectKeyName, enclosingFunction, findProperty, type FunctionNode, isFunction, type Node, perFile, propertyName, returnedExpression, unwrap, type VisitorKeys, walkCode } from './ast';
import { runsAfter } from './flow';
import { moduleScope, readExports } from './modules/exports';
import type { FunctionSummary, ImportLookup, ParameterPath, SyncLocation } from './modules/types';
import type { TypeOracle } from './types';
import { QUERY_CLIENT_METHODS, ValueResolver, type MutationInfo, type Value } from './values';

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

/** A hand-written cache operation on a scene query, a router holding one, or everything. */
export interface CacheSite {
  category: 'cache';
  form: 'query' | 'router' | 'root' | 'refetch' | 'queryClient';
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
  | { type: 'callback'; fn: FunctionNode; mutation: MutationInfo | undefined; restore: boolean }
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

export interface FileAnalysis {
  /** Every hand-written sync in the file (none for allowed files). */
  sites: SyncSite[];
  helperCalls: HelperCall[];
  mutations: MutationInfo[];
  /** Success regions whose code runs `node`; empty when `node` is not after a scene change. */
  regionsOf(node: Node): SuccessRegion[];
  /** Scene mutations whose success path never syncs. */
  unsynced: MutationFinding[];
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
  unsynced: [],
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

/** Analyses a file once per conventions; every rule and the codemod read the same result. */
export const analyzeFile = perFile((input: AnalysisInput): FileAnalysis => {
  // With types, a store action can be reached under no conventions name (a custom hook): its name is the keyword.
  const concerns = input.whole === true || input.conventions.mightConcern(input.text) || (input.types !== undefined && mentionsStoreAction(input));
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
  private readonly regions: SuccessRegion[] = [];
  private readonly handedOff = new Set<MutationInfo>();
  private readonly crossCalls: CrossModuleCall[] = [];
  /** The sites the file reports (store writes in the store's own module left out). */
  private ownSites: SyncSite[] = [];

  constructor(private readonly input: AnalysisInput) {
    this.conventions = input.conventions;
    this.resolver = new ValueResolver(input.scopeManager, input.conventions, input.imports);
  }

  run(): FileAnalysis {
    const events: Node[] = [];
    walkCode(this.input.ast, this.input.visitorKeys, (node) => {
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
    });
    for (const property of events) this.visitServerEvent(property as TSESTree.Property);
    for (const mutation of this.mutations) this.collectRegions(mutation);
    for (const call of this.crossCalls) this.collectHandedCallbacks(call);
    for (const [name, { restore }] of this.input.successFunctions ?? []) {
      const fn = exportedFunction(this.input.ast, this.input.scopeManager, this.resolver, name);
      if (fn) this.regions.push({ type: 'callback', fn, mutation: undefined, restore });
    }
    this.followLocalCalls();

    const sites = this.sites.filter((site) => site.category !== 'store' || !this.resolver.localStoreHooks.has(site.hook));
    this.ownSites = sites;
    const regionsOf = (node: Node) => this.regions.filter((region) => inRegion(region, node));
    return {
      sites,
      helperCalls: this.helperCalls,
      mutations: [...this.mutations],
      regionsOf,
      unsynced: this.findUnsynced(sites),
      values: this.resolver,
      crossCalls: this.crossCalls,
      syncsIn: (fn) => this.syncsIn(fn),
      successSyncs: (mutation, owner) => this.successSyncs(mutation, owner),
    };
  }

  private visitCall(call: TSESTree.CallExpression): void {
    const mutation = this.resolver.mutationOfCall(call);
    if (mutation) this.mutations.add(mutation);
    const callee = unwrap(call.callee);
    const value = this.resolver.evaluate(callee);
    if ((!value || value.type === 'external') && this.input.types && this.visitTypedCall(call, callee)) return;
    if (value) {
      this.classifyCall(call, callee, value);
      return;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method !== undefined && QUERY_CLIENT_METHODS.has(method)) this.visitQueryClientCall(call, callee, method);
    }
  }

  private classifyCall(call: TSESTree.CallExpression, callee: Node, value: Value): void {
    switch (value.type) {
      case 'storeAction':
        this.sites.push({ category: 'store', form: 'action', node: call, hook: value.hook, action: value.action, kind: value.kind, found: value.action });
        break;
      case 'storeMethod':
        if (value.method === 'setState') {
          this.sites.push({ category: 'store', form: 'setState', node: call, hook: value.hook, action: undefined, kind: 'changed', found: `${value.hook}.setState` });
        }
        break;
      case 'utilsMethod': {
        const form = this.utilsForm(value.path, value.method);
        if (form) this.sites.push({ category: 'cache', form, node: call, path: value.path, method: value.method, input: call.arguments[0], found: this.text(callee) });
        break;
      }
      case 'refetch':
        if (this.conventions.isSceneQuery(value.path)) {
          this.sites.push({ category: 'cache', form: 'refetch', node: call, path: value.path, method: 'refetch', input: value.query.arguments[0], found: this.text(callee) });
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
      case 'importedFunction':
        this.crossCalls.push({ node: call, summary: value.summary });
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

  private utilsForm(path: string[], method: string): CacheSite['form'] | undefined {
    if (this.conventions.isSceneQuery(path)) return 'query';
    if (method !== 'invalidate' || !this.conventions.routerHoldsSceneQuery(path)) return undefined;
    return path.length === 0 ? 'root' : 'router';
  }

  private visitQueryClientCall(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string): void {
    const argument = call.arguments[0];
    if (!argument) return;
    let key = this.resolver.evaluate(argument);
    const object = unwrap(argument);
    // An object literal evaluates to an 'object' value, not to undefined: look into its `queryKey`.
    if (key?.type !== 'queryKey' && object.type === AST_NODE_TYPES.ObjectExpression) {
      const queryKey = findProperty(object, 'queryKey');
      if (queryKey) key = this.resolver.evaluate(queryKey.value);
    }
    if (key?.type !== 'queryKey') return;
    const scene = this.conventions.isSceneQuery(key.path) || (method === 'invalidateQueries' && this.conventions.routerHoldsSceneQuery(key.path));
    if (scene) this.sites.push({ category: 'cache', form: 'queryClient', node: call, path: key.path, method, input: key.call.arguments[0], found: this.text(callee) });
  }

  private visitWrite(node: Node, target: Node): void {
    const inner = unwrap(target);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return;
    const root = this.resolver.evaluate(inner.object);
    if (root?.type !== 'storeState' && root?.type !== 'stateSlice') return;
    this.sites.push({ category: 'store', form: 'write', node, hook: root.hook, action: undefined, kind: 'changed', found: `${root.hook} state` });
  }

  private visitServerEvent(property: TSESTree.Property): void {
    if (property.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
    const key = property.computed ? undefined : propertyName({ property: property.key, computed: false } as TSESTree.MemberExpression);
    if (key === undefined || !this.conventions.isServerEvent(key)) return;
    const fn = this.callbackFunction(property.value);
    if (fn) this.regions.push({ type: 'callback', fn, mutation: undefined, restore: /restor/i.test(key) });
  }

  private callbackFunction(node: Node): FunctionNode | undefined {
    const target = unwrap(node);
    if (isFunction(target)) return target;
    const value = this.resolver.evaluate(target);
    return value?.type === 'localFunction' ? value.fn : undefined;
  }

  private collectRegions(mutation: MutationInfo): void {
    const restore = this.conventions.isRestoreMutation(mutation.path);
    const addCallbacks = (options: TSESTree.ObjectExpression, callbacks: readonly string[] = SUCCESS_CALLBACKS) => {
      for (const name of callbacks) {
        const property = findProperty(options, name);
        if (!property) continue;
        const fn = this.callbackFunction(property.value);
        if (fn) this.regions.push({ type: 'callback', fn, mutation, restore });
        else if (this.resolver.evaluate(property.value)?.type === 'external') this.handedOff.add(mutation);
      }
    };
    // A hook from another module runs only the callbacks it forwards; TanStack runs all of `mutate`'s own.
    for (const options of mutation.options) addCallbacks(options, mutation.callbacks);
    const calls = mutation.vanilla ? [mutation.node] : this.invocations.filter((invocation) => invocation.mutation === mutation).map((invocation) => invocation.call);
    for (const call of calls) {
      const perCall = call.arguments[1] && this.resolver.objectLiteralOf(call.arguments[1]);
      if (!mutation.vanilla && perCall) addCallbacks(perCall);
      const awaited = settledExpression(call);
      if (awaited.parent?.type === AST_NODE_TYPES.AwaitExpression) {
        const scope = enclosingFunction(awaited.parent) ?? this.input.ast;
        this.regions.push({ type: 'after', event: awaited.parent, scope, mutation, restore });
      }
      const then = awaited.parent;
      if (then?.type === AST_NODE_TYPES.MemberExpression && then.object === awaited && propertyName(then) === 'then' && then.parent.type === AST_NODE_TYPES.CallExpression) {
        const fn = then.parent.arguments[0] && this.callbackFunction(then.parent.arguments[0]);
        if (fn) this.regions.push({ type: 'callback', fn, mutation, restore });
      }
    }
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
      if (fn) this.regions.push({ type: 'callback', fn, mutation, restore });
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
    const regions = this.regions.filter((region) => region.mutation === mutation);
    const inAny = (node: Node) => regions.some((region) => inRegion(region, node));
    if (this.ownSites.some((site) => inAny(site.node)) || this.helperCalls.some((call) => inAny(call.node))) return true;
    if (this.crossCalls.some(({ node, summary }) => inAny(node) && (summary.handSync !== undefined || summary.helper))) return true;
    return this.handOffs.some(({ call, fn }) => fn !== owner && regions.some((region) => inRegion(region, call) && !(region.type === 'callback' && region.fn === fn)));
  }

  /** A local function called from a success region runs in it too. */
  private followLocalCalls(): void {
    const reached = new Set<FunctionNode>();
    for (let index = 0; index < this.regions.length; index++) {
      const region = this.regions[index]!;
      for (const { call, fn } of this.localCalls) {
        if (reached.has(fn) || contains(fn, call) || !inRegion(region, call)) continue;
        reached.add(fn);
        this.regions.push({ type: 'callback', fn, mutation: region.mutation, restore: region.restore });
      }
    }
  }

  private findUnsynced(sites: SyncSite[]): MutationFinding[] {
    const findings: MutationFinding[] = [];
    for (const mutation of this.mutations) {
      if (this.handedOff.has(mutation) || this.escapes(mutation)) continue;
      // A hook from another module whose own success path syncs: every caller is synced.
      if (mutation.hook?.syncs) continue;
      const regions = this.regions.filter((region) => region.mutation === mutation);
      const invoked = mutation.vanilla || this.invocations.some((invocation) => invocation.mutation === mutation);
      if (regions.length === 0 && !invoked) continue;
      const inAny = (node: Node) => regions.some((region) => inRegion(region, node));
      if (sites.some((site) => inAny(site.node)) || this.helperCalls.some((call) => inAny(call.node))) continue;
      if (this.crossCalls.some(({ node, summary }) => inAny(node) && (summary.handSync !== undefined || summary.helper))) continue;
      // A success callback's own parameters (the mutation's result) are data, not a hand-off.
      const handsOff = this.handOffs.some(({ call, fn }) => regions.some((region) => inRegion(region, call) && !(region.type === 'callback' && region.fn === fn)));
      if (handsOff) continue;
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
      const settled = settledExpression(mutation.node);
      const parent = settled.parent;
      if (parent?.type === AST_NODE_TYPES.AwaitExpression) return isReturned(parent);
      if (parent?.type === AST_NODE_TYPES.MemberExpression && propertyName(parent) === 'then') return false;
      return !(parent?.type === AST_NODE_TYPES.ExpressionStatement || (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void'));
    }
    const holder = outerExpression(mutation.node);
    const parent = holder.parent;
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== holder) return true;
    const declared = this.input.scopeManager.getDeclaredVariables(parent);
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
      if (parent.id.properties.some((property) => property.type === AST_NODE_TYPES.RestElement)) return true;
      // A destructured `mutate`/`mutateAsync` (under any local name) handed on as a value leaves the file.
      return parent.id.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || !isFunctionMember(objectKeyName(property))) return false;
        const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const variable = declared.find((candidate) => candidate.identifiers.includes(local as TSESTree.Identifier));
        return !!variable && variable.references.some((reference) => !reference.init && !isDirectCall(reference.identifier));
      });
    }
    return declared.some((variable) =>
      variable.references.some((reference) => {
        if (reference.init) return false;
        const use = outerExpression(reference.identifier).parent;
        if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== outerExpression(reference.identifier)) return true;
        const member = propertyName(use);
        if (member === 'mutate' || member === 'mutateAsync') return !isDirectCall(use);
        return member === undefined || !MUTATION_RESULT_MEMBERS.has(member);
      }),
    );
  }

  private text(node: Node): string {
    return codeExcerpt(this.input.text, node);
  }
}

function mentionsStoreAction(input: AnalysisInput): boolean {
  return Object.keys(input.conventions.settings.store.actions).some((action) => input.text.includes(action));
}

/** The outermost node that still has the value of `node`: through casts, `!` and optional chains. */
function outerExpression(node: Node): Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** The expression whose settling means the call settled: the call, or `Promise.all([...])` around it. */
function settledExpression(call: Node): Node {
  const outer = outerExpression(call);
  const array = outer.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return outer;
  const combinator = array.parent;
  if (combinator?.type !== AST_NODE_TYPES.CallExpression || combinator.arguments[0] !== array) return outer;
  const callee = unwrap(combinator.callee);
  const isPromiseAll =
    callee.type === AST_NODE_TYPES.MemberExpression &&
    unwrap(callee.object).type === AST_NODE_TYPES.Identifier &&
    (unwrap(callee.object) as TSESTree.Identifier).name === 'Promise' &&
    (propertyName(callee) === 'all' || propertyName(callee) === 'allSettled');
  return isPromiseAll ? outerExpression(combinator) : outer;
}

/** `return await x` or `async () => await x`: the caller receives the result. */
function isReturned(awaitNode: Node): boolean {
  const outer = outerExpression(awaitNode);
  const parent = outer.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer);
}

function isDirectCall(node: Node): boolean {
  const outer = outerExpression(node);
  return outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer;
}

function isFunctionMember(name: string | undefined): boolean {
  return name === 'mutate' || name === 'mutateAsync';
}

function inRegion(region: SuccessRegion, node: Node): boolean {
  if (region.type === 'callback') return contains(region.fn.body, node);
  return contains(region.scope, node) && runsAfter(region.event, node, region.scope);
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
