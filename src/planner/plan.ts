import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { exportedFunction, type AnalysisInput, type FileAnalysis, type SyncSite } from '../analysis';
import { findOptimisticUpdates, optimisticNodes, PLACE_WORDS } from '../analysis/optimistic';
import { contains, importedName, isFunction, propertyName, referencesOf, statementList, unreachable, unwrap, walk, type FunctionNode, type Node } from '../analysis/ast';
import type { SyncKind } from '../conventions';
import { EFFECT_WORDS } from '../tables/cache-methods';
import { HELPER_SIGNATURES, type HelperParameterName } from '../tables/helper-signatures';
import { keyBuilder } from '../tables/key-builders';
import { clientUsesIn } from '../analysis/client-uses';
import { hookHost, type HostFunction } from './hook-host';
import { lineIndexAt, lineStarts } from '../utils/lines';
import { firstCommentFrom } from '../utils/text-search';

/** Replace `range` of the original text with `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface PlannedRewrite {
  line: number;
  /** Offset in the original text of the run's first statement. */
  offset: number;
  kind: SyncKind;
  /** The helper as called, e.g. `sceneSyncHelpers.syncSceneUpdated`. */
  helper: string;
  sites: SyncSite[];
  /** The edits that rewrite this run alone, with its import and clean-up: an editor suggestion. Made on first call. */
  suggestion(): readonly TextEdit[];
}

export interface ReviewSite {
  line: number;
  /** Offset in the original text, so a caller can say where the site sits after the rewrite. */
  offset: number;
  reason: string;
  /** The sync site, or undefined for a mutation that never syncs. */
  site: SyncSite | undefined;
}

export interface FilePlan {
  edits: TextEdit[];
  rewrites: PlannedRewrite[];
  reviews: ReviewSite[];
}

export interface PlanOptions {
  /** File name, for the `source` label of object-style calls. */
  filename: string;
  /** Exported functions of this file whose syncs the repository pass left for review, with why. */
  reviewFunctions?: ReadonlyMap<string, string>;
  /** False when only each rewrite's own edits are wanted (editor suggestions): `edits` stays empty. */
  fileEdits?: boolean;
}
const HOOKS_WITH_DEPS = new Set(['useCallback', 'useEffect', 'useMemo', 'useLayoutEffect', 'useInsertionEffect', 'useImperativeHandle']);

/** Where a sync site sits: alone in a statement, as an arrow's body, or as a returned value. */
type Placement =
  | { type: 'statement'; statement: TSESTree.Statement; list: TSESTree.Statement[]; awaited: boolean; returned?: boolean }
  /** `prefix` keeps what marked the promise: `void ` or `await `. */
  | { type: 'expression'; expression: Node; prefix: string };

interface Step {
  site: SyncSite;
  placement: Placement;
  project: Node | undefined;
  /** Set when the step cannot be part of a rewrite. */
  problem?: string;
  sceneKind?: 'created' | 'updated' | 'deleted' | 'restored';
  sceneId?: Node;
  scene?: Node;
  utils?: string;
}

/** A reference in the file, and whether a removal must cover it before its binding can go. */
interface FileReference {
  identifier: TSESTree.Identifier;
  variable: Scope.Variable;
  counts: boolean;
}

interface Run {
  steps: Step[];
  range: [number, number];
}

/** What the object-style helper refreshes the cache through. */
type Handle = 'utils' | 'queryClient' | 'trpc';

/** A hook a handle comes from: an export of `module`, and how the added line calls it. */
interface HookNeed {
  handle: Handle;
  module: string;
  imported: string;
  isModule: (source: string) => boolean;
  call: (callee: string) => string;
}

/** A hook call the rewrite adds at the top of a component's or hook's body, once per function and handle. */
interface AddedHook {
  fn: HostFunction;
  handle: Handle;
  name: string;
  statement: string;
  /** The import it needs, when the file does not have it yet. */
  import: { module: string; name: string } | undefined;
}

const TANSTACK_QUERY = '@tanstack/react-query';

/**
 * Plans the rewrite of a file's hand-written syncs to helper calls, as text edits. The codemod
 * applies all of them; an editor suggestion applies one rewrite's `suggestion()`.
 */
export function planFile(input: AnalysisInput, analysis: FileAnalysis, options: PlanOptions): FilePlan {
  const planner = new Planner(input, analysis, options);
  return planner.plan();
}

/** Where an offset of the original text lands once the edits are applied. */
export function mapOffset(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.range[1] <= offset && !(edit.range[0] === edit.range[1] && edit.range[0] === offset)) shift += edit.text.length - (edit.range[1] - edit.range[0]);
  }
  return offset + shift;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.range[0] < cursor) throw new Error(`scene-sync: overlapping edits at offset ${edit.range[0]}`);
    result += text.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  return result + text.slice(cursor);
}

class Planner {
  private references: FileReference[] | undefined;
  private readonly referenceCounts = new Map<Scope.Variable, number>();
  private quoteCache: string | undefined;
  private helperHolders: Set<Node> | undefined;
  private readonly utilsByScope = new Map<Scope.Scope, string | undefined>();
  private readonly addedHooks = new Map<HostFunction, Map<Handle, AddedHook>>();
  private readonly takenNames = new Map<HostFunction, Set<string>>();
  private readonly hookImports = new Map<Handle, TSESTree.ImportSpecifier | undefined>();
  private unresolvedNames: Set<string> | undefined;
  private fileClient: { module: string; name: string } | null | undefined;
  private readonly text: string;
  private readonly eol: string;
  private readonly conventions: AnalysisInput['conventions'];
  private lineStartTable: number[] | undefined;

  constructor(
    private readonly input: AnalysisInput,
    private readonly analysis: FileAnalysis,
    private readonly options: PlanOptions,
  ) {
    this.text = input.text;
    // The file's own line ending, CR-only (classic Mac) included.
    this.eol = this.text.includes('\r\n') ? '\r\n' : /\r(?!\n)/.test(this.text) && !this.text.includes('\n') ? '\r' : '\n';
    this.conventions = input.conventions;
  }

  /** Where each line starts, found when first asked. */
  private get lineStarts(): number[] {
    return (this.lineStartTable ??= lineStarts(this.text));
  }

