import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import type { SyncSite } from '../analysis';
import type { Node } from '../analysis/ast';
import { optimisticNodes } from '../analysis/optimistic';
import type { SyncKind } from '../conventions';
import { suggestionFor } from '../planner/suggestions';
import { fileAnalysis, type Mode } from '../utils/create-rule';

export const USE_HELPER_MESSAGE = 'Replace this sync with {{helper}}(...).';

/**
 * Reports the sites of one category. After a mutation, each report carries the planner's
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
    const regions = analysis.regionsOf(site.node);
    const afterMutation = regions.length > 0;
    if (mode !== 'everywhere' && !afterMutation) continue;
    // Optimistic writes, rollbacks and their cancels are no-optimistic-scene-update's: one report per write.
    optimistic ??= optimisticNodes(input);
    if (optimistic.has(site.node)) continue;
    const { messageId, kind } = describe(site);
    const rewrite = afterMutation ? suggestionFor(input, analysis, context.filename, site) : undefined;
    // The message names the helper the rewrite would call; a store write in a restore's success path is a restore.
    const restoring = site.category === 'store' && regions.some((region) => region.restore);
    const helper = conventions.helperCallee(rewrite?.kind ?? (restoring ? 'restored' : kind));
    context.report({
      node: site.node,
      messageId,
      data: { helper, found: site.found },
      suggest: rewrite
        ? [{ messageId: 'useHelper', data: { helper: rewrite.helper }, fix: (fixer) => rewrite.edits().map((edit) => fixer.replaceTextRange(edit.range, edit.text)) }]
        : null,
    });
  }
}

function isCategory<Category extends SyncSite['category']>(site: SyncSite, category: Category): site is Extract<SyncSite, { category: Category }> {
  return site.category === category;
}
