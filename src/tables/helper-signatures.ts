import type { SyncKind } from '../conventions';

/**
 * What each sync helper takes, in order. The positional style passes these as arguments (plus an
 * optional `source` label last); the object style as properties of one argument (plus `utils` and
 * `source`). `init` renders the helper module from this table and the planner writes calls from it.
 * The store actions a rewrite replaces take the same values in the same order:
 * `updateScene(projectId, sceneId, scene)` becomes `syncSceneUpdated(projectId, sceneId, scene)`.
 */
export type HelperParameterName = 'projectId' | 'sceneId' | 'scene';

export interface HelperParameter {
  name: HelperParameterName;
  /** Its type in the generated module, which declares `SceneId`, `SceneInput` and `CreatedSceneInput`. */
  type: string;
}

const parameter = (name: HelperParameterName, type: string): HelperParameter => ({ name, type });

export const HELPER_SIGNATURES: Readonly<Record<SyncKind, readonly HelperParameter[]>> = {
  created: [parameter('projectId', 'string'), parameter('scene', 'CreatedSceneInput')],
  updated: [parameter('projectId', 'string'), parameter('sceneId', 'SceneId'), parameter('scene', 'SceneInput')],
  deleted: [parameter('projectId', 'string'), parameter('sceneId', 'SceneId')],
  restored: [parameter('projectId', 'string'), parameter('scene', 'SceneInput & { id: SceneId }')],
  changed: [parameter('projectId', 'string')],
};
