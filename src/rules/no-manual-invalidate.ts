import { getConventions } from '../conventions';
import { createRule, modeSchema, reportSites, USE_HELPER_MESSAGE, type Mode } from '../utils/create-rule';
import { reportSyncingCallees, SYNCING_CALLEE_MESSAGE } from '../utils/report-callees';

export type MessageIds = 'manualCacheCall' | 'routerInvalidate' | 'rootInvalidate' | 'useHelper' | 'syncingCallee';

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
    return {
      Program() {
        const conventions = getConventions((context.settings as Record<string, unknown>).sceneSync);
        reportSites(context, mode, 'cache', (site) => {
          const isWholeCache = site.form === 'root' || (site.form === 'queryClient' && site.path.length === 0);
          const isRouter = site.form === 'router' || (site.form === 'queryClient' && !conventions.isSceneQuery(site.path));
          return { messageId: isWholeCache ? 'rootInvalidate' : isRouter ? 'routerInvalidate' : 'manualCacheCall', kind: 'changed' };
        });
        reportSyncingCallees(context, mode, 'cache', 'syncingCallee');
      },
    };
  },
});
