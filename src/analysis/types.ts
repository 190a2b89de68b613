import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import type { Conventions, SyncKind } from '../conventions';

/** A store action recognised by its type: the callee's type is an action member of a store's state type. */
export interface TypedStoreAction {
  hook: string;
  action: string;
  kind: SyncKind;
}

/**
 * What type information adds to the analysis, when the ESLint config provides it
 * (`parserOptions.projectService` or `project`). Absent otherwise: the analysis then works on syntax alone.
 */
export interface TypeOracle {
  /** The store action `callee` evaluates to, decided by its type; undefined when it is none (or unknown). */
  storeActionAt(callee: TSESTree.Node): TypedStoreAction | undefined;
}

type Services = Partial<ParserServices> | undefined;

type ActionTable = Map<ts.Type, TypedStoreAction[]>;

const actionTypesCache = new WeakMap<ts.Program, Map<Conventions, ActionTable>>();

/** The type oracle for a file, or undefined when the parser provided no program (no type information). */
export function createTypeOracle(services: Services, conventions: Conventions): TypeOracle | undefined {
  const program = services?.program;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  if (!program || !nodeMap) return undefined;
  let lazyActions: ActionTable | undefined;
  // Built on first use only: a file with no unresolved call never pays for the lookup.
  const actions = () => (lazyActions ??= storeActionTypes(program, conventions));
  return {
    storeActionAt(callee) {
      const table = actions();
      if (table.size === 0) return undefined;
      const tsNode = nodeMap.get(callee as TSESTree.Node);
      if (!tsNode) return undefined;
      const candidates = table.get(program.getTypeChecker().getTypeAtLocation(tsNode));
      if (!candidates) return undefined;
      if (candidates.length === 1) return candidates[0];
      // Actions declared with one shared type (`type SceneAction = ...`): the name the code uses tells them apart.
      const name = calleeName(callee);
      return candidates.find((candidate) => candidate.action === name) ?? { ...candidates[0]!, kind: 'changed' };
    },
  };
}

/**
 * The types of the scene actions (`store.actions`) of every store hook (`store.hooks`) the program
 * exports, from a module file or an ambient `declare module`. Computed once per program and conventions.
 */
function storeActionTypes(program: ts.Program, conventions: Conventions): ActionTable {
  let byConventions = actionTypesCache.get(program);
  if (!byConventions) {
    byConventions = new Map();
    actionTypesCache.set(program, byConventions);
  }
  const cached = byConventions.get(conventions);
  if (cached) return cached;

  const checker = program.getTypeChecker();
  const hooks = [...conventions.storeHooks];
  const table: ActionTable = new Map();
  const modules: ts.Symbol[] = [...checker.getAmbientModules()];
  for (const sourceFile of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile)) continue;
    // A cheap text check first: only files that name a store hook can export it.
    if (!hooks.some((hook) => sourceFile.text.includes(hook))) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol) modules.push(moduleSymbol);
  }
  for (const moduleSymbol of modules) {
    for (let exported of checker.getExportsOfModule(moduleSymbol)) {
      const hook = exported.getName();
      if (!conventions.storeHooks.has(hook)) continue;
      if (exported.flags & ts.SymbolFlags.Alias) exported = checker.getAliasedSymbol(exported);
      const state = stateTypeOf(checker, checker.getTypeOfSymbol(exported));
      if (!state) continue;
      for (const [action, kind] of Object.entries(conventions.settings.store.actions)) {
        const member = state.getProperty(action);
        if (!member) continue;
        const type = checker.getTypeOfSymbol(member);
        const candidates = table.get(type) ?? [];
        if (!candidates.some((candidate) => candidate.hook === hook && candidate.action === action)) candidates.push({ hook, action, kind });
        table.set(type, candidates);
      }
    }
  }
  byConventions.set(conventions, table);
  return table;
}

/** The state type of a Zustand-like store hook: what its `getState()` returns. */
function stateTypeOf(checker: ts.TypeChecker, hookType: ts.Type): ts.Type | undefined {
  const getState = hookType.getProperty('getState');
  if (!getState) return undefined;
  const signature = checker.getTypeOfSymbol(getState).getCallSignatures()[0];
  return signature?.getReturnType();
}

/** The name the code calls a callee by: `updateScene`, `actions.updateScene`, or the key it was destructured from. */
function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === 'MemberExpression') return !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  if (callee.type !== 'Identifier') return undefined;
  return callee.name;
}
