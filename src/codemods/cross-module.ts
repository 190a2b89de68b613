import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { exportedFunction } from '../analysis';
import { enclosingFunction, type FunctionNode, type Node } from '../analysis/ast';
import { moduleScope, readExports } from '../analysis/modules/exports';
import { analyzeModule } from '../analysis/modules/summary';
import type { Conventions } from '../conventions';

/** What the repository pass found about functions that sync by hand, by real file path and export name. */
export interface CrossModulePlan {
  /** Functions every call of which runs in a success path: their syncs are rewritten where they are. */
  success: Record<string, Record<string, { restore: boolean }>>;
  /** Functions called in a success path and somewhere else too: why their syncs are left for review. */
  review: Record<string, Record<string, string>>;
}

/** One use of a function: in a success path, inside another exported function, or anywhere else (`where`). */
type Use = { type: 'region'; restore: boolean } | { type: 'inside'; key: string } | { type: 'other'; where: string };

/** An exported function that syncs by hand, or is used by one that does, and where it is used. */
export interface RepositoryEntry {
  file: string;
  name: string;
  /** The function's own body (or a local function it calls) holds a hand-written sync. */
  ownSync: boolean;
  uses: Use[];
}
type Entry = RepositoryEntry;

/** A module's text, tree and whole analysis (every call looked up), as the repository pass reads it. */
type AnalysedModule = NonNullable<ReturnType<typeof analyzeModule>>;

/** What the codemod's workers already found, file by file, in the pass that also rewrites. */
export interface RepositorySeed {
  /** Files analysed there (or failed there): not read again. */
  read: Iterable<string>;
  /** Their entries, in file order. */
  entries: Iterable<RepositoryEntry>;
}

const key = (file: string, name: string) => `${file}\u0000${name}`;

/**
 * Decides, for each exported function that syncs by hand, whether all of its calls in the repository
 * sit in success paths (directly or through other such functions). Reads the files that may hold a
 * sync first (unless `seed` says they were read), then only the files that name a function found
 * so far, until no new one turns up.
 */
export function planRepository(files: readonly string[], conventions: Conventions, cwd: string, seed?: RepositorySeed): CrossModulePlan {
  const entries = new Map<string, Entry>();
  const entry = (file: string, name: string) => {
    const id = key(file, name);
    let found = entries.get(id);
    if (!found) entries.set(id, (found = { file, name, ownSync: false, uses: [] }));
    return found;
  };
  const read = new Set<string>(seed?.read ?? []);
  for (const seeded of seed?.entries ?? []) {
    const found = entry(seeded.file, seeded.name);
    found.ownSync ||= seeded.ownSync;
    found.uses.push(...seeded.uses);
  }
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, fs.readFileSync(file, 'utf8'));
    } catch {
      // Unreadable: the transform reports it; it holds no call this pass can see.
    }
  }
  const known = new Set<string>();
  let batch = [...texts.keys()].filter((file) => !read.has(file) && conventions.mightConcern(texts.get(file)!));
  for (;;) {
    for (const file of batch) {
      read.add(file);
      const real = realPath(file);
      const module = real && analyzeModule(real, conventions, cwd);
      if (real && module) collectUses(real, module, entry, cwd);
    }
    const names = [...new Set([...entries.values()].map(({ name }) => name))].filter((name) => !known.has(name));
    if (names.length === 0) break;
    names.forEach((name) => known.add(name));
    // A default export is imported under any name: then every file may call it.
    const mentions = names.includes('default') ? () => true : (text: string) => names.some((name) => text.includes(name));
    batch = [...texts.keys()].filter((file) => !read.has(file) && mentions(texts.get(file)!));
  }
  return decide(entries);
}

/** One file's entries, from the analysis a codemod worker made of it with every call looked up. */
export function repositoryEntries(file: string, module: AnalysedModule, cwd: string): RepositoryEntry[] {
  const real = realPath(file);
  if (!real) return [];
  const found = new Map<string, Entry>();
  collectUses(real, module, (entryFile, name) => {
    const id = key(entryFile, name);
    let existing = found.get(id);
    if (!existing) found.set(id, (existing = { file: entryFile, name, ownSync: false, uses: [] }));
    return existing;
  }, cwd);
  return [...found.values()];
}

