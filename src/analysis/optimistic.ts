import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { SyncKind } from '../conventions';
import { codeExcerpt, contains, enclosingFunction, findProperty, isFunction, perFile, propertyName, unwrap, walk, type FunctionNode, type Node, type VisitorKeys } from './ast';
import { analyzeFile, type AnalysisInput, type SyncSite } from './index';
import { cacheMethodNames } from '../tables/cache-methods';
import type { MutationInfo } from './values';

/** Methods that write a cached query's data, in either client API: what an optimistic update and its rollback call. */
const CACHE_WRITE_METHODS: ReadonlySet<string> = new Set(cacheMethodNames('write'));

/**
 * Where an optimistic write sits: in `onMutate`, or before an awaited run inside a `try` (the
 * imperative form). Its rollback: in `onError` from the mutation context, or (imperative) in that
 * `try`'s `catch` or in `onError` without a context.
 */
export type OptimisticPlace = 'onMutate' | 'beforeAwait' | 'onError' | 'catch' | 'onErrorAfterWrite';

/** How messages and review reasons say where, followed by the mutation's name. */
export const PLACE_WORDS: Record<OptimisticPlace, string> = {
  onMutate: 'in onMutate of',
  beforeAwait: 'before awaiting',
  onError: 'in onError of',
  catch: 'in the catch after awaiting',
  onErrorAfterWrite: 'in onError of',
};

/** A write of scene state: a store update, or a cache write on a scene query (or, after a cancel, on any query). */
export interface OptimisticWrite {
  node: Node;
  found: string;
  place: OptimisticPlace;
}

/** A scene mutation that updates scene state before the server answered, and the rollbacks that go with it. */
export interface OptimisticFinding {
  mutation: MutationInfo;
  /** Scene writes in `onMutate` (and the local functions it calls), or before an awaited run in a `try`. */
  writes: OptimisticWrite[];
  /** Scene writes in `onError` that restore what `onMutate` returned (the mutation context), or in the `catch` of that `try`. */
  rollbacks: OptimisticWrite[];
  /** The helper kind the success path should call, guessed from the procedure name. */
  suggestedKind: SyncKind;
}

/** Scene mutations with an optimistic update (`onMutate` writes scene state) or its rollback (`onError` restores the context). */
export const findOptimisticUpdates = perFile((input: AnalysisInput): OptimisticFinding[] => optimisticPass(input).findings);

/**
 * What `no-optimistic-scene-update` judges, so the sync rules do not report it again: the optimistic
 * writes, their rollbacks, and the cancels in `onMutate` that prepare them.
 */
export const optimisticNodes = perFile((input: AnalysisInput): ReadonlySet<Node> => optimisticPass(input).owned);

