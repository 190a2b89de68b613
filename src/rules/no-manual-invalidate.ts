import { createRule, fileAnalysis, modeSchema, type Mode } from '../utils/create-rule';

export type MessageIds = 'manualCacheCall' | 'routerInvalidate' | 'rootInvalidate';

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
    },
    schema: [modeSchema],
    defaultOptions: [{ mode: 'after-mutation' }],
  },
  create(context, [{ mode }]) {
    return {
      Program() {
        const { analysis, conventions } = fileAnalysis(context);
        for (const site of analysis.sites) {
          if (site.category !== 'cache') continue;
          if (mode !== 'everywhere' && analysis.regionsOf(site.node).length === 0) continue;
          const isWholeCache = site.form === 'root' || (site.form === 'queryClient' && site.path.length === 0);
          const isRouter = site.form === 'router' || (site.form === 'queryClient' && !conventions.isSceneQuery(site.path));
          const messageId = isWholeCache ? 'rootInvalidate' : isRouter ? 'routerInvalidate' : 'manualCacheCall';
          context.report({ node: site.node, messageId, data: { helper: conventions.helperCallee('changed'), found: site.found } });
        }
      },
    };
  },
});
