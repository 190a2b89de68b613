import { ESLintUtils, type JSONSchema, type TSESTree } from '@typescript-eslint/utils';
import type { RuleContext, RuleListener } from '@typescript-eslint/utils/ts-eslint';
import { analyzeFile, mightHoldSites, siteGateKeywords, siteKeywords, type AnalysisInput, type FileAnalysis } from '../analysis';
import { claimCodeNodes, CODE_NODE_TYPES, collectCodeNode } from '../analysis/ast';
import { channelGateKeywords, mightHoldChannel } from '../analysis/event-bus';
import { mightUpdateSceneTable, tableGateKeywords } from '../analysis/revision-guard';
import { importLookupFor } from '../analysis/modules/summary';
import { createTypeOracle } from '../analysis/types';
import { getConventions, keywordTest, type Conventions } from '../conventions';
import { treeCheaperThanText, type TextTest } from './text-search';

export interface SceneSyncRuleDocs {
  /** Which shipped configs turn the rule on. */
  recommended?: boolean;
  strict?: boolean;
}

const REPO_URL = 'https://github.com/scene-sync/eslint-plugin-scene-sync';

const createNamedRule = ESLintUtils.RuleCreator<SceneSyncRuleDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

// Returned to ESLint for a file no rule can concern: shared, so that such a file costs no allocation.
const NO_LISTENERS: RuleListener = Object.freeze({});

/**
 * typescript-eslint's rule creator, with the text test first: a file that fails it gets no
 * closure. Most files of an app fail it. The options are merged with the defaults once per
 * distinct options, not per file: ESLint hands every file a fresh array, and typescript-eslint's
 * merge starts with a `structuredClone`.
 */
export const createRule: typeof createNamedRule = (rule) => {
  const created = createNamedRule(rule);
  type Options = Parameters<typeof rule.create>[1];
  const defaults = (rule.meta.defaultOptions ?? []) as Options;
  // A memo of a pure merge, not state between files: files are linted config by config, so the
  // last options seen are nearly always the ones asked for.
  let lastGiven: readonly unknown[] | undefined;
  let lastMerged: Options | undefined;
  const optionsOf = (options: readonly unknown[]): Options => {
    if (lastMerged === undefined || lastGiven === undefined || !sameJson(lastGiven, options)) {
      lastMerged = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, options as Options));
      lastGiven = structuredClone(options);
    }
    return lastMerged;
  };
  return { ...created, create: (context) => (textMayHold(context) ? rule.create(context, optionsOf(context.options)) : NO_LISTENERS) };
};

/** Deep equality of two JSON values (rule options), without recursion. */
function sameJson(left: unknown, right: unknown): boolean {
  const lefts = [left];
  const rights = [right];
  while (lefts.length > 0) {
    const a = lefts.pop();
    const b = rights.pop();
    if (a === b) continue;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
    let unmatched = 0;
    for (const key in a) {
      if (!Object.hasOwn(a, key)) continue;
      if (!Object.hasOwn(b, key)) return false;
      unmatched++;
      lefts.push((a as Record<string, unknown>)[key]);
      rights.push((b as Record<string, unknown>)[key]);
    }
    for (const key in b) if (Object.hasOwn(b, key)) unmatched--;
    if (unmatched !== 0) return false;
  }
  return true;
}

/** Options shared by every file must not be changed by one. */
function deepFreeze<Value>(value: Value): Value {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item !== 'object' || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const child of Object.values(item)) pending.push(child);
  }
  return value;
}

export type Mode = 'after-mutation' | 'everywhere';

export const modeSchema: JSONSchema.JSONSchema4ObjectSchema = {
  type: 'object',
  properties: {
    mode: {
      type: 'string',
      enum: ['after-mutation', 'everywhere'],
      description: '"after-mutation" reports only sites in the success path of a scene mutation; "everywhere" reports every site outside `allow`.',
    },
  },
  additionalProperties: false,
};

/** The shared analysis of the file being linted, computed once for all rules. */
export function fileAnalysis(context: Readonly<RuleContext<string, readonly unknown[]>>): { analysis: FileAnalysis; conventions: Conventions; input: AnalysisInput } {
  const input = analysisInput(context);
  return { analysis: analyzeFile(input), conventions: input.conventions, input };
}

const inputs = new WeakMap<TSESTree.Program, Map<Conventions, AnalysisInput>>();

/**
 * What every per-file analysis reads: the parsed file, its scopes and the conventions in force.
 * Made once per file and conventions: every rule asks, and most files are answered by it alone.
 */
