import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Conventions, SyncKind } from '../conventions';
import { cacheMethod, type CacheMethod } from '../tables/cache-methods';
import { keyBuilder, keyBuilderFunction, keyOfOptions, type KeyBuilder } from '../tables/key-builders';
import type { ExportSummary, FunctionSummary, ImportLookup, MutationHookSummary } from './modules/types';
import { DepthLimit, findProperty, importedName, isFunction, objectKeyName, outerExpression, propertyName, returnedExpression, unwrap, type FunctionNode, type Node, referencesOf, type ReferenceMap } from './ast';

type Variable = Scope.Variable;

const TANSTACK_QUERY = '@tanstack/react-query';

/** A mutation as the rules see it: a tRPC `useMutation` hook, TanStack's `useMutation`, or a vanilla client call. */
export interface MutationInfo {
  node: TSESTree.CallExpression;
  /** The node reports point at: the `useMutation` or `mutate` name. */
  reportNode: Node;
  path: string[];
  /** Option objects whose `onSuccess`/`onSettled` run after success. */
  options: TSESTree.ObjectExpression[];
  /** Options this file cannot read (`withToast({...})`, a prop, a spread of one): its success path is unknown. */
  unreadOptions?: Node;
  vanilla: boolean;
  /**
   * Whether it runs a procedure matched by `mutations`. False for a TanStack `useMutation({ mutationFn })`
   * whose function calls something else (`fetch`, a REST client): its success path is still one.
   */
  procedure: boolean;
  /** Which callbacks of `options` run after success; all of them unless a hook in another module forwards only some. */
  callbacks?: readonly string[];
  /** The hook in another module that creates the mutation (`useRenameScene()`). */
  hook?: MutationHookSummary;
}

/** What an expression is known to evaluate to, as far as the conventions care. */
export type Value =
  | { type: 'storeHook'; hook: string }
  | { type: 'storeMethod'; hook: string; method: string }
  | { type: 'storeState'; hook: string }
  /** Part of the store's state under one top-level key (undefined when not known: `state[key]`). */
  | { type: 'stateSlice'; hook: string; key: string | undefined }
  | { type: 'storeAction'; hook: string; action: string; kind: SyncKind }
  | { type: 'trpcUtils'; path: string[] }
  | { type: 'utilsMethod'; path: string[]; method: CacheMethod }
  | { type: 'queryResult'; path: string[]; call: TSESTree.CallExpression }
  | { type: 'refetch'; path: string[]; query: TSESTree.CallExpression }
  | { type: 'queryKey'; path: string[]; call: TSESTree.CallExpression; builder: KeyBuilder }
  | { type: 'mutation'; mutation: MutationInfo }
  | { type: 'mutateFunction'; mutation: MutationInfo; method: string }
  | { type: 'mutationOptions'; path: string[]; options: readonly TSESTree.ObjectExpression[]; unread: Node | undefined }
  | { type: 'tanstackUseMutation' }
  /** TanStack's `useQuery` and its kin (one query), or `useQueries` and `useSuspenseQueries` (a list). */
  | { type: 'tanstackQueryHook'; many: boolean }
  /** What `useRef(...)` returns; its `current` is what was put in it. */
  | { type: 'ref'; call: TSESTree.CallExpression }
  /** An array whose items are known by position: the results of `useQueries`. */
  | { type: 'tuple'; items: (Value | undefined)[] }
  | { type: 'useQueryClient' }
  | { type: 'queryClient' }
  | { type: 'helperObject' }
  | { type: 'helperFunction'; kind: SyncKind | undefined }
  | { type: 'localFunction'; fn: FunctionNode }
  /** Imported from another module of the app: a hook returning a scene mutation, or a function. */
  | { type: 'mutationHook'; hook: MutationHookSummary }
  /** Anything else another module exports: looked up only where it matters (`ValueResolver.functionSummary`). */
  | { type: 'importedBinding'; source: string; imported: string }
  /** A parameter of `fn` (a prop, a received callback), or a member `depth` levels into one. */
  | { type: 'external'; fn: FunctionNode | undefined; depth: number }
  | { type: 'object'; properties: Map<string, Value> };

