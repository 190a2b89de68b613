import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';

/** The project with its scenes, from the second scene query: keyed by `id`, not `projectId`. */
export function ProjectOverview({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const deleteScene = useVideoState((state) => state.deleteScene);
  const { data } = api.project.getFullProject.useQuery({ id: projectId });

  const removeMutation = api.generation.deleteScene.useMutation({
    onSuccess: (removed) => {
      deleteScene(projectId, removed.id);
      void utils.project.getFullProject.invalidate({ id: projectId });
    },
  });

  return (
    <section aria-label="Project overview">
      <h2>{data?.project.title}</h2>
      <ul>
        {data?.scenes.map((scene) => (
          <li key={scene.id}>
            {scene.name}
            <button type="button" disabled={removeMutation.isPending} onClick={() => removeMutation.mutate({ id: scene.id })}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
