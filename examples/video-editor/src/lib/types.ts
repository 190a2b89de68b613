/** One scene of a video project, as the server returns it. */
export interface Scene {
  id: string;
  projectId: string;
  name: string;
  /** The Remotion-style component source the preview compiles. */
  tsxCode: string;
  /** Length in frames. */
  duration: number;
  order: number;
  /** Bumped by the server on every update (optimistic locking). */
  revision: number;
}

export interface Project {
  id: string;
  title: string;
}