const REACT_MODULES = new Set(['react', 'preact/hooks', 'preact/compat']);
const TANSTACK_QUERY_HOOKS = new Map([
  ['useQuery', false],
  ['useSuspenseQuery', false],
  ['useInfiniteQuery', false],
  ['useSuspenseInfiniteQuery', false],
  ['useQueries', true],
  ['useSuspenseQueries', true],
]);
// As React's own rules tell a hook: `use` and then a capital or a digit.
const HOOK_NAME = /^use[A-Z0-9]/;

/** A name React treats as a hook: only a hook can return a mutation. */
export function isHookName(name: string): boolean {
  return HOOK_NAME.test(name);
}

/**
 * Follows values through variables, destructuring, selectors and casts. One instance per file;
 * every variable is evaluated at most once.
 */
export class ValueResolver {
  private readonly variableOf: ReferenceMap;
  private readonly variableValues = new Map<Variable, Value | undefined>();
  private readonly importSources = new Map<Variable, { source: string; imported: string }>();
  private readonly mutationsByCall = new Map<TSESTree.CallExpression, MutationInfo>();
  private readonly refContents = new Map<TSESTree.CallExpression, Value | undefined>();
  private readonly limit = new DepthLimit();
  /** Store hooks this file declares itself: the store module, where writes are the implementation. */
  readonly localStoreHooks = new Set<string>();

  constructor(
    private readonly scopeManager: Scope.ScopeManager,
    private readonly conventions: Conventions,
    private readonly imports?: ImportLookup,
  ) {
    this.variableOf = referencesOf(scopeManager);
  }

  variable(identifier: TSESTree.Identifier): Variable | null | undefined {
    return this.variableOf.get(identifier);
  }

  isImportedFrom(variable: Variable, test: (source: string) => boolean): boolean {
    const origin = this.importOrigin(variable);
    return origin !== undefined && test(origin.source);
  }

  /**
   * The mutation a `useMutation(...)` or vanilla `x.y.mutate(...)` call creates, if it is one, given
   * what its callee evaluates to: a caller that needs both evaluates the callee once.
   */
  mutationOfCall(call: TSESTree.CallExpression, calleeValue: Value | undefined): MutationInfo | undefined {
    const value = this.callValue(call, unwrap(call.callee), calleeValue);
    if (value?.type === 'mutation') return value.mutation;
    return this.mutationsByCall.get(call);
  }

  evaluate(node: Node, env?: Map<Variable, Value>): Value | undefined {
    // Entered and left by hand: a closure per evaluation is what this hot path would allocate most.
    if (!this.limit.enter()) return undefined;
    try {
      return this.evaluateNode(node, env);
    } finally {
      this.limit.leave();
    }
  }

