import type { CacheScope } from '../analysis';
import { createRule, modeSchema, type Mode, afterTraversal } from '../utils/create-rule';
import { reportSites, USE_HELPER_MESSAGE } from './report-sites';
import { reportSyncingCallees, SYNCING_CALLEE_MESSAGE } from './report-callees';

export type MessageIds = 'manualCacheCall' | 'routerInvalidate' | 'rootInvalidate' | 'useHelper' | 'syncingCallee';

/** The messages that explain a refresh's reach; other effects beyond one query get the plain message. */
const REFRESH_MESSAGES: Record<CacheScope, MessageIds> = { query: 'manualCacheCall', router: 'routerInvalidate', all: 'rootInvalidate' };

export default createRule<[{ mode?: Mode }], MessageIds>({
  name: 'no-manual-invalidate',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow invalidating or writing the scene query cache by hand instead of through the sync helpers',
      recommended: true,
      strict: true,
    },
    messages: {
      manualCacheCall: 'Call {{helper}}(...) instead of {{found}}(...).',
      routerInvalidate: 'Call {{helper}}(...) instead of {{found}}(...): invalidating the whole router refetches every query in it.',
      rootInvalidate: 'Call {{helper}}(...) instead of {{found}}(...): invalidating everything refetches every query in the app.',
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
      reportSites(context, mode, 'cache', (site) => ({ messageId: site.effect === 'refresh' ? REFRESH_MESSAGES[site.scope] : 'manualCacheCall', kind: 'changed' }));
      reportSyncingCallees(context, mode, 'cache', 'syncingCallee');
    });
  },
});
