import type { Scene } from '~/lib/types';
import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';

/** How many scenes the cache holds for the project, without fetching: the file's only tRPC utils. */
function useCachedSceneCount(projectId: string) {
  const utils = api.useUtils();
  return utils.generation.getProjectScenes.getData({ projectId })?.length ?? 0;
}

/** Trims a scene by a second. Its onSuccess writes the store and has no tRPC utils in scope. */
export function SceneTrimButton({ projectId, scene }: { projectId: string; scene: Scene }) {
  const count = useCachedSceneCount(projectId);
  const updateScene = useVideoState((state) => state.updateScene);
  const trimMutation = api.generation.updateScene.useMutation({
    onSuccess: (trimmed) => {
      updateScene(projectId, trimmed.id, trimmed);
    },
  });
  return (
    <button type="button" disabled={count === 0} onClick={() => trimMutation.mutate({ id: scene.id, duration: Math.max(1, scene.duration - 1) })}>
      Trim 1s
    </button>
  );
}