const optimisticPass = perFile((input: AnalysisInput): { findings: OptimisticFinding[]; owned: Set<Node> } => {
  const analysis = analyzeFile(input);
  const values = analysis.values;
  const owned = new Set<Node>();
  if (!values || analysis.mutations.length === 0) return { findings: [], owned };
  const findings: OptimisticFinding[] = [];

  /** The function an option names: inline, a local function, a `useCallback`. */
  const optionFunctions = (mutation: MutationInfo, name: string): FunctionNode[] => {
    const functions: FunctionNode[] = [];
    for (const options of mutation.options) {
      const property = findProperty(options, name);
      if (!property) continue;
      const value = values.evaluate(property.value);
      if (value?.type === 'localFunction') functions.push(value.fn);
    }
    return functions;
  };

  /** The functions that run when `roots` run: themselves and the local functions they call, transitively. */
  const reachable = (roots: FunctionNode[]): FunctionNode[] => {
    const seen = new Set<FunctionNode>(roots);
    const queue = [...roots];
    while (queue.length > 0) {
      const fn = queue.shift()!;
      walk(fn.body, input.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = values.evaluate(node.callee);
        if (callee?.type !== 'localFunction' || seen.has(callee.fn) || contains(callee.fn, node)) return;
        seen.add(callee.fn);
        queue.push(callee.fn);
      });
    }
    return [...seen];
  };

  // Sites in source order: the sites inside a node are found by binary search, not by a scan per mutation.
  const ordered = [...analysis.sites].sort((a, b) => a.node.range[0] - b.node.range[0]);
  const sitesIn = (node: Node): SyncSite[] => {
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ordered[mid]!.node.range[0] < node.range[0]) low = mid + 1;
      else high = mid;
    }
    const found: SyncSite[] = [];
    for (let index = low; index < ordered.length && ordered[index]!.node.range[0] < node.range[1]; index++) {
      if (contains(node, ordered[index]!.node)) found.push(ordered[index]!);
    }
    return found;
  };
  /** The sites in the bodies of `functions`, each once, in source order. */
  const sitesInBodies = (functions: FunctionNode[]): SyncSite[] => {
    const found = new Set<SyncSite>();
    for (const fn of functions) for (const site of sitesIn(fn.body)) found.add(site);
    return [...found].sort((a, b) => a.node.range[0] - b.node.range[0]);
  };
  const isSceneWrite = (site: SyncSite) => site.category === 'store' || site.effect === 'write';

  /** Sites by the function whose own code holds them, so each `try` looks only at its function's writes. */
  const sitesByFunction = new Map<FunctionNode | undefined, SyncSite[]>();
  for (const site of analysis.sites) {
    if (!isSceneWrite(site)) continue;
    const fn = enclosingFunction(site.node);
    const list = sitesByFunction.get(fn);
    if (list) list.push(site);
    else sitesByFunction.set(fn, [site]);
  }
  const awaitsOf = new Map<MutationInfo, TSESTree.AwaitExpression[]>();
  for (const { node, mutation } of analysis.awaited) awaitsOf.set(mutation, [...(awaitsOf.get(mutation) ?? []), node]);

  /**
   * The imperative optimistic update: scene state written before an awaited run inside a `try`
   * (in the same function, not after an earlier success), restored in its `catch` or in `onError`.
   */
  const imperativeUpdate = (mutation: MutationInfo, onError: FunctionNode[]): { writes: OptimisticWrite[]; rollbacks: OptimisticWrite[] } => {
    const writes = new Map<Node, OptimisticWrite>();
    const rollbacks = new Map<Node, OptimisticWrite>();
    const onErrorWrites = sitesInBodies(onError).filter(isSceneWrite);
    for (const awaitNode of awaitsOf.get(mutation) ?? []) {
      const handler = enclosingCatch(awaitNode);
      const restores = [
        ...(handler ? sitesIn(handler.body).filter(isSceneWrite).map((site) => ({ site, place: 'catch' as const })) : []),
        ...(handler ? onErrorWrites.map((site) => ({ site, place: 'onErrorAfterWrite' as const })) : []),
      ];
      if (restores.length === 0) continue;
      const before = (sitesByFunction.get(enclosingFunction(awaitNode)) ?? []).filter(
        (site) => site.node.range[1] <= awaitNode.range[0] && !analysis.regionsOf(site.node).some((region) => region.mutation === mutation),
      );
      if (before.length === 0) continue;
      for (const site of before) writes.set(site.node, { node: site.node, found: site.found, place: 'beforeAwait' });
      for (const { site, place } of restores) rollbacks.set(site.node, { node: site.node, found: site.found, place });
    }
    return { writes: [...writes.values()], rollbacks: [...rollbacks.values()] };
  };

  for (const mutation of analysis.mutations) {
    if (!mutation.procedure) continue;
    if (mutation.vanilla) {
      const imperative = imperativeUpdate(mutation, []);
      if (imperative.writes.length > 0) findings.push({ mutation, ...imperative, suggestedKind: input.conventions.mutationKind(mutation.path) });
      continue;
    }
    const onMutate = reachable(optionFunctions(mutation, 'onMutate'));
    const writes: OptimisticWrite[] = [];
    if (onMutate.length > 0) {
      const siteNodes = new Set<Node>();
      let firstCancel: number | undefined;
      for (const site of sitesInBodies(onMutate)) {
        siteNodes.add(site.node);
        if (isSceneWrite(site)) writes.push({ node: site.node, found: site.found, place: 'onMutate' });
        else if (site.category === 'cache' && site.effect === 'cancel') {
          firstCancel = Math.min(firstCancel ?? Infinity, site.node.range[0]);
          owned.add(site.node);
        }
      }
      // After a scene query was cancelled, a cache write on a key the analysis cannot name is the optimistic write.
      if (firstCancel !== undefined) {
        for (const call of cacheWriteCalls(onMutate, input.visitorKeys)) {
          if (call.range[0] > firstCancel && !siteNodes.has(call)) writes.push({ node: call, found: calleeText(call, input.text), place: 'onMutate' });
        }
      }
    }

    const rollbacks: OptimisticWrite[] = [];
    for (const onError of optionFunctions(mutation, 'onError')) {
      const contextVariables = contextVariablesOf(onError, input.scopeManager, input.visitorKeys, values.variable.bind(values));
      if (contextVariables.size === 0) continue;
      const usesContext = (call: Node) => referencesAny(call, contextVariables, input.visitorKeys, values.variable.bind(values));
      const siteNodes = new Set<Node>();
      for (const site of sitesIn(onError.body)) {
        if (!isSceneWrite(site)) continue;
        siteNodes.add(site.node);
        if (usesContext(site.node)) rollbacks.push({ node: site.node, found: site.found, place: 'onError' });
      }
      // A write the analysis cannot tie to a scene query is a rollback when it restores the context of an optimistic update.
      if (writes.length > 0) {
        for (const call of cacheWriteCalls([onError], input.visitorKeys)) {
          if (!siteNodes.has(call) && usesContext(call)) rollbacks.push({ node: call, found: calleeText(call, input.text), place: 'onError' });
        }
      }
    }

    const imperative = imperativeUpdate(mutation, optionFunctions(mutation, 'onError'));
    const known = new Set([...writes, ...rollbacks].map((write) => write.node));
    writes.push(...imperative.writes.filter((write) => !known.has(write.node)));
    rollbacks.push(...imperative.rollbacks.filter((rollback) => !known.has(rollback.node)));

    if (writes.length > 0 || rollbacks.length > 0) {
      const byPosition = (a: OptimisticWrite, b: OptimisticWrite) => a.node.range[0] - b.node.range[0];
      findings.push({ mutation, writes: writes.sort(byPosition), rollbacks: rollbacks.sort(byPosition), suggestedKind: input.conventions.mutationKind(mutation.path) });
    }
  }
  for (const { writes, rollbacks } of findings) for (const { node } of [...writes, ...rollbacks]) owned.add(node);
  return { findings, owned };
});

