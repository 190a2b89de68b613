import noDirectStoreUpdate from './no-direct-store-update';
import noManualInvalidate from './no-manual-invalidate';
import noOptimisticSceneUpdate from './no-optimistic-scene-update';
import noSceneEventBus from './no-scene-event-bus';
import requireRevisionGuard from './require-revision-guard';
import requireSyncAfterMutation from './require-sync-after-mutation';

export const rules = {
  'no-direct-store-update': noDirectStoreUpdate,
  'no-manual-invalidate': noManualInvalidate,
  'no-optimistic-scene-update': noOptimisticSceneUpdate,
  'no-scene-event-bus': noSceneEventBus,
  'require-revision-guard': requireRevisionGuard,
  'require-sync-after-mutation': requireSyncAfterMutation,
};
