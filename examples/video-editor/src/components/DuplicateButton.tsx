import { useDuplicateScene } from '~/hooks/useDuplicateScene';
import type { Scene } from '~/lib/types';
import { syncDuplicatedScene } from '~/lib/scene-sync-after';

/** Duplicates a scene; the sync is a function of another module, called from the forwarded onSuccess. */
export function DuplicateButton({ projectId, scene }: { projectId: string; scene: Scene }) {
  const duplicate = useDuplicateScene({ onSuccess: (copy) => syncDuplicatedScene(projectId, copy) });
  return (
    <button
      disabled={duplicate.isPending}
      onClick={() => duplicate.mutate({ projectId, name: `${scene.name} (copy)`, tsxCode: scene.tsxCode, duration: scene.duration })}
    >
      Duplicate
    </button>
  );
}