/** Calls of a cache-write method (`x.setData(...)`, `queryClient.setQueryData(...)`) in the bodies of `functions`. */
function cacheWriteCalls(functions: FunctionNode[], visitorKeys: VisitorKeys): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const fn of functions) {
    walk(fn.body, visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = propertyName(callee);
      if (method !== undefined && CACHE_WRITE_METHODS.has(method)) calls.push(node);
    });
  }
  return calls;
}

type VariableOf = (identifier: TSESTree.Identifier) => Scope.Variable | null | undefined;

/**
 * The variables that hold the mutation context in `onError(error, variables, context)`: the third
 * parameter (or what it destructures), and constants initialised from them (`const previous = context?.previous`).
 */
function contextVariablesOf(fn: FunctionNode, scopeManager: Scope.ScopeManager, visitorKeys: VisitorKeys, variableOf: VariableOf): Set<Scope.Variable> {
  const found = new Set<Scope.Variable>();
  const parameter = fn.params[2];
  if (!parameter) return found;
  for (const variable of scopeManager.getDeclaredVariables(fn)) {
    if (variable.defs.some((def) => contains(parameter, def.name))) found.add(variable);
  }
  if (found.size === 0 || fn.body.type !== AST_NODE_TYPES.BlockStatement) return found;
  walk(fn.body, visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init || isFunction(node.init)) return;
    if (!referencesAny(node.init, found, visitorKeys, variableOf)) return;
    for (const variable of scopeManager.getDeclaredVariables(node)) found.add(variable);
  });
  return found;
}

function referencesAny(root: Node, variables: ReadonlySet<Scope.Variable>, visitorKeys: VisitorKeys, variableOf: VariableOf): boolean {
  let hit = false;
  walk(root, visitorKeys, (node) => {
    if (hit || node.type !== AST_NODE_TYPES.Identifier) return;
    const variable = variableOf(node);
    if (variable && variables.has(variable)) hit = true;
  });
  return hit;
}

function calleeText(call: TSESTree.CallExpression, text: string): string {
  return codeExcerpt(text, call.callee);
}


/** The `catch` clause that handles a throw at `node`: of the nearest `try` block around it in the same function. */
function enclosingCatch(node: Node): TSESTree.CatchClause | undefined {
  let child = node;
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return current.handler;
    child = current;
  }
  return undefined;
}
