import { useState } from "react";
import type { Scene } from "~/lib/types";
import { useVideoState } from "~/stores/videoState";
import { api } from "~/trpc/react";

interface PreviewPanelProps {
  projectId: string;
  /** Called after a trim is saved; the parent decides what to refresh. */
  onSaved: () => void;
}

export function PreviewPanel(props: PreviewPanelProps) {
  const { projectId } = props;
  const [caption, setCaption] = useState("");
  const playhead = useVideoState((state) => state.playhead);
  const refreshToken = useVideoState((state) => state.projects[projectId]?.refreshToken ?? 0);
  const upd = useVideoState((state: any) => state.updateScene) as (p: string, id: string, s: Scene) => void;

  const { data, refetch: refetchScenes } = api.generation.getProjectScenes.useQuery({ projectId });
  const regenerateMutation = api.generation.updateScene.useMutation();
  const renameMutation = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      (useVideoState.getState().projects as any)[projectId].revision = scene.revision;
      setCaption(scene.name.replace("-", " "));
    },
  });
  const trimMutation = api.generation.updateScene.useMutation({ onSuccess: () => props.onSaved() });

  async function handleRegenerate(scene: Scene) {
    const regenerated = await regenerateMutation.mutateAsync({ id: scene.id, tsxCode: `${scene.tsxCode}\n// regenerated` });
    upd(projectId, regenerated.id, regenerated);
    await refetchScenes(); // pull the DB copy so the player remounts
  }

  const current = data?.find((scene) => scene.order === 0);
  if (!current) return <section aria-label="Preview">No scenes yet</section>;

  return (
    <section aria-label="Preview" key={refreshToken}>
      <h2>{caption || current.name}</h2>
      <pre>{current.tsxCode}</pre>
      <button type="button" onClick={() => void handleRegenerate(current)}>
        Regenerate
      </button>
      <button type="button" onClick={() => renameMutation.mutate({ id: current.id, name: `${current.name}-final` })}>
        Mark final
      </button>
      <button type="button" onClick={() => trimMutation.mutate({ id: current.id, duration: Math.max(1, playhead) })}>
        Trim to playhead
      </button>
    </section>
  );
}
