import { useCallback, useState } from 'react';
import type { Scene } from '~/lib/types';
import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';

interface CodePanelProps {
  projectId: string;
  scene: Scene;
}

/** A toy formatter: trims trailing spaces and ends the file with one newline. */
const formatCode = (code: string) => `${code.replace(/[ \t]+$/gm, '').trimEnd()}\n`;

export function CodePanel({ projectId, scene }: CodePanelProps) {
  const [draft, setDraft] = useState(scene.tsxCode);
  const utils = api.useUtils();
  const updateScene = useVideoState((state) => state.updateScene);

  const updateMutation = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      updateScene(projectId, scene.id, scene);
      void utils.generation.getProjectScenes.invalidate({ projectId });
    },
  });
  const formatMutation = api.generation.updateScene.useMutation();
  const durationMutation = api.generation.updateScene.useMutation();

  const handleFormat = useCallback(async () => {
    try {
      const saved = await formatMutation.mutateAsync({ id: scene.id, tsxCode: formatCode(draft) });
      updateScene(projectId, saved.id, saved);
      setDraft(saved.tsxCode);
    } finally {
      // Reconcile even when the save failed: the server may have the newer revision.
      await utils.generation.getProjectScenes.invalidate({ projectId });
    }
  }, [formatMutation.mutateAsync, draft, scene.id, updateScene, utils, projectId]);

  function handleDurationChange(duration: number) {
    durationMutation.mutate(
      { id: scene.id, duration },
      {
        onSuccess: () => {
          void (utils as typeof utils | undefined)?.generation.getProjectScenes.invalidate({ projectId });
        },
      },
    );
  }

  return (
    <section aria-label="Code">
      <textarea value={draft} onChange={(event) => setDraft(event.currentTarget.value)} />
      <input
        type="number"
        defaultValue={scene.duration}
        onBlur={(event) => handleDurationChange(Number(event.currentTarget.value))}
      />
      <button
        type="button"
        disabled={updateMutation.isPending}
        onClick={() => updateMutation.mutate({ id: scene.id, tsxCode: draft, expectedRevision: scene.revision })}
      >
        Save
      </button>
      <button type="button" onClick={() => void handleFormat()}>
        Format
      </button>
    </section>
  );
}
