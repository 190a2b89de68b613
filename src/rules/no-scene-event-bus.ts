import { findSceneEvents } from '../analysis/event-bus';
import { analysisInput, createRule, afterTraversal } from '../utils/create-rule';

export type MessageIds = 'emitSceneEvent' | 'listenSceneEvent';

export default createRule<[], MessageIds>({
  name: 'no-scene-event-bus',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow broadcasting scene changes through a home-made event bus instead of tRPC invalidation',
      strict: true,
    },
    messages: {
      emitSceneEvent:
        'Do not broadcast "{{event}}" through {{found}}(...): the app has no custom event bus (it multiplies race conditions and is hard to debug). Call {{helper}}(...) after the mutation; tRPC invalidation updates every reader.',
      listenSceneEvent:
        'Do not listen for "{{event}}" through {{found}}(...): {{entity}} changes reach components through the tRPC query and the store, which {{helper}}(...) keeps in step, not through a custom event bus.',
    },
    schema: [],
  },
  create(context) {
    return afterTraversal(context, () => {
      const input = analysisInput(context);
      const { conventions } = input;
      const sites = findSceneEvents(input);
      for (const site of sites) {
        context.report({
          node: site.node,
          messageId: site.role === 'emit' ? 'emitSceneEvent' : 'listenSceneEvent',
          data: { entity: conventions.entity, event: site.event, found: site.found, helper: conventions.helperCallee(site.role === 'emit' ? site.kind : 'changed') },
        });
      }
    });
  },
});
