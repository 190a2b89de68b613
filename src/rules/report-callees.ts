import path from 'node:path';
import type { RuleContext } from '@typescript-eslint/utils/ts-eslint';
import type { SyncLocation } from '../analysis/modules/types';
import { fileAnalysis, type Mode } from '../utils/create-rule';

export const SYNCING_CALLEE_MESSAGE = '{{callee}}(...) syncs by hand ({{found}} at {{where}}): call {{helper}}(...) instead.';

/**
 * Reports calls, in a success path, of functions from other modules that sync by hand: the hand-written
 * sync sits in another file, where no mutation is in sight. Only after mutations: in `everywhere` mode
 * the sync is reported in its own file.
 */
export function reportSyncingCallees<MessageId extends string>(
  context: Readonly<RuleContext<MessageId, [{ mode?: Mode }]>>,
  mode: Mode | undefined,
  category: SyncLocation['category'],
  messageId: MessageId,
): void {
  if (mode === 'everywhere') return;
  const { analysis, conventions } = fileAnalysis(context);
  for (const { node, summary } of analysis.crossCalls) {
    const hand = summary.handSync;
    if (hand?.category !== category) continue;
    const regions = analysis.regionsOf(node);
    if (regions.length === 0) continue;
    const mutation = regions.find((region) => region.mutation)?.mutation;
    const kind = mutation ? conventions.mutationKind(mutation.path) : 'changed';
    const where = `${path.relative(context.cwd, hand.file).replace(/\\/g, '/')}:${hand.line}`;
    context.report({
      node,
      messageId,
      data: { callee: summary.name, found: hand.found, where, helper: conventions.helperCallee(kind) },
    });
  }
}
