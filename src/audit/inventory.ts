import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { analyzeFile, type AnalysisInput, type CrossModuleCall, type FileAnalysis, type HandOff, type HelperCall, type SuccessRegion, type SyncSite } from '../analysis';
import { codeExcerpt, enclosingFunction, isFunction, objectKeyName, type Node } from '../analysis/ast';
import { runsAfter } from '../analysis/flow';
import { findOptimisticUpdates, optimisticNodes } from '../analysis/optimistic';
import type { MutationInfo } from '../analysis/values';
import { readSource } from '../codemods/scene-sync';
import type { Conventions } from '../conventions';

/** What a mutation's success path does, most dangerous first: the order rows are sorted in. */
export const VERDICTS = ['never', 'partly', 'optimistic', 'by-hand', 'handed-off', 'helper'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One line of code the audit points at: what it calls, as the sync vocabulary names it. */
export interface Step {
  name: string;
  line: number;
}

export interface Invocation {
  line: number;
  /** The named functions around the call, outermost first (`CodePanel > handleFormat`); empty at top level. */
  within: string[];
}

export interface MutationRow {
  procedure: string;
  file: string;
  line: number;
  verdict: Verdict;
  /** Calls of its `mutate`/`mutateAsync` in this file (the mutation call itself for a vanilla client). */
  invoked: Invocation[];
  helpers: Step[];
  store: Step[];
  cache: Step[];
  /** Writes of entity state before the server answered: in `onMutate`, or before the awaited call. */
  optimistic: Step[];
  /** Who the sync is left to, for `handed-off`. */
  handOff: { reason: HandOff['reason']; line: number; code: string } | undefined;
}

/** A server-event callback (`onSceneCreated`): the server changed the entity, the client syncs. */
export interface EventRow {
  event: string;
  file: string;
  line: number;
  helpers: Step[];
  store: Step[];
  cache: Step[];
}

export interface FileSummary {
  file: string;
  mutations: number;
  verdicts: Record<Verdict, number>;
  /** Hand-written store updates and cache calls after a change: what the lint rules report. */
  handWrittenSyncs: number;
}

/** A sequence of hand-written sync statements that more than one file repeats. */
export interface RepeatedRun {
  steps: string[];
  places: { file: string; line: number }[];
}

export interface Skipped {
  file: string;
  line: number | undefined;
  error: string;
}

export interface Inventory {
  /** What is synced, in the app's words (`scene`): the `entity` setting. */
  entity: string;
  filesScanned: number;
  rows: MutationRow[];
  events: EventRow[];
  files: FileSummary[];
  repeatedRuns: RepeatedRun[];
  skipped: Skipped[];
}

/** The longest run of sync statements compared: real success paths hold a handful. */
const MAX_RUN = 8;

/** The sync inventory of `files`, read with the same conventions and shared analysis as the rules and the codemod. Writes nothing. */
export function auditFiles(files: readonly string[], conventions: Conventions, cwd: string): Inventory {
  const rows: MutationRow[] = [];
  const events: EventRow[] = [];
  const summaries: FileSummary[] = [];
  const skipped: Skipped[] = [];
  const runs: FileRuns[] = [];
  for (const absolute of files) {
    const file = path.relative(cwd, absolute).split(path.sep).join('/');
    let input: AnalysisInput | undefined;
    try {
      input = readSource(fs.readFileSync(absolute, 'utf8'), absolute, conventions, cwd)?.input;
    } catch (error) {
      const line = (error as { lineNumber?: unknown }).lineNumber;
      skipped.push({ file, line: typeof line === 'number' ? line : undefined, error: (error as Error).message.split('\n')[0]! });
      continue;
    }
    if (!input) continue;
    const audit = new FileAudit(input, file);
    const fileRows = audit.rows();
    const handWritten = audit.handWrittenSyncs();
    rows.push(...fileRows);
    events.push(...audit.events());
    runs.push({ file, runs: audit.runs() });
    if (fileRows.length > 0 || handWritten > 0) {
      summaries.push({ file, mutations: fileRows.length, verdicts: countVerdicts(fileRows), handWrittenSyncs: handWritten });
    }
  }
  events.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  rows.sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || a.file.localeCompare(b.file) || a.line - b.line);
  summaries.sort((a, b) => a.file.localeCompare(b.file));
  return { entity: conventions.entity, filesScanned: files.length, rows, events, files: summaries, repeatedRuns: repeatedRuns(runs), skipped };
}

