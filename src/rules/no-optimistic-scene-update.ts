import { findOptimisticUpdates } from '../analysis/optimistic';
import { analysisInput, createRule, afterTraversal } from '../utils/create-rule';

export type MessageIds = 'optimisticWrite' | 'rollback';

export default createRule<[], MessageIds>({
  name: 'no-optimistic-scene-update',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow optimistic scene updates in onMutate and their rollbacks in onError',
      recommended: true,
      strict: true,
    },
    messages: {
      optimisticWrite:
        'The {{mutation}} mutation writes {{entity}} state in onMutate ({{found}}), before the server answered: optimistic updates were removed because they caused races and duplicates. Sync with {{helper}}(...) after success and show a loading state meanwhile.',
      rollback:
        'This onError of {{mutation}} restores a snapshot from the mutation context ({{found}}): the rollback of an optimistic update. Remove both; the app writes {{entity}} state only after the server answered.',
    },
    schema: [],
  },
  create(context) {
    return afterTraversal(context, () => {
      const input = analysisInput(context);
      const { conventions } = input;
      const findings = findOptimisticUpdates(input);
      for (const { mutation, writes, rollbacks, suggestedKind } of findings) {
        const name = mutation.path.join('.');
        const helper = conventions.helperCallee(suggestedKind);
        for (const write of writes) {
          context.report({ node: write.node, messageId: 'optimisticWrite', data: { mutation: name, helper, found: write.found, entity: conventions.entity } });
        }
        for (const rollback of rollbacks) {
          context.report({ node: rollback.node, messageId: 'rollback', data: { mutation: name, found: rollback.found, entity: conventions.entity } });
        }
      }
    });
  },
});
