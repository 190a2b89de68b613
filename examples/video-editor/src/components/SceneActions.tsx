import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Scene } from '~/lib/types';
import { useVideoState as useEditor } from '~/stores/videoState';
import { useTRPC } from '~/trpc/tanstack';

interface SceneActionsProps {
  projectId: string;
  scene: Scene;
}

/** Per-scene buttons, written against the TanStack-native tRPC integration. */
export function SceneActions({ projectId, scene }: SceneActionsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const addScene = useEditor((state) => state.addScene);
  const setSelectedScene = useEditor((state) => state.setSelectedScene);

  const deleteMutation = useMutation(
    trpc.generation.deleteScene.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.generation.getProjectScenes.queryFilter({ projectId })),
    }),
  );
  const duplicateMutation = useMutation(trpc.generation.createScene.mutationOptions());

  const handleDuplicate = async () => {
    const copy = await duplicateMutation.mutateAsync({
      projectId,
      name: `${scene.name} (copy)`,
      tsxCode: scene.tsxCode,
      duration: scene.duration,
    });
    addScene(projectId, copy);
    await queryClient.invalidateQueries({ queryKey: trpc.generation.getProjectScenes.queryKey({ projectId }) });
    setSelectedScene(copy.id);
  };

  return (
    <div role="toolbar">
      <button type="button" onClick={() => void handleDuplicate()}>
        Duplicate
      </button>
      <button type="button" disabled={deleteMutation.isPending} onClick={() => deleteMutation.mutate({ id: scene.id })}>
        Delete
      </button>
    </div>
  );
}
