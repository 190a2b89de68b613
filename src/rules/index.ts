import noDirectStoreUpdate from './no-direct-store-update';
import noManualInvalidate from './no-manual-invalidate';
import requireSyncAfterMutation from './require-sync-after-mutation';

export const rules = {
  'no-direct-store-update': noDirectStoreUpdate,
  'no-manual-invalidate': noManualInvalidate,
  'require-sync-after-mutation': requireSyncAfterMutation,
};
