import { useState } from 'react';
import type { Scene } from '~/lib/types';
import { useSceneStream } from '~/hooks/useSceneStream';
import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';

interface ChatPanelProps {
  projectId: string;
}

const sceneTemplate = (prompt: string) =>
  `export default function Scene() {\n  return <h1>${prompt.replace(/[<>{}]/g, '')}</h1>;\n}\n`;

export function ChatPanel({ projectId }: ChatPanelProps) {
  const [prompt, setPrompt] = useState('');
  const [status, setStatus] = useState<'idle' | 'working' | 'saved'>('idle');
  const [transcript, setTranscript] = useState('');

  const utils = api.useUtils();
  const addScene = useVideoState((state) => state.addScene);
  const updateAndRefresh = useVideoState((state) => state.updateAndRefresh);
  const { data: scenes = [] } = api.generation.getProjectScenes.useQuery({ projectId });

  const createMutation = api.generation.createScene.useMutation();
  const restoreMutation = api.generation.restoreScene.useMutation();
  const renameMutation = api.generation.updateScene.useMutation({
    onSuccess: () => {
      setStatus('saved');
    },
  });

  // Scenes the agent creates on the server arrive over the stream.
  useSceneStream({
    projectId,
    onSceneCreated: (scene) => {
      addScene(projectId, scene);
      void utils.generation.getProjectScenes.invalidate({ projectId });
    },
    onChatDelta: (text) => setTranscript((previous) => previous + text),
  });

  async function handleGenerate() {
    if (!prompt.trim()) return;
    setStatus('working');
    const created = await createMutation.mutateAsync({
      projectId,
      name: prompt.slice(0, 40),
      tsxCode: sceneTemplate(prompt),
      duration: 150,
    });
    addScene(projectId, created); // show it in the timeline right away
    await utils.generation.getProjectScenes.invalidate({ projectId }); // then reconcile with the DB
    await updateAndRefresh(projectId, (p) => p); // force the preview to remount
    setPrompt('');
    setStatus('idle');
  }

  // Removed optimistic replace for stability.
  // Rely on DB invalidation + PreviewPanel sync to prevent transient duplicates.
  const handleRevert = (scene: Scene) => {
    void restoreMutation.mutateAsync({ id: scene.id }).then((restored) => {
      useVideoState.getState().updateScene(projectId, restored.id, restored);
    });
  };

  const handleRename = (scene: Scene, name: string) => {
    renameMutation.mutate({ id: scene.id, name });
  };

  return (
    <section aria-label="Chat">
      <pre>{transcript}</pre>
      <ul>
        {scenes.map((scene) => (
          <li key={scene.id}>
            <input defaultValue={scene.name} onBlur={(event) => handleRename(scene, event.currentTarget.value)} />
            <button type="button" onClick={() => handleRevert(scene)}>
              Revert
            </button>
          </li>
        ))}
      </ul>
      <textarea value={prompt} onChange={(event) => setPrompt(event.currentTarget.value)} />
      <button type="button" disabled={status === 'working'} onClick={() => void handleGenerate()}>
        Generate scene
      </button>
      {status === 'saved' && <span>Saved</span>}
    </section>
  );
}