  plan(): FilePlan {
    // An optimistic write or its rollback can sit in a success path (a catch after an awaited run); it is listed below, never rewritten.
    const optimistic = optimisticNodes(this.input);
    const targets = this.analysis.sites.filter((site) => this.analysis.regionsOf(site.node).length > 0 && !optimistic.has(site.node));
    const steps = targets.map((site) => this.step(site));
    const runs = this.groupRuns(steps);
    const edits: TextEdit[] = [];
    const rewrites: PlannedRewrite[] = [];
    const reviews: ReviewSite[] = [];
    const removed: [number, number][] = [];
    const inserted: string[] = [];
    const hookRuns: { run: Run; hooks: AddedHook[] }[] = [];
    for (const run of runs) {
      const outcome = this.planRun(run);
      if ('problem' in outcome) {
        for (const step of run.steps) {
          reviews.push({ line: this.line(step.site.node.range[0]), offset: step.site.node.range[0], reason: step.problem ?? outcome.problem, site: step.site });
        }
        continue;
      }
      edits.push(outcome.edit);
      removed.push(outcome.edit.range);
      inserted.push(outcome.edit.text);
      let ownEdits: readonly TextEdit[] | undefined;
      const rewrite: PlannedRewrite = {
        line: this.line(run.range[0]),
        offset: run.range[0],
        kind: outcome.kind,
        helper: outcome.helper,
        sites: run.steps.map((step) => step.site),
        // Every site of the run is reported with it, by one rule or two: made once.
        suggestion: () => {
          if (!ownEdits) {
            const hooks = this.hookEdits(outcome.hooks);
            const cleanup = this.cleanup([outcome.edit.range], [outcome.edit.text, ...outcome.hooks.map((hook) => hook.statement)]);
            const own = [outcome.edit, ...hooks, ...cleanup, ...this.dependencyEdits([{ run, hooks: outcome.hooks }], cleanup)];
            ownEdits = Object.freeze([...own, ...this.importEdits([rewrite], own, outcome.hooks)]);
          }
          return ownEdits;
        },
      };
      rewrites.push(rewrite);
      hookRuns.push({ run, hooks: outcome.hooks });
    }
    // The codemod cannot invent the sync a mutation forgot; it lists the mutation instead.
    for (const { mutation, suggestedKind } of this.analysis.unsynced) {
      const offset = mutation.reportNode.range[0];
      const reason = `the ${mutation.path.join('.')} mutation never syncs; call ${this.conventions.helperCallee(suggestedKind)}(...) in its success path`;
      reviews.push({ line: this.line(offset), offset, reason, site: undefined });
    }
    // Optimistic updates are taken out by hand: removing one changes what the user sees while saving.
    for (const { mutation, writes, rollbacks } of findOptimisticUpdates(this.input)) {
      const name = mutation.path.join('.');
      for (const { node, found, place } of writes) {
        const reason = `${found}(...) ${PLACE_WORDS[place]} ${name} is an optimistic update; remove it and show a loading state, the helper syncs after success`;
        reviews.push({ line: this.line(node.range[0]), offset: node.range[0], reason, site: undefined });
      }
      for (const { node, found, place } of rollbacks) {
        const reason = `${found}(...) ${PLACE_WORDS[place]} ${name} rolls back an optimistic update; remove it with the update`;
        reviews.push({ line: this.line(node.range[0]), offset: node.range[0], reason, site: undefined });
      }
    }
    // Functions the repository pass found called outside success paths too: their syncs are the reviewer's.
    for (const [name, reason] of this.options.reviewFunctions ?? []) {
      const fn = this.analysis.values && exportedFunction(this.input.ast, this.input.scopeManager, this.analysis.values, name);
      if (!fn) continue;
      for (const site of this.analysis.sites) {
        if (contains(fn, site.node)) reviews.push({ line: this.line(site.node.range[0]), offset: site.node.range[0], reason, site });
      }
    }
    const wholeFile = this.options.fileEdits !== false;
    if (wholeFile && rewrites.length > 0) {
      const added = [...this.addedHooks.values()].flatMap((hooks) => [...hooks.values()]);
      edits.push(...this.hookEdits(added));
      const cleanup = this.cleanup(removed, [...inserted, ...added.map((hook) => hook.statement)]);
      edits.push(...cleanup, ...this.dependencyEdits(hookRuns, cleanup));
      edits.push(...this.importEdits(rewrites, edits, added));
    }
    rewrites.sort((a, b) => a.line - b.line);
    reviews.sort((a, b) => a.line - b.line);
    return { edits: wholeFile ? edits : [], rewrites, reviews };
  }

  private line(offset: number): number {
    return lineIndexAt(this.lineStarts, offset) + 1;
  }

