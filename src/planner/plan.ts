import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { exportedFunction, type AnalysisInput, type FileAnalysis, type SyncSite } from '../analysis';
import { findOptimisticUpdates, optimisticNodes, PLACE_WORDS } from '../analysis/optimistic';
import { contains, isFunction, referencesOf, statementList, unreachable, unwrap, type FunctionNode, type Node } from '../analysis/ast';
import type { SyncKind } from '../conventions';
import { EFFECT_WORDS } from '../tables/cache-methods';
import { HELPER_SIGNATURES, type HelperParameterName } from '../tables/helper-signatures';

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
  suggestion(): TextEdit[];
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
  private readonly text: string;
  private readonly eol: string;
  private readonly conventions: AnalysisInput['conventions'];
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly input: AnalysisInput,
    private readonly analysis: FileAnalysis,
    private readonly options: PlanOptions,
  ) {
    this.text = input.text;
    // The file's own line ending, CR-only (classic Mac) included.
    this.eol = this.text.includes('\r\n') ? '\r\n' : /\r(?!\n)/.test(this.text) && !this.text.includes('\n') ? '\r' : '\n';
    this.conventions = input.conventions;
    for (let i = 0; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === '\n' || (char === '\r' && this.text[i + 1] !== '\n')) this.lineStarts.push(i + 1);
    }
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
      const rewrite: PlannedRewrite = {
        line: this.line(run.range[0]),
        offset: run.range[0],
        kind: outcome.kind,
        helper: outcome.helper,
        sites: run.steps.map((step) => step.site),
        suggestion: () => {
          const own = [outcome.edit, ...this.cleanup([outcome.edit.range], [outcome.edit.text])];
          return [...own, ...this.importEdits([rewrite], own)];
        },
      };
      rewrites.push(rewrite);
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
    if (rewrites.length > 0) {
      edits.push(...this.cleanup(removed, inserted));
      edits.push(...this.importEdits(rewrites, edits));
    }
    rewrites.sort((a, b) => a.line - b.line);
    reviews.sort((a, b) => a.line - b.line);
    return { edits, rewrites, reviews };
  }

  private line(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
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

  private planRun(run: Run): { problem: string } | { edit: TextEdit; kind: SyncKind; helper: string } {
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
    if (typeof args !== 'string') return args;
    const call = `${helper}(${args})`;

    const edit = this.runEdit(run, call);
    return { edit, kind, helper };
  }

  private helperArguments(kind: SyncKind, project: string, sceneStep: Step | undefined, run: Run): string | { problem: string } {
    const values: Record<HelperParameterName, string | undefined> = {
      projectId: project,
      sceneId: sceneStep?.sceneId && this.source(sceneStep.sceneId),
      scene: sceneStep?.scene && this.source(sceneStep.scene),
    };
    const { parameters } = HELPER_SIGNATURES[kind];
    const missing = parameters.find((parameter) => values[parameter.name] === undefined);
    if (missing) return { problem: `cannot tell the ${missing.name} that the ${kind} helper needs` };
    if (this.conventions.settings.helper.style === 'positional') return parameters.map((parameter) => values[parameter.name]).join(', ');
    const handles = this.cacheHandles(run);
    if ('problem' in handles) return handles;
    const [first, ...rest] = parameters.map((parameter) => property(parameter.name, values[parameter.name]!));
    const properties = [first!, ...handles.properties, ...rest];
    properties.push(`source: ${this.quote(this.sourceLabel(run.steps[0]!.site.node))}`);
    return `{ ${properties.join(', ')} }`;
  }

  /** What the object-style helper refreshes the cache through: `utils`, or `queryClient` and `trpc` for a TanStack-native client. */
  private cacheHandles(run: Run): { properties: string[] } | { problem: string } {
    const node = run.steps[0]!.site.node;
    const client = this.conventions.settings.client;
    if (client?.kind === 'tanstack') {
      const queryClient = this.bindingInScope(node, (variable) => this.analysis.values?.valueOfVariable(variable)?.type === 'queryClient');
      const trpc = this.bindingInScope(node, (variable) => this.callsImported(variable, client.hook, client.module));
      if (!queryClient || !trpc) return { problem: `no ${!queryClient ? 'queryClient (useQueryClient())' : `trpc (${client.hook}())`} in scope to hand to the object-style helper` };
      return { properties: [property('queryClient', queryClient), property('trpc', trpc)] };
    }
    const utils = run.steps.find((step) => step.utils)?.utils ?? this.utilsInScope(node);
    if (!utils) return { problem: 'no tRPC utils (useUtils()) in scope to hand to the object-style helper' };
    return { properties: [property('utils', utils)] };
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

  /** True for `const x = hook()` where `hook` is imported under that name from `module`. */
  private callsImported(variable: Scope.Variable, hook: string, module: string): boolean {
    const def = variable.defs[0];
    if (def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
    const init = def.node.init && unwrap(def.node.init);
    if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return false;
    const callee = init.callee;
    const reference = referencesOf(this.input.scopeManager).get(callee);
    const importDef = reference?.defs[0];
    if (importDef?.type !== 'ImportBinding' || importDef.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
    const imported = importDef.node.imported;
    const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
    return name === hook && String((importDef.node.parent as TSESTree.ImportDeclaration).source.value) === module;
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
        isPureInit(pattern.parent.init, this.analysis) &&
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
      return isPureInit(declarator.init!, this.analysis) ? { range: declarator.range } : undefined;
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
      if (isPureInit(declarator.init!, this.analysis)) {
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

  private importEdits(rewrites: PlannedRewrite[], edits: TextEdit[]): TextEdit[] {
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
    const missing = names.filter((name) => !valueNames.has(name));
    if (missing.length === 0) return result;
    const existing = fromHelper.find(
      (declaration) =>
        declaration.importKind !== 'type' &&
        declaration.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier) &&
        !result.some((edit) => edit.range[0] <= declaration.range[0] && declaration.range[1] <= edit.range[1]),
    );
    if (existing) {
      const lastSpecifier = existing.specifiers[existing.specifiers.length - 1]!;
      result.push({ range: [lastSpecifier.range[1], lastSpecifier.range[1]], text: `, ${missing.join(', ')}` });
      return result;
    }
    const statement = `import { ${missing.join(', ')} } from ${this.quote(helper.module)};`;
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

/** Declarations the rewrite may drop without losing an effect: store and tRPC-utils reads. */
function isPureInit(init: Node, analysis: FileAnalysis): boolean {
  const value = analysis.values?.evaluate(init);
  if (!value) return false;
  return ['storeState', 'stateSlice', 'storeAction', 'storeHook', 'storeMethod', 'trpcUtils', 'queryClient', 'helperObject', 'helperFunction'].includes(value.type);
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

/** The index of the first comment (comments are in source order) that starts at or after `offset`. */
function firstCommentFrom(comments: readonly TSESTree.Comment[], offset: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comments[mid]!.range[0] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The names that code refers to in `texts`: identifiers not preceded by a `.`. */
function namesUsedIn(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) names.add(match[0]);
  return names;
}

