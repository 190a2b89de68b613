import { findSceneTableUpdates } from '../analysis/revision-guard';
import { analysisInput, createRule, afterTraversal } from '../utils/create-rule';

export type MessageIds = 'missingBump' | 'missingGuard';

export default createRule<[], MessageIds>({
  name: 'require-revision-guard',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every update of the scenes table to bump its revision and guard on the revision the client saw',
      strict: true,
    },
    messages: {
      missingBump:
        'This update of {{table}} does not bump the revision: set {{column}}: {{bump}} so every write produces a new revision that stale clients can be checked against.',
      missingGuard:
        'This update of {{table}} does not check the revision: add {{guard}} to its where(...) (optimistic locking) so a stale client gets a conflict instead of overwriting newer work.',
    },
    schema: [],
  },
  create(context) {
    return afterTraversal(context, () => {
      const input = analysisInput(context);
      const { conventions } = input;
      const updates = findSceneTableUpdates(input);
      const column = conventions.settings.database.revisionColumn;
      for (const update of updates) {
        const data = {
          table: update.table,
          column,
          bump: `sql\`\${${update.table}.${column}} + 1\``,
          guard: `eq(${update.table}.${column}, expectedRevision)`,
        };
        if (!update.bumps) context.report({ node: update.values, messageId: 'missingBump', data });
        if (!update.guards) context.report({ node: update.where?.arguments[0] ?? update.update, messageId: 'missingGuard', data });
      }
    });
  },
});