  private source(node: Node): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  private placement(site: SyncSite): Placement | undefined {
    let outer: Node = site.node;
    let awaited = false;
    let voided = false;
    for (;;) {
      const parent: Node | undefined = outer.parent;
      if (!parent) return undefined;
      if (parent.type === AST_NODE_TYPES.AwaitExpression) awaited = true;
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') voided = true;
      const transparent =
        parent.type === AST_NODE_TYPES.AwaitExpression ||
        parent.type === AST_NODE_TYPES.ChainExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void');
      if (!transparent) break;
      outer = parent;
    }
    const parent = outer.parent!;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) {
      const list = parent.parent && statementList(parent.parent);
      if (list) return { type: 'statement', statement: parent, list, awaited };
      // The whole body of a braceless `if`/`else`/loop: a run of its own.
      return parent.parent && isBracelessBody(parent) ? { type: 'statement', statement: parent, list: [parent], awaited } : undefined;
    }
    const prefix = voided ? 'void ' : awaited ? 'await ' : '';
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer) return { type: 'expression', expression: outer, prefix };
    if (parent.type === AST_NODE_TYPES.ReturnStatement) {
      // `update(...); return invalidate(...)` is one run: it ends in `return helper(...)`.
      const list = parent.parent && statementList(parent.parent);
      return list ? { type: 'statement', statement: parent, list, awaited, returned: true } : { type: 'expression', expression: outer, prefix };
    }
    return undefined;
  }

  private step(site: SyncSite): Step {
    const placement = this.placement(site);
    const step: Step = { site, placement: placement ?? { type: 'expression', expression: site.node, prefix: '' }, project: undefined };
    if (!placement) {
      step.problem = 'the sync is part of a larger expression; rewrite it by hand';
      return step;
    }
    switch (site.category) {
      case 'store':
        this.describeStoreStep(step, site);
        break;
      case 'cache':
        this.describeCacheStep(step, site);
        break;
      default:
        unreachable(site);
    }
    return step;
  }

  private describeStoreStep(step: Step, site: Extract<SyncSite, { category: 'store' }>): void {
    switch (site.form) {
      case 'setState':
        step.problem = `${site.found}(...) writes state that the helper would not carry; review it by hand`;
        return;
      case 'write':
        step.problem = `a direct write into ${site.found} is data the helper would not carry; move it into the store or the server`;
        return;
      case 'action':
        this.describeActionStep(step, site);
        return;
      default:
        unreachable(site.form);
    }
  }

  private describeActionStep(step: Step, site: Extract<SyncSite, { category: 'store' }>): void {
    const call = site.node as TSESTree.CallExpression;
    const args = call.arguments;
    if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) {
      step.problem = `${site.found}(...) is called with spread arguments; rewrite it by hand`;
      return;
    }
    step.project = args[0];
    if (site.action === this.conventions.settings.store.refresh) {
      if (!args.slice(1).every((argument) => isIdentityFunction(argument))) {
        step.problem = `${site.found}(...) with a non-identity updater writes data that the helper would not carry`;
      }
      return;
    }
    const need = site.kind === 'updated' ? 3 : site.kind === 'changed' ? 1 : 2;
    if (site.kind === 'changed') {
      step.problem = `${site.found}(...) writes data that the helper would not carry`;
      return;
    }
    if (args.length < need) {
      step.problem = `${site.found}(...) has fewer arguments than the ${site.kind} helper needs`;
      return;
    }
    step.sceneKind = site.kind;
    if (site.kind === 'updated') {
      step.sceneId = args[1];
      step.scene = args[2];
    } else if (site.kind === 'deleted') {
      step.sceneId = args[1];
    } else {
      step.scene = args[1];
    }
  }

  private describeCacheStep(step: Step, site: Extract<SyncSite, { category: 'cache' }>): void {
    if (site.scope !== 'query') {
      step.problem = `${site.found}(...) ${EFFECT_WORDS[site.effect].verb} more than the ${this.conventions.entity} queries; the helper would narrow it`;
      return;
    }
    if (site.effect !== 'refresh') {
      step.problem = `${site.found}(...) ${EFFECT_WORDS[site.effect].phrase}; the helper refetches instead`;
      return;
    }
    const input = site.input && unwrap(site.input);
    if (input) {
      const key = this.conventions.queryKey(site.path) ?? this.conventions.settings.projectKey;
      const project = input.type === AST_NODE_TYPES.ObjectExpression ? projectProperty(input, key) : undefined;
      if (!project) {
        step.problem = `the input of ${site.path.join('.')} has no ${key}, so ${site.found}(...) names no ${this.conventions.entity} project`;
        return;
      }
      step.project = project;
    }
    switch (site.form) {
      case 'utils': {
        const root = memberRoot(site.node.callee);
        if (root?.type === AST_NODE_TYPES.Identifier) step.utils = root.name;
        return;
      }
      case 'refetch':
      case 'queryClient':
        return;
      default:
        unreachable(site.form);
    }
  }

  /** Consecutive sync statements of one block form a run; an expression-position sync is a run alone. */
  private groupRuns(steps: Step[]): Run[] {
    const runs: Run[] = [];
    const byStatement = new Map<TSESTree.Statement, Step[]>();
    for (const step of steps) {
      if (step.placement.type === 'expression') {
        runs.push({ steps: [step], range: step.placement.expression.range });
        continue;
      }
      const list = byStatement.get(step.placement.statement) ?? [];
      list.push(step);
      byStatement.set(step.placement.statement, list);
    }
    const visited = new Set<TSESTree.Statement>();
    const ordered = [...byStatement.keys()].sort((a, b) => a.range[0] - b.range[0]);
    for (const statement of ordered) {
      if (visited.has(statement)) continue;
      const first = byStatement.get(statement)![0]!;
      const list = (first.placement as Extract<Placement, { type: 'statement' }>).list;
      let index = list.indexOf(statement);
      const runSteps: Step[] = [];
      let last = statement;
      while (index < list.length && byStatement.has(list[index]!)) {
        last = list[index]!;
        visited.add(last);
        runSteps.push(...byStatement.get(last)!);
        index++;
        if (last.type === AST_NODE_TYPES.ReturnStatement) break;
      }
      runs.push({ steps: runSteps, range: [statement.range[0], last.range[1]] });
    }
    return runs;
  }

  private planRun(run: Run): { problem: string } | { edit: TextEdit; kind: SyncKind; helper: string; hooks: AddedHook[] } {
    const problem = run.steps.find((step) => step.problem)?.problem;
    if (problem) return { problem: `part of a run that cannot be rewritten as a whole: ${problem}` };
    if (this.isNextToHelperCall(run)) return { problem: 'a helper call next to it already syncs; remove the manual sync if it is redundant' };
    const sceneSteps = run.steps.filter((step) => step.sceneKind);
    if (sceneSteps.length > 1) return { problem: `more than one ${this.conventions.entity} write in one run; split it by hand` };
    const projects = new Set(run.steps.filter((step) => step.project).map((step) => normalize(this.source(step.project!))));
    if (projects.size > 1) return { problem: 'the run syncs more than one project' };
    const projectStep = run.steps.find((step) => step.project);
    if (!projectStep) return { problem: 'cannot tell which project the sync refreshes' };
    const project = this.source(projectStep.project!);

    const sceneStep = sceneSteps[0];
    const restore = run.steps.some((step) => this.analysis.regionsOf(step.site.node).some((region) => region.restore));
    let kind: SyncKind = sceneStep?.sceneKind ?? 'changed';
    // The restore helper writes the store as an update (init.ts): an `addScene` after an undo-delete
    // stays `created`, or the helper's update of a scene the store no longer holds would lose it.
    if (restore && kind === 'updated') kind = 'restored';
    const helper = this.conventions.helperCallee(kind);
    const localName = helper.split('.')[0]!;
    if (this.nameTaken(localName, run.steps[0]!.site.node)) return { problem: `the name ${localName} is taken here by another binding; rename it, then run again` };
    const args = this.helperArguments(kind, project, sceneStep, run);
    if ('problem' in args) return args;
    const call = `${helper}(${args.text})`;

    const edit = this.runEdit(run, call);
    return { edit, kind, helper, hooks: args.hooks };
  }

  private helperArguments(kind: SyncKind, project: string, sceneStep: Step | undefined, run: Run): { text: string; hooks: AddedHook[] } | { problem: string } {
    const values: Record<HelperParameterName, string | undefined> = {
      projectId: project,
      sceneId: sceneStep?.sceneId && this.source(sceneStep.sceneId),
      scene: sceneStep?.scene && this.source(sceneStep.scene),
    };
    const { parameters } = HELPER_SIGNATURES[kind];
    const missing = parameters.find((parameter) => values[parameter.name] === undefined);
    if (missing) return { problem: `cannot tell the ${missing.name} that the ${kind} helper needs` };
    if (this.conventions.settings.helper.style === 'positional') return { text: parameters.map((parameter) => values[parameter.name]).join(', '), hooks: [] };
    const handles = this.cacheHandles(run);
    if ('problem' in handles) return handles;
    const [first, ...rest] = parameters.map((parameter) => property(parameter.name, values[parameter.name]!));
    const properties = [first!, ...handles.properties, ...rest];
    properties.push(`source: ${this.quote(this.sourceLabel(run.steps[0]!.site.node))}`);
    return { text: `{ ${properties.join(', ')} }`, hooks: handles.hooks };
  }

  /**
   * What the object-style helper refreshes the cache through: `utils`, or `queryClient` and `trpc`
   * for a TanStack-native client. A handle not in scope comes from a hook added to the enclosing
   * component or hook, where the Rules of Hooks allow one.
   */
  private cacheHandles(run: Run): { properties: string[]; hooks: AddedHook[] } | { problem: string } {
    const node = run.steps[0]!.site.node;
    const client = this.conventions.settings.client;
    if (client?.kind === 'tanstack') {
      const trpc = this.siteHandle(run, 'trpc') ?? this.bindingInScope(node, (variable) => this.callsImported(variable, client.hook));
      const queryClient = this.siteHandle(run, 'queryClient') ?? this.bindingInScope(node, (variable) => this.analysis.values?.valueOfVariable(variable)?.type === 'queryClient');
      const needs: HookNeed[] = [];
      if (!trpc) needs.push({ handle: 'trpc', module: client.module, imported: client.hook, isModule: (source) => this.conventions.isClientModule(source), call: (callee) => `${callee}()` });
      if (!queryClient) needs.push({ handle: 'queryClient', module: TANSTACK_QUERY, imported: 'useQueryClient', isModule: (source) => source === TANSTACK_QUERY, call: (callee) => `${callee}()` });
      const added = this.addHooks(node, needs, `no ${needs.map((need) => (need.handle === 'trpc' ? `trpc (${client.hook}())` : 'queryClient (useQueryClient())')).join(' and no ')} in scope`);
      if ('problem' in added) return added;
      const properties = [property('queryClient', queryClient ?? added.names.get('queryClient')!), property('trpc', trpc ?? added.names.get('trpc')!)];
      return { properties, hooks: added.hooks };
    }
    const utils = run.steps.find((step) => step.utils)?.utils ?? this.utilsInScope(node);
    if (utils) return { properties: [property('utils', utils)], hooks: [] };
    const known = client ?? this.clientOfFile();
    const missing = 'no tRPC utils (useUtils()) in scope';
    if (!known) return { problem: `${missing}, and no "client" setting to add them from; set "client" and run again` };
    const isModule = client ? (source: string) => this.conventions.isClientModule(source) : (source: string) => source === known.module;
    const added = this.addHooks(node, [{ handle: 'utils', module: known.module, imported: known.name, isModule, call: (callee) => `${callee}.useUtils()` }], missing);
    if ('problem' in added) return added;
    return { properties: [property('utils', added.names.get('utils')!)], hooks: added.hooks };
  }

  /** A TanStack handle the run's own cache call names: the `queryClient` it calls, the `trpc` its key is built from. */
  private siteHandle(run: Run, handle: 'queryClient' | 'trpc'): string | undefined {
    for (const { site } of run.steps) {
      if (site.category !== 'cache' || site.form !== 'queryClient') continue;
      const call = site.node as TSESTree.CallExpression;
      if (handle === 'queryClient') {
        const callee = unwrap(call.callee);
        const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
        if (receiver?.type === AST_NODE_TYPES.Identifier) return receiver.name;
        continue;
      }
      const root = this.builderRoot(call, site.path.length);
      if (root) return root;
    }
    return undefined;
  }

  /**
   * The names the hooks `needs` are bound to in the component or hook around `node`: hooks this plan
   * already adds there, else new ones. All or none: a need that cannot be met adds nothing.
   */
  private addHooks(node: Node, needs: HookNeed[], missing: string): { names: Map<Handle, string>; hooks: AddedHook[] } | { problem: string } {
    const names = new Map<Handle, string>();
    if (needs.length === 0) return { names, hooks: [] };
    const host = hookHost(node, this.analysis.values);
    if ('problem' in host) return { problem: `${missing}, and ${host.problem}` };
    const existing = this.addedHooks.get(host.fn) ?? new Map<Handle, AddedHook>();
    const taken = this.namesAround(host.fn);
    const fresh: AddedHook[] = [];
    const used: AddedHook[] = [];
    for (const need of needs) {
      const known = existing.get(need.handle);
      if (known) {
        used.push(known);
        continue;
      }
      const callee = this.calleeAt(host.fn, need);
      if ('problem' in callee) return { problem: `${missing}, and ${callee.problem} in ${host.name}` };
      const base: string = need.handle;
      let name = base;
      for (let suffix = 2; taken.has(name) || this.unresolved().has(name); suffix++) name = `${base}${suffix}`;
      const hook: AddedHook = { fn: host.fn, handle: need.handle, name, statement: `const ${name} = ${need.call(callee.local)};`, import: callee.import };
      fresh.push(hook);
      used.push(hook);
    }
    for (const hook of fresh) {
      existing.set(hook.handle, hook);
      taken.add(hook.name);
    }
    this.addedHooks.set(host.fn, existing);
    for (const hook of used) names.set(hook.handle, hook.name);
    return { names, hooks: used };
  }

  /** How the top of `fn` calls the hook `need` names: through the file's import of it, or an import to add. */
  private calleeAt(fn: HostFunction, need: HookNeed): { local: string; import: AddedHook['import'] } | { problem: string } {
    const specifier = this.hookImport(need);
    if (specifier) {
      const local = specifier.local.name;
      // The import, unless a binding of the same name shadows it there.
      for (let scope: Scope.Scope | null = this.scopeAt(fn.body); scope; scope = scope.upper) {
        const variable = scope.set.get(local);
        if (!variable) continue;
        if (variable.defs[0]?.node === specifier) return { local, import: undefined };
        return { problem: `the name ${local} is taken by another binding` };
      }
    }
    if (this.namesAround(fn).has(need.imported) || this.unresolved().has(need.imported)) {
      return { problem: `the name ${need.imported} (to import from ${need.module}) is taken` };
    }
    return { local: need.imported, import: { module: need.module, name: need.imported } };
  }

  /** The file's value import of the hook `need` names, looked up once per handle. */
  private hookImport(need: HookNeed): TSESTree.ImportSpecifier | undefined {
    if (this.hookImports.has(need.handle)) return this.hookImports.get(need.handle);
    let found: TSESTree.ImportSpecifier | undefined;
    for (const statement of this.input.ast.body) {
      if (found || statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type' || !need.isModule(String(statement.source.value))) continue;
      found = statement.specifiers.find(
        (specifier): specifier is TSESTree.ImportSpecifier =>
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.importKind !== 'type' &&
          importedName(specifier) === need.imported,
      );
    }
    this.hookImports.set(need.handle, found);
    return found;
  }

  /** Every name a binding added at the top of `fn` could clash with: visible there, declared inside, or a global used inside. */
  private namesAround(fn: HostFunction): Set<string> {
    let names = this.takenNames.get(fn);
    if (names) return names;
    names = new Set<string>();
    const own = this.input.scopeManager.acquire(fn);
    for (let scope: Scope.Scope | null = own; scope; scope = scope.upper) for (const name of scope.set.keys()) names.add(name);
    const stack = own ? [...own.childScopes] : [];
    while (stack.length > 0) {
      const scope = stack.pop()!;
      for (const name of scope.set.keys()) names.add(name);
      stack.push(...scope.childScopes);
    }
    for (const reference of own?.through ?? []) names.add(reference.identifier.name);
    this.takenNames.set(fn, names);
    return names;
  }

  /** Names the file uses without declaring them (globals): an added import or binding must not capture them. */
  private unresolved(): Set<string> {
    this.unresolvedNames ??= new Set(this.input.scopeManager.globalScope?.through.map((reference) => reference.identifier.name) ?? []);
    return this.unresolvedNames;
  }

  /** Without a `client` setting: the imported client whose `.useUtils()` the file itself calls, if any. */
  private clientOfFile(): { module: string; name: string } | undefined {
    if (this.fileClient === undefined) {
      const classic = clientUsesIn(this.input.ast, this.input.scopeManager).find((use) => use.kind === 'classic');
      this.fileClient = classic?.kind === 'classic' ? { module: classic.module, name: classic.name } : null;
    }
    return this.fileClient ?? undefined;
  }

  /** One insertion per function: the added hook calls at the top of its body, after any directives. */
  private hookEdits(hooks: readonly AddedHook[]): TextEdit[] {
    const byFunction = new Map<HostFunction, AddedHook[]>();
    for (const hook of hooks) byFunction.set(hook.fn, [...(byFunction.get(hook.fn) ?? []), hook]);
    const edits: TextEdit[] = [];
    for (const [fn, list] of byFunction) {
      const statements = fn.body.body;
      let index = 0;
      while (index < statements.length && statements[index]!.type === AST_NODE_TYPES.ExpressionStatement && (statements[index] as TSESTree.ExpressionStatement).directive !== undefined) index++;
      const after = index > 0 ? statements[index - 1]!.range[1] : fn.body.range[0] + 1;
      let anchor = statements[index]?.range[0] ?? fn.body.range[1] - 1;
      // Comments that lead the first statement stay with it; one that ends the line of `{` or a directive is not one.
      const comments = this.input.ast.comments ?? [];
      const afterLine = this.line(after);
      for (let at = firstCommentFrom(comments, after); at < comments.length && comments[at]!.range[1] <= anchor; at++) {
        if (this.line(comments[at]!.range[0]) === afterLine) continue;
        anchor = comments[at]!.range[0];
        break;
      }
      const lineStart = this.lineStarts[this.line(anchor) - 1]!;
      const indent = this.text.slice(lineStart, anchor);
      const texts = list.map((hook) => hook.statement);
      if (lineStart >= after && /^[ \t]*$/.test(indent) && index < statements.length) {
        edits.push({ range: [lineStart, lineStart], text: texts.map((text) => indent + text + this.eol).join('') });
      } else {
        edits.push({ range: [anchor, anchor], text: `${texts.join(' ')} ` });
      }
    }
    return edits;
  }

  /**
   * Adds an added hook's binding to the dependency list of each hook callback (`useCallback`,
   * `useEffect`...) between the sync and the component, as the list must name what the callback uses.
   */
  private dependencyEdits(runs: readonly { run: Run; hooks: AddedHook[] }[], cleanup: readonly TextEdit[]): TextEdit[] {
    const additions = new Map<TSESTree.ArrayExpression, Set<string>>();
    for (const { run, hooks } of runs) {
      for (const hook of hooks) {
        for (let current: Node | undefined = run.steps[0]!.site.node.parent; current && current !== hook.fn; current = current.parent) {
          const deps = isFunction(current) ? dependencyListOf(current) : undefined;
          if (!deps) continue;
          const names = additions.get(deps) ?? new Set<string>();
          names.add(hook.name);
          additions.set(deps, names);
        }
      }
    }
    const edits: TextEdit[] = [];
    for (const [deps, names] of additions) {
      const elements = deps.elements.filter((element): element is NonNullable<typeof element> => element !== null);
      const last = elements[elements.length - 1];
      const kept = elements.some((element) => !cleanup.some((edit) => edit.text === '' && edit.range[0] <= element.range[0] && element.range[1] <= edit.range[1]));
      const list = [...names].join(', ');
      if (!last) edits.push({ range: [deps.range[1] - 1, deps.range[1] - 1], text: list });
      else edits.push({ range: [last.range[1], last.range[1]], text: kept ? `, ${list}` : list });
    }
    return edits;
  }

  /** The name of the innermost variable visible at `node` that `test` accepts. */
  private bindingInScope(node: Node, test: (variable: Scope.Variable) => boolean): string | undefined {
    for (let scope: Scope.Scope | null = this.scopeAt(node); scope; scope = scope.upper) {
      const found = scope.variables.find(test);
      if (found) return found.name;
    }
    return undefined;
  }

  private scopeAt(node: Node): Scope.Scope | null {
    for (let current: Node | undefined = node; current; current = current.parent) {
      const scope = this.input.scopeManager.acquire(current);
      if (scope) return scope;
    }
    return null;
  }

  /** The identifier a key builder in the call's arguments hangs off: `trpc` in `trpc.x.y.queryKey(...)`, a path of `depth` segments. */
  private builderRoot(call: TSESTree.CallExpression, depth: number): string | undefined {
    let found: string | undefined;
    for (const argument of call.arguments) {
      walk(argument, this.input.visitorKeys, (node) => {
        if (found !== undefined || node.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || !keyBuilder(propertyName(callee))) return;
        let root = unwrap(callee.object);
        let segments = 0;
        for (; root.type === AST_NODE_TYPES.MemberExpression; segments++) root = unwrap(root.object);
        if (root.type === AST_NODE_TYPES.Identifier && segments === depth) found = root.name;
      });
    }
    return found;
  }

  /** True for `const x = hook()` where `hook` is imported under that name from the client module. */
  private callsImported(variable: Scope.Variable, hook: string): boolean {
    const def = variable.defs[0];
    if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    const init = def.node.init && unwrap(def.node.init);
    if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
    const callee = init.callee;
    const reference = referencesOf(this.input.scopeManager).get(callee);
    const importDef = reference?.defs[0];
    if (importDef?.type !== 'ImportBinding' || importDef.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
    return importedName(importDef.node) === hook && this.conventions.isClientModule(String((importDef.node.parent as TSESTree.ImportDeclaration).source.value));
  }

  private runEdit(run: Run, call: string): TextEdit {
    const first = run.steps[0]!.placement;
    if (first.type === 'expression') return { range: first.expression.range, text: first.prefix + call };
    const awaited = run.steps.some((step) => step.placement.type === 'statement' && step.placement.awaited);
    const fn = enclosingFunctionOf(first.statement);
    const canAwait = fn ? fn.async : this.input.ast.sourceType === 'module';
    const returned = run.steps.find((step) => step.placement.type === 'statement' && step.placement.returned)?.placement;
    const statement = returned
      ? `return ${returned.type === 'statement' && returned.awaited && canAwait ? 'await ' : ''}${call};`
      : `${awaited && canAwait ? 'await' : 'void'} ${call};`;
    const indent = this.indentOf(run.range[0]);
    // A comment trailing the run's last line belongs to the removed statements: it moves too.
    const allComments = this.input.ast.comments ?? [];
    const next = allComments[firstCommentFrom(allComments, run.range[1])];
    const trailing =
      next && /^[ \t]*$/.test(this.text.slice(run.range[1], next.range[0])) && !/[\r\n]/.test(this.text.slice(run.range[1], next.range[1])) ? next : undefined;
    const range: [number, number] = [run.range[0], trailing ? trailing.range[1] : run.range[1]];
    const comments: string[] = [];
    for (let index = firstCommentFrom(allComments, range[0]); index < allComments.length && allComments[index]!.range[1] <= range[1]; index++) {
      comments.push(this.text.slice(allComments[index]!.range[0], allComments[index]!.range[1]));
    }
    const text = [...comments, statement].join(this.eol + indent);
    return { range, text };
  }

  /** True when `name` at `node` resolves to something other than the helper import. */
  private nameTaken(name: string, node: Node): boolean {
    for (let current: Node | undefined = node; current; current = current.parent) {
      for (const scope of this.input.scopeManager.nodeToScope.get(current) ?? []) {
        const variable = scope.set.get(name);
        if (!variable) continue;
        const value = this.analysis.values?.valueOfVariable(variable);
        if (value?.type !== 'helperObject' && value?.type !== 'helperFunction') return true;
      }
    }
    return false;
  }

  private isNextToHelperCall(run: Run): boolean {
    const first = run.steps[0]!.placement;
    if (first.type !== 'statement') return false;
    const list = first.list;
    const startIndex = list.findIndex((statement) => statement.range[0] === run.range[0]);
    const endIndex = list.findIndex((statement) => statement.range[1] === run.range[1]);
    const neighbours = [list[startIndex - 1], list[endIndex + 1]].filter((statement): statement is TSESTree.Statement => !!statement);
    if (!this.helperHolders) {
      // Every node that holds a helper call: built once, so each run asks in constant time.
      this.helperHolders = new Set();
      for (const call of this.analysis.helperCalls) for (let current: Node | undefined = call.node; current; current = current.parent) this.helperHolders.add(current);
    }
    return neighbours.some((statement) => this.helperHolders!.has(statement));
  }

  private indentOf(offset: number): string {
    const lineStart = this.lineStarts[this.line(offset) - 1]!;
    const prefix = this.text.slice(lineStart, offset);
    return /^\s*$/.test(prefix) ? prefix : (/^\s*/.exec(prefix)?.[0] ?? '');
  }

  private quote(value: string): string {
    const quote = this.quoteChar();
    return `${quote}${value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
  }

  private quoteChar(): string {
    this.quoteCache ??= this.fileQuote();
    return this.quoteCache;
  }

  private fileQuote(): string {
    const firstImport = this.input.ast.body.find((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
    if (firstImport) return this.text[firstImport.source.range[0]] === '"' ? '"' : "'";
    const singles = this.text.split("'").length;
    const doubles = this.text.split('"').length;
    return doubles > singles ? '"' : "'";
  }

  private sourceLabel(node: Node): string {
    const stem = path.basename(this.options.filename).replace(/\.[^.]+$/, '');
    const names: string[] = [];
    for (let current: Node | undefined = node.parent; current; current = current.parent) {
      if (!isFunction(current)) continue;
      const name = functionName(current);
      if (name) names.unshift(name);
    }
    // The whole chain of named functions, so two callbacks in one component get different labels.
    return [stem, ...names.filter((name, index) => index > 0 || name !== stem)].join('.');
  }

  /** The name of a `useUtils()` binding visible at `node`. */
  private utilsInScope(node: Node): string | undefined {
    const values = this.analysis.values;
    if (!values) return undefined;
    for (let current: Node | undefined = node; current; current = current.parent) {
      const scope = this.input.scopeManager.acquire(current);
      if (!scope) continue;
      if (!this.utilsByScope.has(scope)) {
        const utils = scope.variables.find((variable) => {
          const value = values.valueOfVariable(variable);
          return value?.type === 'trpcUtils' && value.path.length === 0;
        });
        this.utilsByScope.set(scope, utils?.name);
      }
      const name = this.utilsByScope.get(scope);
      if (name) return name;
    }
    return undefined;
  }

  /**
   * Removes bindings, imports and hook dependencies that only the rewritten syncs used. A worklist
   * that counts, per binding, the references the removals cover: a binding goes when every reference
   * that counts (not its initialiser, not a hook dependency entry) is covered. Each reference is
   * counted once, so the work is linear in the references the removals cover, however many
   * references a module-level binding has elsewhere.
   */
  private cleanup(removedRanges: [number, number][], insertedTexts: string[]): TextEdit[] {
    const usedInNewCode = namesUsedIn(insertedTexts);
    const covered = new Set<TSESTree.Identifier>();
    const coveredCount = new Map<Scope.Variable, number>();
    const dropped = new Set<Node>();
    const deps: Node[] = [];
    const queue: Scope.Variable[] = [];
    const remove = (range: [number, number]) => {
      for (const reference of this.referencesIn(range)) {
        if (covered.has(reference.identifier)) continue;
        covered.add(reference.identifier);
        if (!reference.counts) continue;
        coveredCount.set(reference.variable, (coveredCount.get(reference.variable) ?? 0) + 1);
        queue.push(reference.variable);
      }
    };
    for (const range of removedRanges) remove(range);
    while (queue.length > 0) {
      const variable = queue.pop()!;
      const def = variable.defs[0];
      if (!def || variable.defs.length !== 1 || dropped.has(def.name) || usedInNewCode.has(variable.name)) continue;
      if (coveredCount.get(variable) !== this.countedReferences(variable)) continue;
      const removal = this.bindingRemoval(variable);
      if (!removal) continue;
      dropped.add(def.name);
      for (const reference of variable.references) if (!reference.init && isDependencyEntry(reference.identifier)) deps.push(reference.identifier);
      remove(removal.range);
      // A destructuring that lost every property goes whole (see removalEdits): so do the reads in its init.
      const pattern = def.name.parent?.parent;
      if (
        pattern?.type === AST_NODE_TYPES.ObjectPattern &&
        pattern.parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        pattern.parent.init &&
        isPureInit(pattern.parent.init, this.input, this.analysis) &&
        pattern.properties.every((item) => item.type === AST_NODE_TYPES.Property && dropped.has(item.value))
      ) {
        remove(pattern.parent.range);
      }
    }
    return this.removalEdits(dropped, deps);
  }

  /** How many references of a binding a removal must cover before the binding can go; once per binding. */
  private countedReferences(variable: Scope.Variable): number {
    let count = this.referenceCounts.get(variable);
    if (count === undefined) {
      count = variable.references.filter((reference) => !reference.init && !isDependencyEntry(reference.identifier)).length;
      this.referenceCounts.set(variable, count);
    }
    return count;
  }

  /** The references whose identifiers lie within `range`, by binary search over the file's references in source order. */
  private referencesIn(range: [number, number]): FileReference[] {
    if (!this.references) {
      const all: FileReference[] = [];
      for (const scope of this.input.scopeManager.scopes) {
        for (const reference of scope.references) {
          if (!reference.resolved) continue;
          const counts = !reference.init && !isDependencyEntry(reference.identifier);
          all.push({ identifier: reference.identifier as TSESTree.Identifier, variable: reference.resolved, counts });
        }
      }
      this.references = all.sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
    }
    const references = this.references;
    let low = 0;
    let high = references.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (references[mid]!.identifier.range[0] < range[0]) low = mid + 1;
      else high = mid;
    }
    const found: FileReference[] = [];
    for (let index = low; index < references.length && references[index]!.identifier.range[1] <= range[1]; index++) found.push(references[index]!);
    return found;
  }

  /** What removing a binding takes away: its specifier, declarator or destructured property. */
  private bindingRemoval(variable: Scope.Variable): { range: [number, number] } | undefined {
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') return { range: def.node.range };
    if (def.type !== 'Variable' || !def.node.init) return undefined;
    const declarator = def.node;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return isPureInit(declarator.init!, this.input, this.analysis) ? { range: declarator.range } : undefined;
    }
    const propertyNode = def.name.parent;
    if (propertyNode?.type === AST_NODE_TYPES.Property && propertyNode.parent === declarator.id) return { range: propertyNode.range };
    return undefined;
  }

  private removalEdits(dropped: Set<Node>, deps: Node[]): TextEdit[] {
    const edits: TextEdit[] = [];
    const lists = new Map<Node, Set<Node>>();
    const mark = (owner: Node, item: Node) => {
      const set = lists.get(owner) ?? new Set<Node>();
      set.add(item);
      lists.set(owner, set);
    };
    for (const name of dropped) {
      const holder = name.parent!;
      if (holder.type === AST_NODE_TYPES.ImportSpecifier || holder.type === AST_NODE_TYPES.ImportDefaultSpecifier || holder.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
        mark(holder.parent, holder);
      } else if (holder.type === AST_NODE_TYPES.VariableDeclarator) {
        mark(holder.parent, holder);
      } else if (holder.type === AST_NODE_TYPES.Property) {
        mark(holder.parent, holder);
      }
    }
    for (const dep of deps) mark(dep.parent!, dep);
    // A pattern that lost every property takes its declarator with it.
    for (const [owner, items] of [...lists]) {
      if (owner.type !== AST_NODE_TYPES.ObjectPattern || items.size !== owner.properties.length) continue;
      lists.delete(owner);
      const declarator = owner.parent as TSESTree.VariableDeclarator;
      if (isPureInit(declarator.init!, this.input, this.analysis)) {
        mark(declarator.parent, declarator);
      } else {
        // Keep the call (a query hook still subscribes); drop only the destructuring.
        edits.push({ range: [owner.parent!.parent!.range[0], declarator.init!.range[0]], text: '' });
      }
    }
    for (const [owner, items] of lists) {
      const all = listItems(owner);
      if (items.size === all.length && (owner.type === AST_NODE_TYPES.ImportDeclaration || owner.type === AST_NODE_TYPES.VariableDeclaration)) {
        edits.push(this.removeStatement(owner));
      } else {
        edits.push(...this.removeListItems(all, items, owner));
      }
    }
    return edits;
  }

  private removeStatement(statement: Node): TextEdit {
    let [start, end] = statement.range;
    const lineStart = this.lineStarts[this.line(start) - 1]!;
    const rest = /^[ \t]*(\r\n|\r|\n|$)?/.exec(this.text.slice(end))!;
    // A comment after the statement on its line stays, at its indentation: only the code goes.
    if (rest[1] === undefined) return { range: [start, end + rest[0].length], text: '' };
    if (/^[ \t]*$/.test(this.text.slice(lineStart, start))) start = lineStart;
    end += rest[0].length;
    return { range: [start, end], text: '' };
  }

  private removeListItems(all: Node[], items: Set<Node>, owner: Node): TextEdit[] {
    const edits: TextEdit[] = [];
    let index = 0;
    while (index < all.length) {
      if (!items.has(all[index]!)) {
        index++;
        continue;
      }
      let last = index;
      while (last + 1 < all.length && items.has(all[last + 1]!)) last++;
      if (last + 1 < all.length) {
        edits.push({ range: [all[index]!.range[0], all[last + 1]!.range[0]], text: '' });
      } else if (index > 0) {
        edits.push({ range: [all[index - 1]!.range[1], all[last]!.range[1]], text: '' });
      } else if (owner.type === AST_NODE_TYPES.ImportDeclaration) {
        edits.push({ range: [owner.range[0], owner.range[1]], text: '' });
      } else {
        edits.push({ range: [all[index]!.range[0], all[last]!.range[1]], text: '' });
      }
      index = last + 1;
    }
    return edits;
  }

  private importEdits(rewrites: PlannedRewrite[], edits: TextEdit[], hooks: readonly AddedHook[]): TextEdit[] {
    const { helper } = this.conventions.settings;
    const names = helper.object !== null ? [helper.object] : [...new Set(rewrites.map((rewrite) => helper.functions[rewrite.kind]))];
    const imports = this.input.ast.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration);
    const isGone = (node: Node) => edits.some((edit) => edit.text === '' && edit.range[0] <= node.range[0] && node.range[1] <= edit.range[1]);
    const fromHelper = imports.filter((declaration) => this.conventions.isHelperModule(String(declaration.source.value)) && !isGone(declaration));
    const result: TextEdit[] = [];
    const valueNames = new Set<string>();
    for (const declaration of fromHelper) {
      for (const specifier of declaration.specifiers) {
        if (!names.includes(specifier.local.name)) continue;
        const typeOnly = declaration.importKind === 'type' || (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type');
        if (!typeOnly) {
          valueNames.add(specifier.local.name);
        } else if (declaration.importKind === 'type') {
          // `import type { x }`: the value import below replaces it, as a value serves as a type too.
          const others = declaration.specifiers.filter((other) => other !== specifier);
          if (others.length === 0) result.push(this.removeStatement(declaration));
          else result.push(...this.removeListItems(declaration.specifiers, new Set([specifier]), declaration));
        } else {
          // `import { type x }`: drop the modifier.
          result.push({ range: [specifier.range[0], (specifier as TSESTree.ImportSpecifier).imported.range[0]], text: '' });
          valueNames.add(specifier.local.name);
        }
      }
    }
    const statements: string[] = [];
    // The hooks' imports first: added to an import of the module the file has, else new.
    const hookImports = new Map<string, Set<string>>();
    for (const hook of hooks) if (hook.import) hookImports.set(hook.import.module, (hookImports.get(hook.import.module) ?? new Set()).add(hook.import.name));
    const client = this.conventions.settings.client;
    for (const [module, moduleNames] of hookImports) {
      const sameModule = (source: string) => source === module || (client?.module === module && this.conventions.isClientModule(source));
      this.addNamedImport(imports.filter((declaration) => sameModule(String(declaration.source.value)) && !isGone(declaration)), [...moduleNames], module, result, statements);
    }
    const missing = names.filter((name) => !valueNames.has(name));
    if (missing.length > 0) this.addNamedImport(fromHelper, missing, helper.module, result, statements);
    if (statements.length === 0) return result;
    const statement = statements.join(this.eol);
    // Only the leading import block: an import further down (after code) is no place for it.
    const leading = this.leadingImports();
    const kept = leading.filter((declaration) => !isGone(declaration) && !result.some((edit) => edit.text === '' && edit.range[0] <= declaration.range[0] && declaration.range[1] <= edit.range[1]));
    const anchor = kept[kept.length - 1];
    if (anchor) {
      // After a comment that ends the anchor's line: `import x from 'y'; // why` keeps its comment.
      const offset = this.afterTrailingComments(anchor.range[1]);
      result.push({ range: [offset, offset], text: this.eol + statement });
    } else if (leading.length > 0) {
      result.push({ range: [leading[0]!.range[0], leading[0]!.range[0]], text: statement + this.eol });
    } else {
      result.push(this.topInsertion(statement));
    }
    return result;
  }


  /** Appends `names` to a value import of `declarations`, else adds a new import statement of `module` to `statements`. */
  private addNamedImport(declarations: TSESTree.ImportDeclaration[], names: string[], module: string, result: TextEdit[], statements: string[]): void {
    const existing = declarations.find(
      (declaration) =>
        declaration.importKind !== 'type' &&
        declaration.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier) &&
        !result.some((edit) => edit.range[0] <= declaration.range[0] && declaration.range[1] <= edit.range[1]),
    );
    if (existing) {
      const lastSpecifier = existing.specifiers[existing.specifiers.length - 1]!;
      result.push({ range: [lastSpecifier.range[1], lastSpecifier.range[1]], text: `, ${names.join(', ')}` });
    } else {
      statements.push(`import { ${names.join(', ')} } from ${this.quote(module)};`);
    }
  }

  /** The imports that open the file, after its directives, up to the first other statement. */
  private leadingImports(): TSESTree.ImportDeclaration[] {
    const leading: TSESTree.ImportDeclaration[] = [];
    for (const node of this.input.ast.body) {
      if (node.type === AST_NODE_TYPES.ImportDeclaration) leading.push(node);
      else if (leading.length > 0 || !(node.type === AST_NODE_TYPES.ExpressionStatement && node.directive !== undefined)) break;
    }
    return leading;
  }

  private afterTrailingComments(offset: number): number {
    let end = offset;
    for (const comment of this.input.ast.comments ?? []) {
      if (comment.range[0] < end) continue;
      const gap = this.text.slice(end, comment.range[0]);
      if (!/^[ \t]*$/.test(gap) || /[\r\n]/.test(this.text.slice(comment.range[0], comment.range[1]))) break;
      end = comment.range[1];
    }
    return end;
  }

  /** After any directives ('use client') and the header comment, before the code. */
  private topInsertion(statement: string): TextEdit {
    let offset = 0;
    const body = this.input.ast.body;
    for (const node of body) {
      if (node.type === AST_NODE_TYPES.ExpressionStatement && node.directive !== undefined) offset = node.range[1];
      else break;
    }
    const firstCode = body.find((node) => node.range[1] > offset);
    const limit = firstCode ? firstCode.range[0] : this.text.length;
    for (const comment of this.input.ast.comments ?? []) {
      if (comment.range[0] >= offset && comment.range[1] <= limit) offset = comment.range[1];
    }
    if (offset === 0) return { range: [0, 0], text: statement + this.eol + (body.length > 0 ? this.eol : '') };
    return { range: [offset, offset], text: this.eol + this.eol + statement };
  }
}

