import { create } from 'zustand';
import type { Scene } from '~/lib/types';

/** The client's copy of one project. `refreshToken` changes whenever the preview must remount. */
export interface ProjectState {
  scenes: Scene[];
  revision: number;
  refreshToken: number;
}

export interface DragPreview {
  sceneId: string;
  order: number;
}

export interface VideoState {
  projects: Record<string, ProjectState>;
  selectedSceneId: string | null;
  playhead: number;
  dragPreview: DragPreview | null;

  // Scene writes: after a mutation these belong in the sync helpers.
  addScene: (projectId: string, scene: Scene) => void;
  updateScene: (projectId: string, sceneId: string, scene: Scene) => void;
  deleteScene: (projectId: string, sceneId: string) => void;
  replace: (projectId: string, scenes: Scene[]) => void;
  reorderScenes: (projectId: string, ids: string[]) => void;
  updateAndRefresh: (projectId: string, updater: (props: ProjectState) => ProjectState) => Promise<void>;

  // UI state: fine to write from anywhere.
  setSelectedScene: (id: string | null) => void;
  setPlayhead: (frame: number) => void;
  setDragPreview: (preview: DragPreview | null) => void;
}

const emptyProject = (): ProjectState => ({ scenes: [], revision: 0, refreshToken: 0 });

export const useVideoState = create<VideoState>()((set, get) => {
  /** Applies `change` to one project's scenes and bumps the project revision. */
  const writeScenes = (projectId: string, change: (scenes: Scene[]) => Scene[]) =>
    set((state) => {
      const project = state.projects[projectId] ?? emptyProject();
      return {
        projects: {
          ...state.projects,
          [projectId]: { ...project, scenes: change(project.scenes), revision: project.revision + 1 },
        },
      };
    });

  return {
    projects: {},
    selectedSceneId: null,
    playhead: 0,
    dragPreview: null,

    addScene: (projectId, scene) =>
      writeScenes(projectId, (scenes) => (scenes.some((s) => s.id === scene.id) ? scenes : [...scenes, scene])),

    updateScene: (projectId, sceneId, scene) =>
      writeScenes(projectId, (scenes) => scenes.map((s) => (s.id === sceneId ? { ...s, ...scene } : s))),

    deleteScene: (projectId, sceneId) => {
      writeScenes(projectId, (scenes) => scenes.filter((s) => s.id !== sceneId));
      if (get().selectedSceneId === sceneId) set({ selectedSceneId: null });
    },

    replace: (projectId, scenes) => writeScenes(projectId, () => [...scenes].sort((a, b) => a.order - b.order)),

    reorderScenes: (projectId, ids) =>
      writeScenes(projectId, (scenes) =>
        ids
          .map((id) => scenes.find((s) => s.id === id))
          .filter((s): s is Scene => s !== undefined)
          .map((s, order) => ({ ...s, order })),
      ),

    updateAndRefresh: async (projectId, updater) => {
      const project = updater(get().projects[projectId] ?? emptyProject());
      // Let React commit the pending renders before the preview remounts.
      await Promise.resolve();
      set((state) => ({
        projects: { ...state.projects, [projectId]: { ...project, refreshToken: project.refreshToken + 1 } },
      }));
    },

    setSelectedScene: (id) => set({ selectedSceneId: id }),
    setPlayhead: (frame) => set({ playhead: Math.max(0, Math.round(frame)) }),
    setDragPreview: (preview) => set({ dragPreview: preview }),
  };
});
