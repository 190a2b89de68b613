import type { StoreSite } from '../analysis';
import { createRule, modeSchema, type Mode, afterTraversal } from '../utils/create-rule';
import { reportSites, USE_HELPER_MESSAGE } from './report-sites';
import { reportSyncingCallees, SYNCING_CALLEE_MESSAGE } from './report-callees';

export type MessageIds = 'directAction' | 'directSetState' | 'directWrite' | 'useHelper' | 'syncingCallee';

const FORM_MESSAGES: Record<StoreSite['form'], MessageIds> = { action: 'directAction', setState: 'directSetState', write: 'directWrite' };

export default createRule<[{ mode?: Mode }], MessageIds>({
  name: 'no-direct-store-update',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow updating the scene store by hand instead of through the sync helpers',
      recommended: true,
      strict: true,
    },
    messages: {
      directAction: 'Call {{helper}}(...) instead of {{found}}(...).',
      directSetState: 'Call {{helper}}(...) instead of {{found}}(...): the database is the source of truth, the store follows it.',
      directWrite: 'Call {{helper}}(...) instead of writing into {{found}} directly: the write bypasses the database and notifies no subscriber.',
      useHelper: USE_HELPER_MESSAGE,
      syncingCallee: SYNCING_CALLEE_MESSAGE,
    },
    // Suggestions are reported through reportSites, out of this plugin's sight.
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions
    hasSuggestions: true,
    schema: [modeSchema],
    defaultOptions: [{ mode: 'after-mutation' }],
  },
  create(context, [{ mode }]) {
    return afterTraversal(context, () => {
      reportSites(context, mode, 'store', (site) => ({
        messageId: FORM_MESSAGES[site.form],
        kind: site.kind,
      }));
      reportSyncingCallees(context, mode, 'store', 'syncingCallee');
    });
  },
});
