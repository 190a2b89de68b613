import type { Scene } from '~/lib/types';
import { useVideoState } from '~/stores/videoState';

/** A sync by hand in a module of its own, called from success paths in other files. */
export function syncDuplicatedScene(projectId: string, scene: Scene): void {
  useVideoState.getState().addScene(projectId, scene);
}
