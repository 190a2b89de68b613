import { useState } from 'react';
import { eventBus } from '~/lib/event-bus';
import type { Scene } from '~/lib/types';
import { api } from '~/trpc/react';

interface SceneTitleEditorProps {
  projectId: string;
  scene: Scene;
}

/** Scene name and length, edited in place. */
export function SceneTitleEditor({ projectId, scene }: SceneTitleEditorProps) {
  const [name, setName] = useState(scene.name);
  const utils = api.useUtils();

  // The optimistic-update recipe: show the new name at once, put the old list back if the save fails.
  const renameMutation = api.generation.updateScene.useMutation({
    onMutate: async (input) => {
      await utils.generation.getProjectScenes.cancel({ projectId });
      const previous = utils.generation.getProjectScenes.getData({ projectId });
      utils.generation.getProjectScenes.setData({ projectId }, (old) =>
        old?.map((item) => (item.id === input.id ? { ...item, name: input.name ?? item.name } : item)),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      utils.generation.getProjectScenes.setData({ projectId }, context?.previous);
    },
    onSuccess: (saved) => eventBus.emit('scene:updated', saved),
    onSettled: () => utils.generation.getProjectScenes.invalidate({ projectId }),
  });

  // Only stops an in-flight refetch before saving; nothing is written until the server answered.
  const lengthenMutation = api.generation.updateScene.useMutation({
    onMutate: async () => {
      await utils.generation.getProjectScenes.cancel({ projectId });
    },
    onSuccess: () => utils.generation.getProjectScenes.invalidate({ projectId }),
  });

  return (
    <form
      aria-label="Scene title"
      onSubmit={(event) => {
        event.preventDefault();
        renameMutation.mutate({ id: scene.id, name });
      }}
    >
      <input value={name} onChange={(event) => setName(event.currentTarget.value)} />
      <button type="submit">Rename</button>
      <button
        type="button"
        disabled={lengthenMutation.isPending}
        onClick={() => lengthenMutation.mutate({ id: scene.id, duration: scene.duration + 30 })}
      >
        +1s
      </button>
    </form>
  );
}
