import type { Scene } from '~/lib/types';
import { api } from '~/trpc/react';

export interface DuplicateSceneOptions {
  onSuccess?: (scene: Scene) => void;
}

/** A mutation hook of the app's own: it syncs nothing itself and forwards the caller's onSuccess. */
export function useDuplicateScene(options?: DuplicateSceneOptions) {
  return api.generation.createScene.useMutation({
    onSuccess: (scene) => {
      options?.onSuccess?.(scene);
    },
  });
}
