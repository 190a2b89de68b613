import { createRule, fileAnalysis, afterTraversal } from '../utils/create-rule';

export type MessageIds = 'missingSync';

export default createRule<[], MessageIds>({
  name: 'require-sync-after-mutation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every scene mutation to sync the client in its success path',
      recommended: true,
      strict: true,
    },
    messages: {
      missingSync:
        'The {{mutation}} mutation changes {{entities}} but its success path never syncs the client: call {{helper}}(...) after it succeeds.',
    },
    schema: [],
  },
  create(context) {
    return afterTraversal(context, () => {
      const { analysis, conventions } = fileAnalysis(context);
      for (const { mutation, suggestedKind } of analysis.unsynced) {
        context.report({
          node: mutation.reportNode,
          messageId: 'missingSync',
          data: { mutation: mutation.path.join('.'), helper: conventions.helperCallee(suggestedKind), entities: conventions.entities },
        });
      }
    });
  },
});
