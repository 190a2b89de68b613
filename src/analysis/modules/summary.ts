import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type * as ts from 'typescript';
import type { Conventions } from '../../conventions';
import { analyzeFile, SUCCESS_CALLBACKS, type FileAnalysis } from '../index';
import { isFunction, objectKeyName, propertyName, referencesOf, returnedExpression, unwrap, walk, walkCode, type FunctionNode, type Node, type VisitorKeys } from '../ast';
import { runsAfter } from '../flow';
import type { MutationInfo, ValueResolver } from '../values';
import { moduleScope, readExports, type ExportTable } from './exports';
import { createModuleResolver, type ResolveModule } from './resolve';
import { parseModuleText } from '../parse-options';
import type { ExportSummary, FunctionSummary, ImportLookup, MutationHookSummary, ParameterPath } from './types';

/** How many imports deep the analysis follows a chain (`a` imports `b` imports `c`...). */
export const MAX_IMPORT_DEPTH = 4;

const NESTED_FUNCTIONS: ReadonlySet<string> = new Set([AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.FunctionDeclaration]);

interface ParsedModule {
  file: string;
  text: string;
  ast: TSESTree.Program;
  scopeManager: Scope.ScopeManager;
  visitorKeys: VisitorKeys;
}

interface Stamped<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

/** What a process has parsed, by path; re-parsed only when the file changes. Per ESLint worker: nothing is shared. */
const parsedModules = new Map<string, Stamped<ParsedModule | undefined>>();
const summaries = new WeakMap<Conventions, Map<string, Stamped<ModuleSummary | undefined>>>();

/** Counters for the benchmark: parses, distinct files parsed, and imports asked about, in this process. */
export function moduleStats(): { parsed: number; files: number; lookups: number } {
  return { parsed: counters.parsed, files: parsedModules.size, lookups: counters.lookups };
}
const counters = { parsed: 0, lookups: 0 };

export interface ModuleContext {
  conventions: Conventions;
  resolve: ResolveModule;
  program: ts.Program | undefined;
  /** Where ESLint runs: `allow` globs are relative to it. */
  cwd: string;
}

const resolvers = new Map<string, ResolveModule>();
const programResolvers = new WeakMap<ts.Program, ResolveModule>();

/**
 * The import lookup of a file being analysed, or undefined when cross-module analysis is off or the
 * file has no place on disk (imports of a virtual file cannot be resolved).
 */
export function importLookupFor(filename: string, cwd: string, conventions: Conventions, program?: ts.Program): ImportLookup | undefined {
  if (!conventions.settings.crossModule || !path.isAbsolute(filename)) return undefined;
  const { tsconfig } = conventions.settings;
  let resolve: ResolveModule | undefined;
  if (program) {
    resolve = programResolvers.get(program);
    if (!resolve) programResolvers.set(program, (resolve = createModuleResolver(tsconfig, cwd, program)));
  } else {
    const key = resolverKey(tsconfig, cwd);
    resolve = resolvers.get(key);
    if (!resolve) resolvers.set(key, (resolve = createModuleResolver(tsconfig, cwd)));
  }
  return lookupFrom(filename, { conventions, resolve, program, cwd }, 0);
}

/**
 * A module of the app, parsed at most once per process and analysed with its imports followed, as
 * the codemod's pass over the repository needs it; undefined when it cannot be read or parsed.
 */
export function analyzeModule(file: string, conventions: Conventions, cwd: string): { ast: TSESTree.Program; scopeManager: Scope.ScopeManager; analysis: FileAnalysis } | undefined {
  const lookup = importLookupFor(file, cwd, conventions);
  if (!lookup) return undefined;
  const resolve = resolvers.get(resolverKey(conventions.settings.tsconfig, cwd))!;
  const summary = summarize(path.resolve(file), { conventions, resolve, program: undefined, cwd }, 0);
  const analysis = summary?.analysis();
  return summary && analysis && { ast: summary.parsed.ast, scopeManager: summary.parsed.scopeManager, analysis };
}

function resolverKey(tsconfig: string | null, cwd: string): string {
  return `${tsconfig ?? ''}\u0000${tsconfig === null ? '' : cwd}`;
}

function lookupFrom(filename: string, context: ModuleContext, depth: number): ImportLookup | undefined {
  if (depth >= MAX_IMPORT_DEPTH) return undefined;
  return (source, imported) => {
    counters.lookups++;
    const file = context.resolve(source, filename);
    if (file === undefined) return undefined;
    return summarize(file, context, depth + 1)?.exportOf(imported);
  };
}

