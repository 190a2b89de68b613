import { useState } from 'react';
import type { Scene } from '~/lib/types';
import { useSceneReorder } from '~/hooks/useSceneReorder';
import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';

const FRAME_WIDTH = 2;

interface SceneRowProps {
  scene: Scene;
  /** Edits the row's local draft; not the store action of the same name. */
  updateScene: (patch: Partial<Scene>) => void;
  onDelete: () => void;
}

function SceneRow({ scene, updateScene, onDelete }: SceneRowProps) {
  return (
    <div style={{ width: scene.duration * FRAME_WIDTH }}>
      <input value={scene.name} onChange={(event) => updateScene({ name: event.currentTarget.value })} />
      <button type="button" onClick={onDelete}>
        Delete
      </button>
    </div>
  );
}

export function TimelinePanel({ projectId }: { projectId: string }) {
  const { deleteScene, updateScene, setPlayhead, setDragPreview, projects } = useVideoState();
  const scenes = projects[projectId]?.scenes ?? [];
  const [drafts, setDrafts] = useState<Record<string, Partial<Scene>>>({});
  const { moveScenes, isSaving } = useSceneReorder(projectId);

  const deleteMutation = api.generation.deleteScene.useMutation();
  const resizeMutation = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      // Write the new duration straight into the project.
      useVideoState.setState((state) => ({
        projects: {
          ...state.projects,
          [projectId]: {
            ...state.projects[projectId]!,
            scenes: state.projects[projectId]!.scenes.map((s) => (s.id === scene.id ? scene : s)),
          },
        },
      }));
    },
  });

  function handleDelete(id: string) {
    deleteMutation.mutate(
      { id },
      {
        onSuccess: () => {
          deleteScene(projectId, id);
        },
      },
    );
  }

  // Drag-time feedback only: nothing is saved until the drop.
  function handleDrag(scene: Scene, clientX: number) {
    const frame = clientX / FRAME_WIDTH;
    setPlayhead(frame);
    const order = Math.max(0, Math.min(scenes.length - 1, Math.floor(frame / 150)));
    setDragPreview({ sceneId: scene.id, order });
    updateScene(projectId, scene.id, { ...scene, order });
  }

  function handleDrop(scene: Scene, order: number) {
    setDragPreview(null);
    const ids = scenes.map((s) => s.id).filter((id) => id !== scene.id);
    ids.splice(order, 0, scene.id);
    void moveScenes(ids);
  }

  return (
    <section aria-label="Timeline" aria-busy={isSaving}>
      {scenes.map((scene) => (
        <div
          key={scene.id}
          draggable
          onDrag={(event) => handleDrag(scene, event.clientX)}
          onDragEnd={() => handleDrop(scene, scene.order)}
          onDoubleClick={() => resizeMutation.mutate({ id: scene.id, duration: scene.duration + 30 })}
        >
          <SceneRow
            scene={{ ...scene, ...drafts[scene.id] }}
            updateScene={(patch) => setDrafts((previous) => ({ ...previous, [scene.id]: { ...previous[scene.id], ...patch } }))}
            onDelete={() => handleDelete(scene.id)}
          />
        </div>
      ))}
    </section>
  );
}
