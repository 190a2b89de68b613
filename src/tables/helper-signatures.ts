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

export interface HelperSignature {
  parameters: readonly HelperParameter[];
  /** How the generated helper reads the scene id for its log record, or undefined when the sync has none. */
  loggedSceneId: string | undefined;
}

const parameter = (name: HelperParameterName, type: string): HelperParameter => ({ name, type });
const projectId = parameter('projectId', 'string');
const sceneId = parameter('sceneId', 'SceneId');

export const HELPER_SIGNATURES: Readonly<Record<SyncKind, HelperSignature>> = {
  created: { parameters: [projectId, parameter('scene', 'CreatedSceneInput')], loggedSceneId: 'sceneIdOf(scene)' },
  updated: { parameters: [projectId, sceneId, parameter('scene', 'SceneInput')], loggedSceneId: 'sceneId' },
  deleted: { parameters: [projectId, sceneId], loggedSceneId: 'sceneId' },
  restored: { parameters: [projectId, parameter('scene', 'SceneInput & { id: SceneId }')], loggedSceneId: 'scene.id' },
  changed: { parameters: [projectId], loggedSceneId: undefined },
};