export function countVerdicts(rows: readonly MutationRow[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const row of rows) counts[row.verdict]++;
  return counts;
}

interface FileRuns {
  file: string;
  runs: { steps: string[]; lines: number[] }[];
}

class FileAudit {
  private readonly analysis: FileAnalysis;
  /** Store writes and cache writes by the function whose own code they are in, built on first use. */
  private writesByFunction: Map<Node, SyncSite[]> | undefined;
  /** The sites the sync rules judge (optimistic writes and their rollbacks are judged apart), with their success regions. */
  private readonly syncs: { site: SyncSite; regions: SuccessRegion[] }[];

  constructor(
    private readonly input: AnalysisInput,
    private readonly file: string,
  ) {
    this.analysis = analyzeFile(input);
    const owned = optimisticNodes(input);
    this.syncs = this.analysis.sites.filter((site) => !owned.has(site.node)).map((site) => ({ site, regions: this.analysis.regionsOf(site.node) }));
  }

  rows(): MutationRow[] {
    const optimistic = findOptimisticUpdates(this.input);
    // Bucketed once per file: each site and helper call goes to the mutations whose success path runs it.
    const sitesOf = bucket(this.syncs, (entry) => entry.regions, (entry) => entry.site);
    const helpersOf = bucket(this.analysis.helperCalls, (call) => this.analysis.regionsOf(call.node), (call: HelperCall) => call);
    const regionsOf = bucket(this.analysis.regions, (region) => [region], (region) => region);
    // A call of another module's function that syncs counts as the sync it does (by hand or through the helper).
    const callsOf = bucket(this.analysis.crossCalls, (call) => this.analysis.regionsOf(call.node), (call: CrossModuleCall) => call);
    const optimisticOf = new Map(optimistic.map((finding) => [finding.mutation, finding.writes]));
    // Scene mutations only: a TanStack mutation that runs no matched procedure (`fetch`) has no sync to audit.
    return this.analysis.mutations.filter((mutation) => mutation.procedure).map((mutation) => {
      const regions = regionsOf.get(mutation) ?? [];
      const syncs = sitesOf.get(mutation) ?? [];
      const calls = callsOf.get(mutation) ?? [];
      const handBy = (category: 'store' | 'cache') =>
        calls.filter(({ summary }) => summary.handSync?.category === category).map(({ node, summary }) => ({ name: `${summary.name} (${summary.handSync!.found})`, line: line(node) }));
      const store = [...syncs.filter((site) => site.category === 'store').map((site) => this.step(site)), ...handBy('store')];
      const cache = [...syncs.filter((site) => site.category === 'cache').map((site) => this.step(site)), ...handBy('cache')];
      const helpers = [
        ...(helpersOf.get(mutation) ?? []).map((call) => ({ name: this.code(call.node.callee), line: line(call.node) })),
        ...calls.filter(({ summary }) => !summary.handSync && summary.helper).map(({ node, summary }) => ({ name: summary.name, line: line(node) })),
      ];
      const writes = [
        ...(optimisticOf.get(mutation) ?? []).map((write) => ({ name: write.found, line: line(write.node) })),
        ...this.writesBeforeAwait(regions).map((site) => this.step(site)),
      ].sort((a, b) => a.line - b.line);
      const handOff = this.analysis.handOffOf(mutation);
      const verdict = verdictOf(store.length, cache.length, helpers.length, writes.length, handOff !== undefined);
      return {
        procedure: mutation.path.join('.'),
        file: this.file,
        line: line(mutation.reportNode),
        verdict,
        invoked: this.analysis.invocationsOf(mutation).map((call) => ({ line: line(call), within: namedContext(call) })),
        helpers,
        store,
        cache,
        optimistic: writes,
        handOff: verdict === 'handed-off' && handOff ? { reason: handOff.reason, line: line(handOff.node), code: this.code(handOff.node) } : undefined,
      };
    });
  }

