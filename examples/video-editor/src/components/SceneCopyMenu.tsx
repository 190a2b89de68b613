import { useDuplicateScene } from '~/hooks/useDuplicateScene';
import type { Scene } from '~/lib/types';
import { useVideoState } from '~/stores/videoState';

/** The same hook in a second component, which writes the store by hand in the forwarded onSuccess. */
export function SceneCopyMenu({ projectId, scenes }: { projectId: string; scenes: Scene[] }) {
  const addScene = useVideoState((state) => state.addScene);
  const { mutate } = useDuplicateScene({ onSuccess: (copy) => addScene(projectId, copy) });
  return (
    <ul aria-label="Copy a scene">
      {scenes.map((scene) => (
        <li key={scene.id}>
          <button onClick={() => mutate({ projectId, name: `${scene.name} (copy)`, tsxCode: scene.tsxCode, duration: scene.duration })}>
            Copy {scene.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