function summarize(file: string, context: ModuleContext, depth: number): ModuleSummary | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  let byFile = summaries.get(context.conventions);
  if (!byFile) summaries.set(context.conventions, (byFile = new Map()));
  const cached = byFile.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
  const parsed = parseModule(file, stat, context.program);
  const value = parsed && new ModuleSummary(parsed, context, depth);
  byFile.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

function parseModule(file: string, stat: fs.Stats, program: ts.Program | undefined): ParsedModule | undefined {
  const cached = parsedModules.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
  let value: ParsedModule | undefined;
  try {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    counters.parsed++;
    // With typed linting the program already holds the file: convert its tree instead of parsing again.
    // Summaries and the repository pass only read the tree: no comments.
    const { ast, scopeManager, visitorKeys } = parseModuleText(text, file, program?.getSourceFile(file) ? program : undefined, { comments: false });
    value = { file, text, ast, scopeManager, visitorKeys };
  } catch {
    value = undefined;
  }
  parsedModules.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

/** The exports of one module, classified on demand (only the names other files import). */
class ModuleSummary {
  private readonly exports: ExportTable;
  private readonly answers = new Map<string, ExportSummary | undefined>();
  private lazyAnalysis: FileAnalysis | undefined;
  /** Set while the module is analysed: a cycle back into it (another of its names) reads it as unknown. */
  private analyzing = false;
  private readonly lookup: ImportLookup | undefined;

  constructor(
    readonly parsed: ParsedModule,
    private readonly context: ModuleContext,
    depth: number,
  ) {
    this.lookup = lookupFrom(parsed.file, context, depth);
    this.exports = readExports(parsed.ast);
  }

  exportOf(name: string): ExportSummary | undefined {
    if (this.answers.has(name)) return this.answers.get(name);
    // Unknown while being computed: an import cycle that comes back to this name reads it so.
    this.answers.set(name, undefined);
    try {
      const answer = this.classify(name);
      this.answers.set(name, answer);
      return answer;
    } catch {
      return undefined;
    }
  }

  private classify(name: string): ExportSummary | undefined {
    const target = this.exports.targets.get(name);
    if (!target) {
      for (const source of this.exports.starSources) {
        const found = this.lookup?.(source, name);
        if (found) return found;
      }
      return undefined;
    }
    if (target.type === 'from') return this.lookup?.(target.source, target.imported);
    const analysis = this.analysis();
    const values = analysis?.values;
    if (!analysis || !values) return undefined;
    if (target.type === 'node') return this.classifyFunction(target.node, name, analysis, values);
    const variable = moduleScope(this.parsed.scopeManager)?.set.get(target.name);
    if (!variable) return undefined;
    const value = values.valueOfVariable(variable);
    if (value?.type === 'localFunction') return this.classifyFunction(value.fn, name, analysis, values);
    if (value?.type === 'mutationHook') return { type: 'mutationHook', hook: value.hook };
    if (value?.type === 'importedBinding') return values.exportSummary(value);
    return undefined;
  }

  analysis(): FileAnalysis | undefined {
    if (this.lazyAnalysis || this.analyzing) return this.lazyAnalysis;
    const { parsed, context } = this;
    this.analyzing = true;
    try {
      this.lazyAnalysis = analyzeFile({
        ast: parsed.ast,
        scopeManager: parsed.scopeManager,
        visitorKeys: parsed.visitorKeys,
        text: parsed.text,
        conventions: context.conventions,
        allowed: context.conventions.isAllowedFile(parsed.file, context.cwd),
        imports: this.lookup,
        whole: true,
        filename: parsed.file,
      });
    } finally {
      this.analyzing = false;
    }
    return this.lazyAnalysis;
  }

  private classifyFunction(fn: FunctionNode, name: string, analysis: FileAnalysis, values: ValueResolver): ExportSummary {
    const file = this.parsed.file;
    const returned = returnedExpression(fn);
    const value = returned && values.evaluate(returned);
    if (value?.type === 'mutation') return { type: 'mutationHook', hook: this.hookSummary(fn, name, value.mutation, analysis) };
    const { hand, helper } = analysis.syncsIn(fn);
    const summary: FunctionSummary = { name, file, handSync: hand, helper, awaits: this.awaitingShape(fn) };
    return { type: 'function', summary };
  }

  private hookSummary(fn: FunctionNode, name: string, mutation: MutationInfo, analysis: FileAnalysis): MutationHookSummary {
    const forwards: string[] = [];
    let optionsIndex: number | undefined;
    for (const callback of SUCCESS_CALLBACKS) {
      for (const options of mutation.options) {
        const index = this.forwardingParameter(fn, options, callback);
        if (index === undefined) continue;
        optionsIndex ??= index;
        if (index === optionsIndex && !forwards.includes(callback)) forwards.push(callback);
      }
    }
    return { name, file: this.parsed.file, path: mutation.path, optionsIndex, forwards, syncs: analysis.successSyncs(mutation, fn) };
  }

  /** The parameter whose `callback` the options object calls: spread in last, passed on, or called inside its own. */
  private forwardingParameter(fn: FunctionNode, options: TSESTree.ObjectExpression, callback: string): number | undefined {
    let index: number | undefined;
    for (const property of options.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.parameterOf(property.argument, fn);
        if (spread && spread.key === undefined) index = spread.index;
        continue;
      }
      if (objectKeyName(property) !== callback) continue;
      index = this.forwardedIn(property.value, fn, callback);
    }
    return index;
  }

  /** `options.onSuccess`, or a function that calls `options.onSuccess(...)` / `options?.onSuccess?.(...)`. */
  private forwardedIn(value: Node, fn: FunctionNode, callback: string): number | undefined {
    const direct = this.memberOfParameter(value, fn, callback);
    if (direct !== undefined) return direct;
    const target = unwrap(value);
    if (!isFunction(target)) return undefined;
    let found: number | undefined;
    walkCode(target.body, this.parsed.visitorKeys, (node) => {
      if (found === undefined && node.type === AST_NODE_TYPES.CallExpression) found = this.memberOfParameter(node.callee, fn, callback);
    });
    return found;
  }

  private memberOfParameter(node: Node, fn: FunctionNode, callback: string): number | undefined {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== callback) return undefined;
    const parameter = this.parameterOf(target.object, fn);
    return parameter && parameter.key === undefined ? parameter.index : undefined;
  }

  /** Which parameter of `fn` an identifier names: `options`, or `save` out of `{ save, onSaved }`. */
  private parameterOf(node: Node, fn: FunctionNode): ParameterPath | undefined {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = referencesOf(this.parsed.scopeManager).get(target);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Parameter' || def.node !== fn) return undefined;
    for (let index = 0; index < fn.params.length; index++) {
      const parameter = fn.params[index]!;
      const pattern = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
      if (pattern.type === AST_NODE_TYPES.Identifier && pattern === def.name) return { index };
      if (pattern.type !== AST_NODE_TYPES.ObjectPattern) continue;
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        const key = objectKeyName(property);
        if (local === def.name && key !== undefined) return { index, key };
      }
    }
    return undefined;
  }

  /** `await run(); then()` or `await save.mutateAsync(v); onSaved()`, over the function's parameters. */
  private awaitingShape(fn: FunctionNode): FunctionSummary['awaits'] {
    if (!fn.async || fn.params.length === 0) return undefined;
    let awaited: { node: Node; path: ParameterPath & { via: 'call' | 'mutateAsync' } } | undefined;
    const calls: TSESTree.CallExpression[] = [];
    // Nested functions are skipped: what they await or call runs when they are called, not here.
    walk(fn.body, this.parsed.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      if (awaited || node.type !== AST_NODE_TYPES.AwaitExpression) return;
      const argument = unwrap(node.argument);
      if (argument.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(argument.callee);
      const called = this.parameterOf(callee, fn);
      if (called) {
        awaited = { node, path: { ...called, via: 'call' } };
      } else if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'mutateAsync') {
        const holder = this.parameterOf(callee.object, fn);
        if (holder) awaited = { node, path: { ...holder, via: 'mutateAsync' } };
      }
    }, NESTED_FUNCTIONS);
    if (!awaited) return undefined;
    const event = awaited.node;
    const then: ParameterPath[] = [];
    for (const call of calls) {
      const called = this.parameterOf(call.callee, fn);
      if (!called || sameParameter(called, awaited.path) || !runsAfter(event, call, fn)) continue;
      if (!then.some((known) => sameParameter(known, called))) then.push(called);
    }
    return then.length > 0 ? { awaited: awaited.path, then } : undefined;
  }
}

function sameParameter(a: ParameterPath, b: ParameterPath): boolean {
  return a.index === b.index && a.key === b.key;
}