function isBracelessBody(statement: TSESTree.ExpressionStatement): boolean {
  const holder = statement.parent;
  switch (holder.type) {
    case AST_NODE_TYPES.IfStatement:
      return holder.consequent === statement || holder.alternate === statement;
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return holder.body === statement;
    default:
      return false;
  }
}

function projectProperty(object: TSESTree.ObjectExpression, key: string): Node | undefined {
  for (const item of object.properties) {
    if (item.type !== AST_NODE_TYPES.Property || item.computed) continue;
    if (item.key.type === AST_NODE_TYPES.Identifier && item.key.name === key) return item.value;
  }
  return undefined;
}

function memberRoot(node: Node): Node | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

function isIdentityFunction(node: Node): boolean {
  const fn = unwrap(node);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression || fn.params.length !== 1) return false;
  const param = fn.params[0]!;
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  let body: Node = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    if (only?.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return false;
    body = only.argument;
  }
  const result = unwrap(body);
  return result.type === AST_NODE_TYPES.Identifier && result.name === param.name;
}

/** Declarations the rewrite may drop without losing an effect: store and tRPC-utils reads, and a binding's read (`= pages`). */
function isPureInit(init: Node, input: AnalysisInput, analysis: FileAnalysis): boolean {
  const bare = unwrap(init);
  // Only a declared binding: reading an undeclared global can throw, and that effect would be lost.
  if (bare.type === AST_NODE_TYPES.Identifier && referencesOf(input.scopeManager).get(bare)) return true;
  const value = analysis.values?.evaluate(init);
  if (!value) return false;
  return ['storeState', 'stateSlice', 'storeAction', 'storeHook', 'storeMethod', 'trpcUtils', 'queryClient', 'helperObject', 'helperFunction'].includes(value.type);
}