  events(): EventRow[] {
    const byEvent = new Map<TSESTree.Property, { helpers: Step[]; store: Step[]; cache: Step[] }>();
    const entry = (event: TSESTree.Property) => {
      let found = byEvent.get(event);
      if (!found) byEvent.set(event, (found = { helpers: [], store: [], cache: [] }));
      return found;
    };
    for (const region of this.analysis.regions) if (region.type === 'callback' && region.serverEvent) entry(region.serverEvent);
    const eventsOf = (regions: SuccessRegion[]) => new Set(regions.map((region) => (region.type === 'callback' ? region.serverEvent : undefined)).filter((event) => event !== undefined));
    for (const { site, regions } of this.syncs) for (const event of eventsOf(regions)) entry(event)[site.category].push(this.step(site));
    for (const call of this.analysis.helperCalls) {
      for (const event of eventsOf(this.analysis.regionsOf(call.node))) entry(event).helpers.push({ name: this.code(call.node.callee), line: line(call.node) });
    }
    return [...byEvent].map(([event, steps]) => ({ event: objectKeyName(event) ?? this.code(event.key), file: this.file, line: line(event), ...steps }));
  }

  handWrittenSyncs(): number {
    const calls = this.analysis.crossCalls.filter(({ node, summary }) => summary.handSync && this.analysis.regionsOf(node).length > 0);
    return this.syncs.filter((entry) => entry.regions.length > 0).length + calls.length;
  }

  /** Each success region's hand-written syncs in source order, server events included. */
  runs(): { steps: string[]; lines: number[] }[] {
    const members = new Map<SuccessRegion, SyncSite[]>();
    for (const { site, regions } of this.syncs) {
      for (const region of regions) {
        const sites = members.get(region) ?? [];
        sites.push(site);
        members.set(region, sites);
      }
    }
    return [...members.values()].map((sites) => ({ steps: sites.map(runStep), lines: sites.map((site) => line(site.node)) }));
  }

  /**
   * Store writes and cache writes in the function that awaits the mutation, before the await. A write
   * in a success path (of an earlier mutation: `await a(); updateScene(); await b()`) is that one's sync.
   */
  private writesBeforeAwait(regions: SuccessRegion[]): SyncSite[] {
    if (!this.writesByFunction) {
      this.writesByFunction = new Map();
      for (const site of this.analysis.sites) {
        if ((site.category === 'cache' && site.effect !== 'write') || this.analysis.regionsOf(site.node).length > 0) continue;
        const scope = enclosingFunction(site.node) ?? this.input.ast;
        const list = this.writesByFunction.get(scope);
        if (list) list.push(site);
        else this.writesByFunction.set(scope, [site]);
      }
    }
    const writes = new Set<SyncSite>();
    for (const region of regions) {
      if (region.type !== 'after') continue;
      for (const site of this.writesByFunction.get(region.scope) ?? []) {
        if (site.node.range[1] <= region.event.range[0] && runsAfter(site.node, region.event, region.scope)) writes.add(site);
      }
    }
    return [...writes];
  }

  private step(site: SyncSite): Step {
    return { name: site.category === 'store' ? storeStep(site) : cacheStep(site), line: line(site.node) };
  }

  private code(node: Node): string {
    return codeExcerpt(this.input.text, node);
  }
}

/** Items grouped by the mutations of the regions they are in, each item once per mutation, in source order. */
function bucket<Item, Value>(items: readonly Item[], regionsOf: (item: Item) => SuccessRegion[], value: (item: Item) => Value): Map<MutationInfo, Value[]> {
  const byMutation = new Map<MutationInfo, Value[]>();
  for (const item of items) {
    for (const mutation of new Set(regionsOf(item).map((region) => region.mutation))) {
      if (!mutation) continue;
      const values = byMutation.get(mutation) ?? [];
      values.push(value(item));
      byMutation.set(mutation, values);
    }
  }
  return byMutation;
}

function verdictOf(store: number, cache: number, helpers: number, optimistic: number, handedOff: boolean): Verdict {
  if (optimistic > 0) return 'optimistic';
  if (store > 0 || cache > 0) return helpers === 0 && (store === 0 || cache === 0) ? 'partly' : 'by-hand';
  if (helpers > 0) return 'helper';
  return handedOff ? 'handed-off' : 'never';
}

