import { createRule, fileAnalysis, helperKindFor, modeSchema, type Mode } from '../utils/create-rule';

export type MessageIds = 'directAction' | 'directSetState' | 'directWrite';

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
    },
    schema: [modeSchema],
    defaultOptions: [{ mode: 'after-mutation' }],
  },
  create(context, [{ mode }]) {
    return {
      Program() {
        const { analysis, conventions } = fileAnalysis(context);
        for (const site of analysis.sites) {
          if (site.category !== 'store') continue;
          if (mode !== 'everywhere' && analysis.regionsOf(site.node).length === 0) continue;
          const helper = conventions.helperCallee(helperKindFor(analysis, site.node, site.kind));
          const messageId = site.form === 'action' ? 'directAction' : site.form === 'setState' ? 'directSetState' : 'directWrite';
          context.report({ node: site.node, messageId, data: { helper, found: site.found } });
        }
      },
    };
  },
});
