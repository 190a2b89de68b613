import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ActivityLog } from '~/components/ActivityLog';
import { ChatPanel } from '~/components/ChatPanel';
import { CodePanel } from '~/components/CodePanel';
import { DuplicateButton } from '~/components/DuplicateButton';
import { PreviewPanel } from '~/components/PreviewPanel';
import { ProjectHeader } from '~/components/ProjectHeader';
import { SceneActions } from '~/components/SceneActions';
import { SceneCopyMenu } from '~/components/SceneCopyMenu';
import { SceneTitleEditor } from '~/components/SceneTitleEditor';
import { TimelinePanel } from '~/components/TimelinePanel';
import { useVideoState } from '~/stores/videoState';
import { trpcClient } from '~/trpc/client';
import { api } from '~/trpc/react';
import { TRPCProvider } from '~/trpc/tanstack';

const queryClient = new QueryClient();

function Editor({ projectId }: { projectId: string }) {
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(null);
  const selectedSceneId = useVideoState((state) => state.selectedSceneId);
  const selected = useVideoState((state) => state.projects[projectId]?.scenes.find((s) => s.id === selectedSceneId));
  const scenes = useVideoState((state) => state.projects[projectId]?.scenes ?? []);

  return (
    <main>
      <ProjectHeader projectId={projectId} />
      {lastSavedAt && <small>Saved {lastSavedAt.toLocaleTimeString()}</small>}
      <ChatPanel projectId={projectId} />
      <PreviewPanel projectId={projectId} onSaved={() => setLastSavedAt(new Date())} />
      <TimelinePanel projectId={projectId} />
      <SceneCopyMenu projectId={projectId} scenes={scenes} />
      {selected && (
        <>
          <SceneActions projectId={projectId} scene={selected} />
          <DuplicateButton projectId={projectId} scene={selected} />
          <CodePanel key={selected.id} projectId={projectId} scene={selected} />
          <SceneTitleEditor key={`title-${selected.id}`} projectId={projectId} scene={selected} />
        </>
      )}
      <ActivityLog projectId={projectId} />
    </main>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <api.Provider client={trpcClient} queryClient={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <Editor projectId="demo-project" />
        </TRPCProvider>
      </api.Provider>
    </QueryClientProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