function collectUses(
  file: string,
  module: AnalysedModule,
  entry: (file: string, name: string) => Entry,
  cwd: string,
): void {
  const { ast, scopeManager, analysis } = module;
  const values = analysis.values;
  if (!values) return;
  const exportsOf = new Map<FunctionNode, string>();
  const syncing = new Map<string, FunctionNode>();
  for (const [name, target] of readExports(ast).targets) {
    if (target.type === 'from') continue;
    const fn = exportedFunction(ast, scopeManager, values, name);
    if (!fn) continue;
    exportsOf.set(fn, key(file, name));
    const hand = analysis.syncsIn(fn).hand;
    if (!hand) continue;
    const found = entry(file, name);
    found.ownSync ||= hand.file === file;
    if (target.type === 'local') syncing.set(target.name, fn);
  }
  const where = (node: Node) => `${path.relative(cwd, file).replace(/\\/g, '/')}:${node.loc.start.line}`;
  const useAt = (call: Node): Use => {
    const regions = analysis.regionsOf(call);
    if (regions.length > 0) return { type: 'region', restore: regions.some((region) => region.restore) };
    // Straight in the body of an exported function (`afterSave` relaying to `syncAfterRename`): it runs where that one runs.
    const holder = enclosingFunction(call);
    const id = holder && exportsOf.get(holder);
    return id ? { type: 'inside', key: id } : { type: 'other', where: where(call) };
  };
  for (const { node, summary } of analysis.crossCalls) {
    if (summary.handSync) entry(summary.file, summary.name).uses.push(useAt(node));
  }
  for (const variable of moduleScope(scopeManager)?.variables ?? []) {
    const def = variable.defs[0];
    if (!def) continue;
    if (def.type === 'ImportBinding') {
      // Imported sync functions used as values (`onSuccess: syncAfterRename`) run where this file cannot say.
      const value = values.valueOfVariable(variable);
      const summary = value?.type === 'importedBinding' ? values.functionSummary(value) : undefined;
      if (!summary?.handSync) continue;
      for (const reference of variable.references) {
        if (!isCallee(reference.identifier)) entry(summary.file, summary.name).uses.push({ type: 'other', where: where(reference.identifier) });
      }
      continue;
    }
    const fn = syncing.get(variable.name);
    if (!fn) continue;
    const own = exportsOf.get(fn)!;
    for (const reference of variable.references) {
      if (reference.init || reference.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier) continue;
      const use = isCallee(reference.identifier) ? useAt(reference.identifier.parent!) : ({ type: 'other', where: where(reference.identifier) } as const);
      const [ownFile, ownName] = own.split('\u0000') as [string, string];
      entry(ownFile, ownName).uses.push(use);
    }
  }
}

function isCallee(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier;
}

/** Every function starts as "only in success paths" and loses it with any other use, until nothing changes. */
function decide(entries: Map<string, Entry>): CrossModulePlan {
  const blame = new Map<string, string | undefined>();
  for (const [id, { name, uses }] of entries) blame.set(id, uses.length === 0 ? `${name} is called nowhere` : undefined);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, { uses }] of entries) {
      if (blame.get(id) !== undefined) continue;
      for (const use of uses) {
        const reason = use.type === 'other' ? use.where : use.type === 'inside' && use.key !== id ? blame.get(use.key) ?? (entries.has(use.key) ? undefined : 'unknown') : undefined;
        if (reason === undefined) continue;
        blame.set(id, reason);
        changed = true;
        break;
      }
    }
  }
  const reaches = (id: string): { region: boolean; restore: boolean } => {
    const result = { region: false, restore: false };
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const use of entries.get(current)?.uses ?? []) {
        if (use.type === 'region') {
          result.region = true;
          result.restore ||= use.restore;
        } else if (use.type === 'inside') {
          stack.push(use.key);
        }
      }
    }
    return result;
  };
  const plan: CrossModulePlan = { success: {}, review: {} };
  for (const [id, { file, name, ownSync }] of entries) {
    if (!ownSync) continue;
    const { region, restore } = reaches(id);
    if (!region) continue;
    const reason = blame.get(id);
    if (reason === undefined) {
      (plan.success[file] ??= {})[name] = { restore };
    } else {
      (plan.review[file] ??= {})[name] = `${name}(...) syncs by hand and runs after mutations, but is also called outside a success path (${reason}); rewrite its sync by hand`;
    }
  }
  return plan;
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The plan's facts about one file, as the analysis and the planner take them. */
export function planFor(plan: CrossModulePlan | undefined, file: string): { success: Map<string, { restore: boolean }>; review: Map<string, string> } | undefined {
  if (!plan) return undefined;
  const real = realPath(file) ?? path.resolve(file);
  const success = plan.success[real];
  const review = plan.review[real];
  if (!success && !review) return undefined;
  return { success: new Map(Object.entries(success ?? {})), review: new Map(Object.entries(review ?? {})) };
}
