import { api } from '~/trpc/react';
import { useVideoState } from '~/stores/videoState';

/** Persists a new scene order from the timeline. */
export function useSceneReorder(projectId: string) {
  const utils = api.useUtils();

  const reorderMutation = api.generation.reorderScenes.useMutation({
    onSuccess: (scenes) => {
      const store = useVideoState.getState();
      store.replace(projectId, scenes); // server order wins
    },
  });

  const moveScenes = async (ids: string[]) => {
    await reorderMutation.mutateAsync({ projectId, ids });
    // Order touches every scene: just refresh the whole router.
    await utils.generation.invalidate();
  };

  return { moveScenes, isSaving: reorderMutation.isPending };
}