/** The dependency list of a hook (`useCallback(fn, [a, b])`) whose callback is `fn`. */
function dependencyListOf(fn: FunctionNode): TSESTree.ArrayExpression | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn || call.arguments.length < 2) return undefined;
  const deps = call.arguments[call.arguments.length - 1]!;
  if (deps.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  return name !== undefined && HOOKS_WITH_DEPS.has(name) ? deps : undefined;
}

function isDependencyEntry(identifier: Node): boolean {
  const array = identifier.parent;
  if (array?.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const call = array.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[call.arguments.length - 1] !== array) return false;
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  return name !== undefined && HOOKS_WITH_DEPS.has(name);
}

function listItems(owner: Node): Node[] {
  switch (owner.type) {
    case AST_NODE_TYPES.ImportDeclaration:
      return owner.specifiers;
    case AST_NODE_TYPES.VariableDeclaration:
      return owner.declarations;
    case AST_NODE_TYPES.ObjectPattern:
      return owner.properties;
    case AST_NODE_TYPES.ArrayExpression:
      return owner.elements.filter((element): element is NonNullable<typeof element> => element !== null);
    default:
      return [];
  }
}

function enclosingFunctionOf(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const holder = parent.parent;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
  }
  return undefined;
}

function property(key: string, value: string): string {
  return value === key ? key : `${key}: ${value}`;
}

function normalize(code: string): string {
  return code.replace(/\s+/g, '');
}

/** The names that code refers to in `texts`: identifiers not preceded by a `.`. */
function namesUsedIn(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) names.add(match[0]);
  return names;
}