function storeStep(site: Extract<SyncSite, { category: 'store' }>): string {
  if (site.form === 'write') return `${site.hook} state write`;
  return site.action ?? site.found;
}

/** A cache call named by what it addresses, not by the local names the code uses (`utils`, `trpc`). */
function cacheStep(site: Extract<SyncSite, { category: 'cache' }>): string {
  const target = site.path.length > 0 ? site.path.join('.') : 'every query';
  const call = site.form === 'queryClient' ? `${site.method}(${target})` : `${target}.${site.method}`;
  return site.scope === 'router' ? `router-wide ${call}` : call;
}

/**
 * A sync statement as runs compare it: the store action, or what a cache call does to which query
 * (`refresh generation.getProjectScenes`), whichever API and method the code used.
 */
function runStep(site: SyncSite): string {
  if (site.category === 'store') return `store ${storeStep(site)}`;
  return `cache ${site.effect} ${site.path.length > 0 ? site.path.join('.') : 'every query'}`;
}

function line(node: Node): number {
  return node.loc.start.line;
}

/** The names of the functions around `node`, outermost first: declarations, variables, properties, JSX handlers. */
function namedContext(node: Node): string[] {
  const names: string[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name) names.unshift(name);
  }
  return names;
}

function functionName(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression): string | undefined {
  if (fn.id) return fn.id.name;
  let holder: Node = fn;
  // `const save = useCallback(async () => ...)`: the hook call's variable names the function.
  if (holder.parent?.type === AST_NODE_TYPES.CallExpression && holder.parent.arguments[0] === holder) holder = holder.parent;
  const parent = holder.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === holder) return objectKeyName(parent);
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.JSXExpressionContainer && parent.parent.type === AST_NODE_TYPES.JSXAttribute) {
    const attribute = parent.parent.name;
    return attribute.type === AST_NODE_TYPES.JSXIdentifier ? attribute.name : undefined;
  }
  return undefined;
}

/**
 * Runs of consecutive sync statements (at least one store action and one cache call) that occur in
 * more than one file; a run is dropped when a longer one covers it in the same files.
 */
interface RunEntry {
  steps: string[];
  /** By `file:line`, so a run met through two regions (a local function called from both) counts once. */
  places: Map<string, { file: string; line: number }>;
}

function repeatedRuns(files: FileRuns[]): RepeatedRun[] {
  const byKey = new Map<string, RunEntry>();
  for (const { file, runs } of files) {
    for (const run of runs) {
      for (let start = 0; start < run.steps.length; start++) {
        for (let end = start + 2; end <= Math.min(run.steps.length, start + MAX_RUN); end++) {
          const steps = run.steps.slice(start, end);
          if (!steps.some((step) => step.startsWith('store ')) || !steps.some((step) => step.startsWith('cache '))) continue;
          const key = steps.join('\n');
          const entry = byKey.get(key) ?? { steps, places: new Map() };
          entry.places.set(`${file}:${run.lines[start]}`, { file, line: run.lines[start]! });
          byKey.set(key, entry);
        }
      }
    }
  }
  // Grouped by the files a run occurs in: only a run in the same files can cover another.
  const byFiles = new Map<string, RunEntry[]>();
  for (const entry of byKey.values()) {
    const files = [...new Set([...entry.places.values()].map((place) => place.file))].sort();
    if (files.length < 2) continue;
    const key = files.join('\n');
    const group = byFiles.get(key);
    if (group) group.push(entry);
    else byFiles.set(key, [entry]);
  }
  const kept = [...byFiles.values()].flatMap((group) =>
    group.filter((entry) => !group.some((other) => other.steps.length > entry.steps.length && containsRun(other.steps, entry.steps))),
  );
  return kept
    .map((entry) => ({
      steps: entry.steps.map((step) => step.slice(step.indexOf(' ') + 1)),
      places: [...entry.places.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    }))
    .sort((a, b) => b.places.length - a.places.length || b.steps.length - a.steps.length || a.steps.join().localeCompare(b.steps.join()));
}

function containsRun(outer: string[], inner: string[]): boolean {
  for (let start = 0; start + inner.length <= outer.length; start++) {
    if (inner.every((step, index) => outer[start + index] === step)) return true;
  }
  return false;
}