export function analysisInput(context: Readonly<RuleContext<string, readonly unknown[]>>): AnalysisInput {
  const conventions = getConventions((context.settings as Record<string, unknown>).sceneSync);
  const { ast } = context.sourceCode;
  let byConventions = inputs.get(ast);
  if (!byConventions) inputs.set(ast, (byConventions = new Map()));
  let input = byConventions.get(conventions);
  if (!input) byConventions.set(conventions, (input = createInput(context, conventions)));
  return input;
}

function createInput(context: Readonly<RuleContext<string, readonly unknown[]>>, conventions: Conventions): AnalysisInput {
  const { sourceCode } = context;
  return {
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager!,
    visitorKeys: sourceCode.visitorKeys,
    text: sourceCode.text,
    conventions,
    // A getter: the glob match runs only for files that pass an analysis's keyword test.
    get allowed() {
      return conventions.isAllowedFile(context.filename, context.cwd);
    },
    types: createTypeOracle(sourceCode.parserServices, conventions),
    imports: importLookupFor(context.filename, context.cwd, conventions, sourceCode.parserServices?.program ?? undefined),
    filename: context.filename,
  };
}

const fileMayHold = new WeakMap<AnalysisInput, boolean>();

// The text verdict of the file whose rules are being created: all rules of a file are created in a
// row, so one slot answers them, and a file that fails it costs its rules no allocation at all.
let verdictAst: TSESTree.Program | undefined;
let verdictConventions: Conventions | undefined;
let verdictByText = false;

const gates = new WeakMap<Conventions, { typed?: TextTest; untyped?: TextTest }>();

/**
 * One test that each analysis's text test implies (their necessary words together): most files
 * fail it, after one scan per word instead of the scans of every test in turn.
 */
function keywordGate(conventions: Conventions, typed: boolean): TextTest {
  let byTypes = gates.get(conventions);
  if (!byTypes) gates.set(conventions, (byTypes = {}));
  const key = typed ? 'typed' : 'untyped';
  return (byTypes[key] ??= keywordTest([
    ...siteGateKeywords(conventions, { typed, crossModule: conventions.settings.crossModule }),
    ...channelGateKeywords(conventions),
    ...tableGateKeywords(conventions),
  ]));
}

/** The text tests every analysis starts with, on the words alone: false means no report is possible. */
function textMayHold(context: Readonly<RuleContext<string, readonly unknown[]>>): boolean {
  const conventions = getConventions((context.settings as Record<string, unknown>).sceneSync);
  const { ast, text } = context.sourceCode;
  if (ast === verdictAst && conventions === verdictConventions) return verdictByText;
  const typed = Boolean(context.sourceCode.parserServices?.program);
  const { comments } = ast;
  verdictByText =
    treeCheaperThanText(ast, text) ||
    (keywordGate(conventions, typed)(text, comments) &&
      (siteKeywords(text, conventions, { typed, crossModule: conventions.settings.crossModule }, comments) !== 'none' ||
        mightHoldChannel(text, conventions, comments) ||
        mightUpdateSceneTable(text, conventions, comments)));
  verdictAst = ast;
  verdictConventions = conventions;
  return verdictByText;
}

/**
 * The listeners of a rule that reports once the file is traversed. The first of this plugin's rules
 * to be created for a file that may hold something also collects, on ESLint's own traversal, the
 * nodes every analysis starts from: no analysis walks the tree again.
 */
export function afterTraversal(context: Readonly<RuleContext<string, readonly unknown[]>>, report: () => void): RuleListener {
  const input = analysisInput(context);
  let mayHold = fileMayHold.get(input);
  if (mayHold === undefined) {
    const { comments } = input.ast;
    mayHold =
      treeCheaperThanText(input.ast, input.text) ||
      mightHoldSites(input) ||
      mightHoldChannel(input.text, input.conventions, comments) ||
      mightUpdateSceneTable(input.text, input.conventions, comments);
    fileMayHold.set(input, mayHold);
  }
  if (!mayHold) return NO_LISTENERS;
  const listeners: RuleListener = { 'Program:exit': report };
  const nodes = claimCodeNodes(input.ast);
  if (!nodes) return listeners;
  const collect = (node: Parameters<typeof collectCodeNode>[1]) => collectCodeNode(nodes, node);
  for (const type of CODE_NODE_TYPES) listeners[type] = collect;
  return listeners;
}