  private evaluateNode(node: Node, env?: Map<Variable, Value>): Value | undefined {
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.evaluateIdentifier(target, env);
      case AST_NODE_TYPES.MemberExpression:
        return this.evaluateMember(target, env);
      case AST_NODE_TYPES.CallExpression:
        return this.evaluateCall(target, env);
      case AST_NODE_TYPES.AwaitExpression:
        return this.evaluate(target.argument, env);
      case AST_NODE_TYPES.ObjectExpression:
        return this.evaluateObject(target, env);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return { type: 'localFunction', fn: target };
      default:
        return undefined;
    }
  }

  private evaluateIdentifier(identifier: TSESTree.Identifier, env?: Map<Variable, Value>): Value | undefined {
    const variable = this.variableOf.get(identifier);
    if (variable === undefined) return undefined;
    if (variable === null) {
      // An undeclared global: only the store hook is worth trusting by name (a missing import).
      return this.conventions.storeHooks.has(identifier.name) ? { type: 'storeHook', hook: identifier.name } : undefined;
    }
    if (env?.has(variable)) return env.get(variable);
    return this.valueOfVariable(variable);
  }

  valueOfVariable(variable: Variable): Value | undefined {
    if (this.variableValues.has(variable)) return this.variableValues.get(variable);
    // The variables this one's initializer stands on go first, deepest first: each then finds the next
    // one computed, so a chain of thousands of aliases costs no stack.
    const chain = new Set<Variable>();
    for (let current: Variable | undefined = variable; current && !chain.has(current) && !this.variableValues.has(current); current = this.aliasedVariable(current)) {
      chain.add(current);
    }
    const dependencies = [...chain].slice(1).reverse();
    for (const dependency of dependencies) this.computeAndStore(dependency);
    return this.computeAndStore(variable);
  }

  private computeAndStore(variable: Variable): Value | undefined {
    return this.remembered(this.variableValues, variable, () => this.computeVariable(variable));
  }

  /**
   * `compute`'s result, kept in `memo`; unknown while it runs, which cuts cycles (`const a = b; const b = a`).
   * Reached deep in another resolution, the depth cap may cut `compute` short: that result is not kept.
   */
  private remembered<Key>(memo: Map<Key, Value | undefined>, key: Key, compute: () => Value | undefined): Value | undefined {
    if (memo.has(key)) return memo.get(key);
    memo.set(key, undefined);
    const truncations = this.limit.truncations;
    const value = compute();
    if (this.limit.truncations === truncations) memo.set(key, value);
    else memo.delete(key);
    return value;
  }

  /** The variable at the root of `variable`'s initializer (`b` in `const a = b.c`), if any. */
  private aliasedVariable(variable: Variable): Variable | undefined {
    const def = variable.defs.length === 1 ? variable.defs[0]! : undefined;
    if (def?.type !== 'Variable' || !def.node.init) return undefined;
    let root = unwrap(def.node.init);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    return root.type === AST_NODE_TYPES.Identifier ? (this.variableOf.get(root) ?? undefined) : undefined;
  }

  private computeVariable(variable: Variable): Value | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'ImportBinding':
        return this.evaluateImport(variable, def.node);
      case 'Parameter':
        return { type: 'external', fn: isFunction(def.node) ? def.node : undefined, depth: 0 };
      case 'FunctionName':
        return isFunction(def.node) ? { type: 'localFunction', fn: def.node } : undefined;
      case 'Variable': {
        const declarator = def.node;
        const declaration = def.parent;
        if (declaration?.kind !== 'const' && variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
        if (!declarator.init) return undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          const declaresStore =
            this.conventions.storeHooks.has(variable.name) &&
            (variable.scope.type === 'module' || variable.scope.type === 'global') &&
            unwrap(declarator.init).type === AST_NODE_TYPES.CallExpression;
          if (declaresStore) {
            this.localStoreHooks.add(variable.name);
            return { type: 'storeHook', hook: variable.name };
          }
          return this.evaluate(declarator.init);
        }
        const source = this.evaluate(declarator.init);
        return source && destructure(source, declarator.id, def.name, this.conventions);
      }
      default:
        return undefined;
    }
  }

  private importOrigin(variable: Variable): { source: string; imported: string } | undefined {
    if (this.importSources.has(variable)) return this.importSources.get(variable);
    const def = variable.defs[0];
    if (def?.type !== 'ImportBinding') return undefined;
    const specifier = def.node;
    const declaration = specifier.parent as TSESTree.ImportDeclaration;
    let imported = '*';
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      imported = importedName(specifier);
    } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      imported = 'default';
    }
    const origin = { source: String(declaration.source.value), imported };
    this.importSources.set(variable, origin);
    return origin;
  }

  private evaluateImport(variable: Variable, specifier: Node): Value | undefined {
    const origin = this.importOrigin(variable);
    if (!origin) return undefined;
    const { helper } = this.conventions.settings;
    if (this.conventions.isHelperModule(origin.source)) {
      if (origin.imported === '*' || (helper.object !== null && origin.imported === helper.object)) return { type: 'helperObject' };
      return { type: 'helperFunction', kind: this.helperKind(origin.imported) };
    }
    if (this.conventions.storeHooks.has(origin.imported) && specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      return { type: 'storeHook', hook: origin.imported };
    }
    if (origin.source === TANSTACK_QUERY && origin.imported === 'useMutation') return { type: 'tanstackUseMutation' };
    if (origin.source === TANSTACK_QUERY && origin.imported === 'useQueryClient') return { type: 'useQueryClient' };
    const many = origin.source === TANSTACK_QUERY ? TANSTACK_QUERY_HOOKS.get(origin.imported) : undefined;
    if (many !== undefined) return { type: 'tanstackQueryHook', many };
    if (!this.imports || origin.imported === '*') return undefined;
    // Only a hook (named `use...`, as React requires) can return a mutation: other imports are looked up
    // later, and only those called where it matters, since reading a module is the expensive part.
    if (isHookName(origin.imported) || isHookName(variable.name)) {
      const summary = this.imports(origin.source, origin.imported);
      if (summary?.type === 'mutationHook') return { type: 'mutationHook', hook: summary.hook };
    }
    return { type: 'importedBinding', source: origin.source, imported: origin.imported };
  }

  /** What an imported function does, read from its module; undefined when unknown or not a function. */
  functionSummary(binding: Extract<Value, { type: 'importedBinding' }>): FunctionSummary | undefined {
    const summary = this.imports?.(binding.source, binding.imported);
    return summary?.type === 'function' ? summary.summary : undefined;
  }

  /** The summary of an imported binding, whatever it is: for a module that exports it again. */
  exportSummary(binding: Extract<Value, { type: 'importedBinding' }>): ExportSummary | undefined {
    return this.imports?.(binding.source, binding.imported);
  }

  helperKind(functionName: string): SyncKind | undefined {
    const { functions } = this.conventions.settings.helper;
    return (Object.keys(functions) as SyncKind[]).find((kind) => functions[kind] === functionName);
  }

  private evaluateObject(object: TSESTree.ObjectExpression, env?: Map<Variable, Value>): Value | undefined {
    const properties = new Map<string, Value>();
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = objectKeyName(property);
      const value = key === undefined ? undefined : this.evaluate(property.value, env);
      if (key !== undefined && value) properties.set(key, value);
    }
    return properties.size > 0 ? { type: 'object', properties } : undefined;
  }

  /** Iterative over the chain, which can be thousands of links long. */
  private evaluateMember(member: TSESTree.MemberExpression, env?: Map<Variable, Value>): Value | undefined {
    const names: (string | undefined)[] = [];
    let root: Node = member;
    while (root.type === AST_NODE_TYPES.MemberExpression) {
      const index = unwrap(root.property);
      // `results[0]`: a position in a tuple (the results of `useQueries`).
      names.push(root.computed && index.type === AST_NODE_TYPES.Literal && typeof index.value === 'number' ? String(index.value) : propertyName(root));
      root = unwrap(root.object);
    }
    // An untracked root followed by a procedure path (`api.generation.getProjectScenes`) stays unknown.
    let value = this.evaluate(root, env);
    for (let index = names.length - 1; index >= 0 && value; index--) {
      value = value.type === 'ref' ? (names[index] === 'current' ? this.refContent(value.call) : undefined) : memberOf(value, names[index], this.conventions);
    }
    return value;
  }

  private evaluateCall(call: TSESTree.CallExpression, env?: Map<Variable, Value>): Value | undefined {
    const callee = unwrap(call.callee);
    return this.callValue(call, callee, this.evaluate(callee, env), env);
  }

  private callValue(call: TSESTree.CallExpression, callee: Node, calleeValue: Value | undefined, env?: Map<Variable, Value>): Value | undefined {
    // React's hooks are imports like any other: recognised before what an import evaluates to.
    if (this.isReactHook(callee, 'useRef')) return { type: 'ref', call };
    if (this.isReactHook(callee, 'useCallback') && call.arguments[0]) return this.evaluate(call.arguments[0], env);
    // So is tRPC's `getQueryKey(api.router.procedure, input)`: a key, whatever the import would evaluate to.
    const builderFunction = this.keyBuilderFunctionOf(callee);
    if (builderFunction) {
      const target = call.arguments[0];
      const chain = target && target.type !== AST_NODE_TYPES.SpreadElement ? procedureChain(target) : undefined;
      return chain ? { type: 'queryKey', path: chain.path, call, builder: builderFunction } : undefined;
    }
    // A received `trpc` (a parameter) is a procedure proxy like any other: its chains are read below.
    if (calleeValue && calleeValue.type !== 'external') return this.applyCall(calleeValue, call, env);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(callee);
    if (method === undefined) return undefined;
    const chain = procedureChain(callee.object);
    if (!chain) return undefined;
    const { path, root } = chain;
    const builder = keyBuilder(method);
    if (builder) return { type: 'queryKey', path, call, builder };
    switch (method) {
      case 'useUtils':
      case 'useContext':
        if (path.length === 0 && call.arguments.length === 0 && !this.isReactNamespace(root)) return { type: 'trpcUtils', path: [] };
        return undefined;
      case 'useQuery':
      case 'useSuspenseQuery':
      case 'useInfiniteQuery':
      case 'useSuspenseInfiniteQuery':
        return path.length >= 2 ? { type: 'queryResult', path, call } : undefined;
      case 'mutationOptions': {
        if (path.length < 2) return undefined;
        const { objects, unread } = this.readOptions(call.arguments[0]);
        return { type: 'mutationOptions', path, options: objects, unread };
      }
      case 'useMutation':
        if (path.length < 2 || !this.conventions.isSceneMutation(path)) return undefined;
        return { type: 'mutation', mutation: this.mutation(call, callee.property, path, call.arguments[0], false, true) };
      case 'mutate':
        if (path.length < 2 || !this.conventions.isSceneMutation(path)) return undefined;
        this.mutation(call, callee.property, path, undefined, true, true);
        return undefined;
      default:
        return undefined;
    }
  }

  private applyCall(callee: Value, call: TSESTree.CallExpression, env?: Map<Variable, Value>): Value | undefined {
    switch (callee.type) {
      case 'storeHook': {
        const selector = call.arguments[0];
        if (!selector) return { type: 'storeState', hook: callee.hook };
        return this.applySelector(callee.hook, selector, env);
      }
      case 'storeMethod':
        return callee.method === 'getState' ? { type: 'storeState', hook: callee.hook } : undefined;
      case 'useQueryClient':
        return { type: 'queryClient' };
      case 'tanstackUseMutation': {
        const argument = call.arguments[0];
        if (!argument) return undefined;
        const runs = this.tanstackMutationRuns(argument);
        if (!runs) return undefined;
        const procedure = runs.length > 0;
        if (procedure && !this.conventions.isSceneMutation(runs)) return undefined;
        const callee = unwrap(call.callee);
        return { type: 'mutation', mutation: this.mutation(call, callee, runs, argument, false, procedure) };
      }
      case 'tanstackQueryHook': {
        const argument = call.arguments[0];
        if (!argument) return undefined;
        if (!callee.many) return this.queryOfOptions(argument, env);
        const object = this.objectLiteralOf(argument);
        const queries = object && findProperty(object, 'queries');
        const list = queries && unwrap(queries.value);
        if (list?.type !== AST_NODE_TYPES.ArrayExpression || (object && findProperty(object, 'combine'))) return undefined;
        return { type: 'tuple', items: list.elements.map((item) => (item && item.type !== AST_NODE_TYPES.SpreadElement ? this.queryOfOptions(item, env) : undefined)) };
      }
      case 'mutationHook': {
        const { hook } = callee;
        const options = hook.optionsIndex === undefined ? undefined : call.arguments[hook.optionsIndex];
        return { type: 'mutation', mutation: this.mutation(call, unwrap(call.callee), hook.path, options, false, true, hook) };
      }
      default:
        return undefined;
    }
  }

  private applySelector(hook: string, selectorNode: Node, env?: Map<Variable, Value>): Value | undefined {
    let selector = unwrap(selectorNode);
    // `useShallow(s => ...)` and similar wrappers take the selector as their only argument.
    if (selector.type === AST_NODE_TYPES.CallExpression && selector.arguments.length === 1) selector = unwrap(selector.arguments[0]!);
    if (selector.type !== AST_NODE_TYPES.ArrowFunctionExpression && selector.type !== AST_NODE_TYPES.FunctionExpression) {
      return undefined;
    }
    const parameter = selector.params[0];
    const body = returnedExpression(selector);
    if (!parameter || !body) return undefined;
    const state: Value = { type: 'storeState', hook };
    const scopeEnv = new Map(env);
    if (parameter.type === AST_NODE_TYPES.Identifier) {
      const variable = this.parameterVariable(selector, parameter);
      if (variable) scopeEnv.set(variable, state);
    } else if (parameter.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of parameter.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = objectKeyName(property);
        const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key === undefined || local.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = this.parameterVariable(selector, local);
        const value = memberOf(state, key, this.conventions);
        if (variable && value) scopeEnv.set(variable, value);
      }
    }
    return this.evaluate(body, scopeEnv);
  }

  /** The query that options passed to a TanStack query hook address: `trpc.x.y.queryOptions(...)`, held or spread in. */
  private queryOfOptions(argument: Node, env?: Map<Variable, Value>): Value | undefined {
    const options = (node: Node): Value | undefined => {
      const value = this.evaluate(node, env);
      return value?.type === 'queryKey' && value.builder.shape === 'options' ? { type: 'queryResult', path: value.path, call: value.call } : undefined;
    };
    const direct = options(argument);
    if (direct) return direct;
    const object = this.objectLiteralOf(argument);
    for (const property of object?.properties ?? []) {
      const spread = property.type === AST_NODE_TYPES.SpreadElement ? options(property.argument) : undefined;
      if (spread) return spread;
    }
    return undefined;
  }

  /**
   * What a `useRef` holds: its initial value, or what the code assigns to its `current`
   * (`ref.current = mutation`). Each ref is read once.
   */
  private refContent(call: TSESTree.CallExpression): Value | undefined {
    return this.remembered(this.refContents, call, () => this.computeRefContent(call));
  }

  private computeRefContent(call: TSESTree.CallExpression): Value | undefined {
    let content = call.arguments[0] && this.evaluate(call.arguments[0]);
    const declarator = outerExpression(call).parent;
    if (!content && declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
      for (const variable of this.scopeManager.getDeclaredVariables(declarator)) {
        for (const reference of variable.references) {
          const assigned = refAssignment(reference.identifier);
          content = assigned && this.evaluate(assigned);
          if (content) break;
        }
      }
    }
    return content;
  }

  /** Whether `node` is put into a ref: `useRef(node)` or `ref.current = node`. */
  isHeldByRef(node: Node): boolean {
    const outer = outerExpression(node);
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === outer) return this.isReactHook(unwrap(parent.callee), 'useRef');
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== outer) return false;
    const target = unwrap(parent.left);
    return target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'current' && this.evaluate(target.object)?.type === 'ref';
  }

  /** Whether `node` is listed in the dependency array of a React hook: it is compared there, not handed on. */
  isHookDependency(node: Node): boolean {
    const outer = outerExpression(node);
    const array = outer.parent;
    if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
    const call = array.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2 || call.arguments[call.arguments.length - 1] !== array) return false;
    const callee = unwrap(call.callee);
    return DEPENDENCY_HOOKS.some((hook) => this.isReactHook(callee, hook));
  }

  private parameterVariable(fn: FunctionNode, identifier: TSESTree.Identifier): Variable | undefined {
    return this.scopeManager.acquire(fn)?.set.get(identifier.name);
  }

  /**
   * The procedure a TanStack `useMutation` argument runs (from `mutationOptions` or its `mutationFn`),
   * `[]` for a `mutationFn` that runs no tRPC procedure (`fetch`, a REST client), undefined for no mutation
   * this file can read.
   */
  private tanstackMutationRuns(argument: Node): string[] | undefined {
    const value = this.evaluate(argument);
    if (value?.type === 'mutationOptions') return value.path;
    const object = this.objectLiteralOf(argument);
    if (!object) return undefined;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.evaluate(property.argument);
        if (spread?.type === 'mutationOptions') return spread.path;
      }
    }
    const mutationFn = findProperty(object, 'mutationFn');
    if (!mutationFn) return undefined;
    const fn = this.evaluate(mutationFn.value);
    return (fn?.type === 'localFunction' && findVanillaMutationPath(fn.fn)) || [];
  }

  /**
   * The option objects a mutation's options argument is made of: a literal (or a `const` holding
   * one), its spreads of `mutationOptions(...)`, or `mutationOptions(...)` itself. `unread` is the
   * first part no reading reaches (a call, a prop, a spread of one).
   */
  private readOptions(argument: Node | undefined): { objects: readonly TSESTree.ObjectExpression[]; unread: Node | undefined } {
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return { objects: [], unread: argument };
    const object = this.objectLiteralOf(argument);
    if (!object) {
      const value = this.evaluate(argument);
      return value?.type === 'mutationOptions' ? { objects: value.options, unread: value.unread } : { objects: [], unread: argument };
    }
    const objects = [object];
    let unread: Node | undefined;
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.SpreadElement) continue;
      const spread = this.evaluate(property.argument);
      if (spread?.type === 'mutationOptions') {
        objects.push(...spread.options);
        unread ??= spread.unread;
      } else {
        unread ??= property;
      }
    }
    return { objects, unread };
  }

  /** The object literal an expression is, directly or through a `const` that holds one. */
  objectLiteralOf(node: Node): TSESTree.ObjectExpression | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
    if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = this.variableOf.get(target)?.defs[0];
    if (def?.type !== 'Variable' || def.parent?.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
  }

  private mutation(call: TSESTree.CallExpression, reportNode: Node, path: string[], optionsArgument: Node | undefined, vanilla: boolean, procedure: boolean, hook?: MutationHookSummary): MutationInfo {
    const existing = this.mutationsByCall.get(call);
    if (existing) return existing;
    const { objects: options, unread } = this.readOptions(optionsArgument);
    const mutation: MutationInfo = {
      node: call,
      reportNode,
      path,
      options: [...options],
      ...(unread ? { unreadOptions: unread } : {}),
      vanilla,
      procedure,
      ...(hook ? { hook, callbacks: hook.forwards } : {}),
    };
    this.mutationsByCall.set(call, mutation);
    return mutation;
  }

  /** The key builder function a callee names through its import: `getQueryKey`, also on a namespace import. */
  private keyBuilderFunctionOf(callee: Node): KeyBuilder | undefined {
    const named = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
    if (named.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.variableOf.get(named);
    const origin = variable ? this.importOrigin(variable) : undefined;
    if (!origin) return undefined;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return keyBuilderFunction(origin.imported, origin.source);
    const name = propertyName(callee);
    return origin.imported === '*' && name !== undefined ? keyBuilderFunction(name, origin.source) : undefined;
  }

  /** `useCallback` or `React.useCallback` (any export of React: `memo`, `forwardRef`), resolved to the import from React. */
  isReactHook(callee: Node, hook: string): boolean {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(callee);
      const origin = variable ? this.importOrigin(variable) : undefined;
      return origin !== undefined && origin.imported === hook && REACT_MODULES.has(origin.source);
    }
    return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === hook && this.isReactNamespace(unwrap(callee.object));
  }

  private isReactNamespace(root: Node): boolean {
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.variableOf.get(root);
    return !!variable && this.isImportedFrom(variable, (source) => REACT_MODULES.has(source));
  }
}

