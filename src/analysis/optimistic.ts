import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { SyncKind } from '../conventions';
import { codeExcerpt, contains, findProperty, isFunction, perFile, propertyName, unwrap, walk, type FunctionNode, type Node, type VisitorKeys } from './ast';
import { analyzeFile, type AnalysisInput, type SyncSite } from './index';
import { cacheMethodNames } from '../tables/cache-methods';
import type { MutationInfo } from './values';

/** Methods that write a cached query's data, in either client API: what an optimistic update and its rollback call. */
const CACHE_WRITE_METHODS: ReadonlySet<string> = new Set(cacheMethodNames('write'));

/** A write of scene state: a store update, or a cache write on a scene query (or, after a cancel, on any query). */
export interface OptimisticWrite {
  node: Node;
  found: string;
}

/** A scene mutation that updates scene state before the server answered, and the rollbacks that go with it. */
export interface OptimisticFinding {
  mutation: MutationInfo;
  /** Scene writes in `onMutate` (and the local functions it calls). */
  writes: OptimisticWrite[];
  /** Scene writes in `onError` that restore what `onMutate` returned (the mutation context). */
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

  const inAny = (functions: FunctionNode[], node: Node) => functions.some((fn) => contains(fn.body, node));
  const isSceneWrite = (site: SyncSite) => site.category === 'store' || site.effect === 'write';

  for (const mutation of analysis.mutations) {
    if (mutation.vanilla) continue;
    const onMutate = reachable(optionFunctions(mutation, 'onMutate'));
    const writes: OptimisticWrite[] = [];
    if (onMutate.length > 0) {
      const siteNodes = new Set<Node>();
      let firstCancel: number | undefined;
      for (const site of analysis.sites) {
        if (!inAny(onMutate, site.node)) continue;
        siteNodes.add(site.node);
        if (isSceneWrite(site)) writes.push({ node: site.node, found: site.found });
        else if (site.category === 'cache' && site.effect === 'cancel') {
          firstCancel = Math.min(firstCancel ?? Infinity, site.node.range[0]);
          owned.add(site.node);
        }
      }
      // After a scene query was cancelled, a cache write on a key the analysis cannot name is the optimistic write.
      if (firstCancel !== undefined) {
        for (const call of cacheWriteCalls(onMutate, input.visitorKeys)) {
          if (call.range[0] > firstCancel && !siteNodes.has(call)) writes.push({ node: call, found: calleeText(call, input.text) });
        }
      }
    }

    const rollbacks: OptimisticWrite[] = [];
    for (const onError of optionFunctions(mutation, 'onError')) {
      const contextVariables = contextVariablesOf(onError, input.scopeManager, input.visitorKeys, values.variable.bind(values));
      if (contextVariables.size === 0) continue;
      const usesContext = (call: Node) => referencesAny(call, contextVariables, input.visitorKeys, values.variable.bind(values));
      const siteNodes = new Set<Node>();
      for (const site of analysis.sites) {
        if (!contains(onError.body, site.node) || !isSceneWrite(site)) continue;
        siteNodes.add(site.node);
        if (usesContext(site.node)) rollbacks.push({ node: site.node, found: site.found });
      }
      // A write the analysis cannot tie to a scene query is a rollback when it restores the context of an optimistic update.
      if (writes.length > 0) {
        for (const call of cacheWriteCalls([onError], input.visitorKeys)) {
          if (!siteNodes.has(call) && usesContext(call)) rollbacks.push({ node: call, found: calleeText(call, input.text) });
        }
      }
    }

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

