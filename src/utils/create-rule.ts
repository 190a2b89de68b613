import { ESLintUtils, type JSONSchema } from '@typescript-eslint/utils';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import { analyzeFile, type AnalysisInput, type FileAnalysis, type SyncSite } from '../analysis';
import { importLookupFor } from '../analysis/modules/summary';
import { createTypeOracle } from '../analysis/types';
import type { Node } from '../analysis/ast';
import { optimisticNodes } from '../analysis/optimistic';
import { planFile, type FilePlan } from '../codemods/plan';
import { getConventions, type Conventions, type SyncKind } from '../conventions';

export interface SceneSyncRuleDocs {
  /** Which shipped configs turn the rule on. */
  recommended?: boolean;
  strict?: boolean;
}

const REPO_URL = 'https://github.com/scene-sync/eslint-plugin-scene-sync';

export const createRule = ESLintUtils.RuleCreator<SceneSyncRuleDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

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

/** What every per-file analysis reads: the parsed file, its scopes and the conventions in force. */
export function analysisInput(context: Readonly<RuleContext<string, readonly unknown[]>>): AnalysisInput {
  const conventions = getConventions((context.settings as Record<string, unknown>).sceneSync);
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

export const USE_HELPER_MESSAGE = 'Replace this sync with {{helper}}(...).';

/**
 * Reports the sites of one category. After a mutation, each report carries the codemod's
 * rewrite of its run as a suggestion (never an autofix: it changes what runs).
 */
export function reportSites<MessageId extends string, Category extends SyncSite['category']>(
  context: Readonly<RuleContext<MessageId | 'useHelper', [{ mode?: Mode }]>>,
  mode: Mode | undefined,
  category: Category,
  describe: (site: Extract<SyncSite, { category: Category }>) => { messageId: MessageId; kind: SyncKind },
): void {
  const { analysis, conventions, input } = fileAnalysis(context);
  let optimistic: ReadonlySet<Node> | undefined;
  for (const site of analysis.sites) {
    if (!isCategory(site, category)) continue;
    const afterMutation = analysis.regionsOf(site.node).length > 0;
    if (mode !== 'everywhere' && !afterMutation) continue;
    // Optimistic writes, rollbacks and their cancels are no-optimistic-scene-update's: one report per write.
    optimistic ??= optimisticNodes(input);
    if (optimistic.has(site.node)) continue;
    const { messageId, kind } = describe(site);
    const plan = afterMutation ? planOfRun(input, analysis, context.filename, site) : undefined;
    const rewrite = plan?.rewrites[0];
    // The message names the helper the rewrite would call; a store write in a restore's success path is a restore.
    const restoring = site.category === 'store' && analysis.regionsOf(site.node).some((region) => region.restore);
    const helper = conventions.helperCallee(rewrite?.kind ?? (restoring ? 'restored' : kind));
    context.report({
      node: site.node,
      messageId,
      data: { helper, found: site.found },
      suggest:
        plan && rewrite
          ? [{ messageId: 'useHelper', data: { helper: rewrite.helper }, fix: (fixer) => plan.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)) }]
          : null,
    });
  }
}

const runPlans = new WeakMap<FileAnalysis, Map<SyncSite, FilePlan>>();

/**
 * The codemod's plan for the run that holds `site`. Every site of a run gets the same plan, so it is
 * made once per run (and file) and shared by the rules that report the run's sites.
 */
function planOfRun(input: AnalysisInput, analysis: FileAnalysis, filename: string, site: SyncSite): FilePlan {
  let plans = runPlans.get(analysis);
  if (!plans) {
    plans = new Map();
    runPlans.set(analysis, plans);
  }
  let plan = plans.get(site);
  if (!plan) {
    plan = planFile(input, analysis, { filename, only: site });
    for (const member of [site, ...plan.rewrites.flatMap((rewrite) => rewrite.sites), ...plan.reviews.map((review) => review.site)]) {
      if (member) plans.set(member, plan);
    }
  }
  return plan;
}

function isCategory<Category extends SyncSite['category']>(site: SyncSite, category: Category): site is Extract<SyncSite, { category: Category }> {
  return site.category === category;
}
