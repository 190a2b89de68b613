import type { Project, Scene } from '~/lib/types';

/**
 * A tiny in-memory stand-in for the real database: enough for the routers to
 * return real-looking data. Each scene keeps its earlier revisions so that a
 * restore can bring one back.
 */
interface SceneRow {
  current: Scene;
  history: Scene[];
  deleted: boolean;
}

let nextId = 1;

export function createDb() {
  const projects = new Map<string, Project>([['demo-project', { id: 'demo-project', title: 'Demo project' }]]);
  const scenes = new Map<string, SceneRow>();

  function row(id: string): SceneRow {
    const found = scenes.get(id);
    if (!found) throw new Error(`Scene ${id} not found`);
    return found;
  }

  function live(projectId: string): Scene[] {
    return [...scenes.values()]
      .filter((entry) => !entry.deleted && entry.current.projectId === projectId)
      .map((entry) => entry.current)
      .sort((a, b) => a.order - b.order);
  }

  return {
    getProject(id: string): Project {
      const project = projects.get(id);
      if (!project) throw new Error(`Project ${id} not found`);
      return project;
    },
    renameProject(id: string, title: string): Project {
      const project = { ...this.getProject(id), title };
      projects.set(id, project);
      return project;
    },
    listScenes: live,
    insertScene(input: Pick<Scene, 'projectId' | 'name' | 'tsxCode' | 'duration'>): Scene {
      const scene: Scene = { ...input, id: `scene-${nextId++}`, order: live(input.projectId).length, revision: 1 };
      scenes.set(scene.id, { current: scene, history: [], deleted: false });
      return scene;
    },
    updateScene(id: string, patch: Partial<Pick<Scene, 'name' | 'tsxCode' | 'duration'>>, expectedRevision?: number): Scene {
      const entry = row(id);
      if (expectedRevision !== undefined && entry.current.revision !== expectedRevision) {
        throw new Error(`Scene ${id} changed meanwhile (revision ${entry.current.revision})`);
      }
      entry.history.push(entry.current);
      entry.current = { ...entry.current, ...patch, revision: entry.current.revision + 1 };
      return entry.current;
    },
    deleteScene(id: string): Scene {
      const entry = row(id);
      entry.deleted = true;
      return entry.current;
    },
    restoreScene(id: string, revision?: number): Scene {
      const entry = row(id);
      const previous = revision === undefined ? entry.history.at(-1) : entry.history.find((s) => s.revision === revision);
      entry.deleted = false;
      if (previous) {
        entry.history.push(entry.current);
        entry.current = { ...previous, revision: entry.current.revision + 1 };
      }
      return entry.current;
    },
    reorderScenes(projectId: string, ids: string[]): Scene[] {
      ids.forEach((id, order) => {
        const entry = row(id);
        entry.current = { ...entry.current, order, revision: entry.current.revision + 1 };
      });
      return live(projectId);
    },
  };
}

export type Db = ReturnType<typeof createDb>;

export const db = createDb();
