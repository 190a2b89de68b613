import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { Scene } from '~/lib/types';
import { useVideoState } from '~/stores/videoState';
import { useTRPC } from '~/trpc/tanstack';

interface SceneGalleryProps {
  projectId: string;
}

/** A paged scene gallery on the TanStack-native integration: infinite queries, a REST upload, ref-held mutations. */
export function SceneGallery({ projectId }: SceneGalleryProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const updateScene = useVideoState((state) => state.updateScene);
  const pages = useInfiniteQuery(trpc.generation.getProjectScenes.infiniteQueryOptions({ projectId }, { getNextPageParam: () => null }));
  const { refetch: refetchPages } = pages;

  // The thumbnail service is plain REST, not a tRPC procedure.
  const thumbnailMutation = useMutation({
    mutationFn: async (scene: Scene) => {
      const response = await fetch(`/api/scenes/${scene.id}/thumbnail`, { method: 'POST' });
      return (await response.json()) as Scene;
    },
    onSuccess: (saved) => {
      updateScene(projectId, saved.id, saved);
      void queryClient.invalidateQueries(trpc.generation.getProjectScenes.infiniteQueryFilter({ projectId }));
    },
  });

  // Held in a ref so the keyboard handler below keeps one identity.
  const deleteMutation = useMutation(trpc.generation.deleteScene.mutationOptions());
  const deleteRef = useRef(deleteMutation);
  deleteRef.current = deleteMutation;
  const handleDelete = useCallback(
    async (sceneId: string) => {
      await deleteRef.current.mutateAsync({ id: sceneId });
      await refetchPages();
    },
    [refetchPages],
  );

  // Listed in the dependency array, but it never leaves the file: it never syncs.
  const renameMutation = useMutation(trpc.generation.updateScene.mutationOptions());
  const handleRename = useCallback(
    async (scene: Scene, name: string) => {
      await renameMutation.mutateAsync({ id: scene.id, name });
    },
    [renameMutation],
  );

  const scenes = pages.data?.pages.flat() ?? [];
  return (
    <ul>
      {scenes.map((scene) => (
        <li key={scene.id}>
          <button type="button" onClick={() => thumbnailMutation.mutate(scene)}>
            Thumbnail
          </button>
          <button type="button" onClick={() => void handleRename(scene, `${scene.name}*`)}>
            Rename
          </button>
          <button type="button" onClick={() => void handleDelete(scene.id)}>
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