/** A static member path under an identifier or call root: `api.generation.updateScene` -> generation.updateScene. */
export function procedureChain(node: Node): { root: Node; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier && current.type !== AST_NODE_TYPES.CallExpression && current.type !== AST_NODE_TYPES.ThisExpression) {
    return undefined;
  }
  return { root: current, path };
}

/** The first tRPC procedure a function body calls with `x.y.mutate(...)`, whether or not it is a scene mutation. */
function findVanillaMutationPath(fn: FunctionNode): string[] | undefined {
  const stack: unknown[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const candidate = node as Node;
    if (candidate.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(candidate.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'mutate') {
        const chain = procedureChain(callee.object);
        if (chain && chain.path.length >= 2) return chain.path;
      }
    }
    // Nested functions run later, if at all: not this mutation's body.
    if (candidate !== fn.body && isFunction(candidate)) continue;
    for (const [key, child] of Object.entries(candidate)) {
      if (key !== 'parent' && child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return undefined;
}

function memberOf(object: Value, name: string | undefined, conventions: Conventions): Value | undefined {
  switch (object.type) {
    case 'storeHook':
      return name === 'getState' || name === 'setState' ? { type: 'storeMethod', hook: object.hook, method: name } : undefined;
    case 'storeState': {
      const kind = name === undefined ? undefined : conventions.actionKind(name);
      if (name !== undefined && kind) return { type: 'storeAction', hook: object.hook, action: name, kind };
      return { type: 'stateSlice', hook: object.hook, key: name };
    }
    case 'stateSlice':
      return object;
    case 'trpcUtils': {
      if (name === undefined) return undefined;
      const method = cacheMethod('utils', name);
      if (method) return { type: 'utilsMethod', path: object.path, method };
      return { type: 'trpcUtils', path: [...object.path, name] };
    }
    case 'queryResult':
      return name === 'refetch' ? { type: 'refetch', path: object.path, query: object.call } : undefined;
    case 'mutation':
      return name === 'mutate' || name === 'mutateAsync' ? { type: 'mutateFunction', mutation: object.mutation, method: name } : undefined;
    case 'helperObject':
      return name === undefined ? undefined : { type: 'helperFunction', kind: kindOfHelper(name, conventions) };
    case 'object':
      return name === undefined ? undefined : object.properties.get(name);
    case 'queryKey':
      return name === 'queryKey' && object.builder.shape === 'options' ? { ...object, builder: keyOfOptions(object.builder) } : undefined;
    case 'tuple':
      return name === undefined ? undefined : object.items[Number(name)];
    case 'external':
      return { ...object, depth: object.depth + 1 };
    default:
      return undefined;
  }
}

function kindOfHelper(name: string, conventions: Conventions): SyncKind | undefined {
  const { functions } = conventions.settings.helper;
  return (Object.keys(functions) as SyncKind[]).find((kind) => functions[kind] === name);
}

/** The value a destructuring pattern binds to `target`, given the value of the whole initializer. */
function destructure(source: Value, pattern: Node, target: TSESTree.Identifier, conventions: Conventions): Value | undefined {
  const steps: (string | undefined)[] = [];
  let node: Node | undefined = target;
  while (node && node !== pattern) {
    const parent: Node | undefined = node.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === node) {
      steps.unshift(objectKeyName(parent));
    } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      steps.unshift(String(parent.elements.indexOf(node as TSESTree.DestructuringPattern)));
    } else if (node.type === AST_NODE_TYPES.RestElement) {
      return undefined;
    }
    node = parent;
  }
  let value: Value | undefined = source;
  for (const step of steps) {
    if (!value) return undefined;
    value = memberOf(value, step, conventions);
  }
  return value;
}

const DEPENDENCY_HOOKS = ['useCallback', 'useMemo', 'useEffect', 'useLayoutEffect', 'useInsertionEffect', 'useImperativeHandle'];

/** The value assigned when `identifier` is the ref in `identifier.current = value`. */
function refAssignment(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): Node | undefined {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || propertyName(member) !== 'current') return undefined;
  const assignment = outerExpression(member).parent;
  return assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' && unwrap(assignment.left) === member ? assignment.right : undefined;
}
