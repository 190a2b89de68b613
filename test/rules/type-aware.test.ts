import path from 'node:path';
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-direct-store-update';
import optimisticRule from '../../src/rules/no-optimistic-scene-update';
import { createRuleTester, span } from '../helpers/cases';

type Options = [{ mode?: 'after-mutation' | 'everywhere' }];
type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

/** A project with real type declarations (ambient `declare module` stubs), read through typescript-eslint's project service. */
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'typed');
const FILE = path.join(FIXTURE, 'src', 'Panel.tsx');

const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      ecmaFeatures: { jsx: true },
      projectService: { allowDefaultProject: [] },
      tsconfigRootDir: FIXTURE,
    },
  },
});
const untypedTester = createRuleTester();

const IMPORTS = `import { useSceneActions, getDeleteScene } from '~/hooks/useSceneActions';
import { api } from '~/trpc/react';
`;

/** A component whose mutation's onSuccess runs `site`; `setup` comes first. */
function component(setup: string, site: string, imports = IMPORTS): string {
  return `${imports}
export function Panel({ projectId }: { projectId: string }) {
  ${setup}
  const m = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      ${site};
    },
  });
  return <button onClick={() => m.mutate({ projectId, sceneId: 'a', name: 'b' })} />;
}
`;
}

interface TypedCase {
  name: string;
  setup: string;
  site: string;
  found: string;
  helper: string;
  /** The suggestion's result: the setup as the codemod leaves it, and the helper call that replaces the site. */
  setupAfter: string;
  rewritten: string;
  /** The imports, when not `IMPORTS`, and what the rewrite leaves of them (the helper's is added after). */
  imports?: string;
  importsAfter?: string;
}

const HELPER_IMPORT = "import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n";

/** Store actions that syntax cannot trace to the store: only their type says what they are. */
const REACHED_BY_TYPE: TypedCase[] = [
  {
    name: 'destructured from a custom hook: const { updateScene } = useSceneActions()',
    setup: 'const { updateScene } = useSceneActions();',
    site: 'updateScene(projectId, scene.id, scene)',
    found: 'updateScene',
    helper: 'sceneSyncHelpers.syncSceneUpdated',
    // The binding is unused after the rewrite and goes; the hook call stays (hooks keep their order).
    setupAfter: 'useSceneActions();',
    rewritten: 'void sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene)',
  },
  {
    name: 'destructured and renamed: const { deleteScene: remove } = useSceneActions()',
    setup: 'const { deleteScene: remove } = useSceneActions();',
    site: 'remove(projectId, scene.id)',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
    setupAfter: 'useSceneActions();',
    rewritten: 'void sceneSyncHelpers.syncSceneDeleted(projectId, scene.id)',
  },
  {
    name: 'a member of the hook result: actions.addScene(...)',
    setup: 'const actions = useSceneActions();',
    site: 'actions.addScene(projectId, scene)',
    found: 'addScene',
    helper: 'sceneSyncHelpers.syncSceneCreated',
    setupAfter: 'const actions = useSceneActions();',
    rewritten: 'void sceneSyncHelpers.syncSceneCreated(projectId, scene)',
  },
  {
    name: 'returned by a helper function: const drop = getDeleteScene()',
    setup: 'const drop = getDeleteScene();',
    site: 'drop(projectId, scene.id)',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
    setupAfter: 'const drop = getDeleteScene();',
    rewritten: 'void sceneSyncHelpers.syncSceneDeleted(projectId, scene.id)',
  },
  {
    // The callee is the import itself: the lookups into other modules see a binding they cannot summarise.
    name: 'an action imported bound: removeScene(...)',
    imports: "import { removeScene } from '~/hooks/useSceneActions';\nimport { api } from '~/trpc/react';\n",
    setup: '',
    site: 'removeScene(projectId, scene.id)',
    found: 'deleteScene',
    helper: 'sceneSyncHelpers.syncSceneDeleted',
    // The import was the site's alone: it goes.
    importsAfter: "import { api } from '~/trpc/react';\n",
    setupAfter: '',
    rewritten: 'void sceneSyncHelpers.syncSceneDeleted(projectId, scene.id)',
  },
];

const typedValid: Valid[] = [];
const typedInvalid: Invalid[] = [];
const untypedValid: Valid[] = [];

for (const typed of REACHED_BY_TYPE) {
  const code = component(typed.setup, typed.site, typed.imports);
  typedInvalid.push({
    name: `[types] ${typed.name}`,
    code,
    filename: FILE,
    options: [{ mode: 'everywhere' }],
    errors: [
      {
        messageId: 'directAction',
        data: { found: typed.found, helper: typed.helper },
        ...span(code, typed.site),
        suggestions: [{ messageId: 'useHelper', data: { helper: typed.helper }, output: component(typed.setupAfter, typed.rewritten, (typed.importsAfter ?? typed.imports ?? IMPORTS) + HELPER_IMPORT) }],
      },
    ],
  });
  // Without type information the rule sees an unknown function: behaviour as before, nothing reported.
  untypedValid.push({ name: `[no types] ${typed.name}`, code, options: [{ mode: 'everywhere' }] });
}

const NOT_ACTIONS: { name: string; setup: string; site: string; imports?: string }[] = [
  {
    name: 'a store member that is not a scene action (selectScene), through the custom hook',
    setup: 'const { selectScene } = useSceneActions();',
    site: 'selectScene(scene.id)',
  },
  {
    name: "another store's action of the same name (useUiState's updateScene)",
    setup: 'const updateScene = useUiState((state) => state.updateScene);',
    site: 'updateScene(projectId, scene.id, scene)',
    imports: `${IMPORTS}import { useUiState } from '~/stores/uiState';\n`,
  },
  {
    name: 'a local function named like the action, with the same signature',
    setup: 'const updateScene = (projectId: string, sceneId: string, scene: { name: string }) => console.log(projectId, sceneId, scene);',
    site: 'updateScene(projectId, scene.id, scene)',
  },
];

for (const other of NOT_ACTIONS) {
  typedValid.push({
    name: `[types] ${other.name}`,
    code: component(other.setup, other.site, other.imports),
    filename: FILE,
    options: [{ mode: 'everywhere' }],
  });
}

// The forms syntax already traces are reported the same with types: nothing is lost, nothing doubled.
{
  const imports = `import { useVideoState } from '~/stores/videoState';\n${IMPORTS}`;
  const site = 'useVideoState.getState().updateScene(projectId, scene.id, scene)';
  const code = component('', site, imports);
  typedInvalid.push({
    name: '[types] a store action syntax traces is reported once',
    code,
    filename: FILE,
    options: [{ mode: 'everywhere' }],
    errors: [
      {
        messageId: 'directAction',
        data: { found: 'updateScene', helper: 'sceneSyncHelpers.syncSceneUpdated' },
        ...span(code, site),
        // The store import is unused after the rewrite and goes.
        suggestions: [
          {
            messageId: 'useHelper',
            data: { helper: 'sceneSyncHelpers.syncSceneUpdated' },
            output: component('', 'void sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene)', IMPORTS + HELPER_IMPORT),
          },
        ],
      },
    ],
  });
}

typedTester.run('no-direct-store-update with type information', rule, { valid: typedValid, invalid: typedInvalid });
untypedTester.run('no-direct-store-update without type information', rule, { valid: untypedValid, invalid: [] });

// The other rules that read store writes see the typed ones too: an optimistic update through the custom hook.
{
  const code = `${IMPORTS}
export function Panel({ projectId }: { projectId: string }) {
  const { updateScene } = useSceneActions();
  const m = api.generation.updateScene.useMutation({
    onMutate: (input) => {
      updateScene(input.projectId, input.sceneId, { name: input.name });
    },
  });
  return <button onClick={() => m.mutate({ projectId, sceneId: 'a', name: 'b' })} />;
}
`;
  const site = 'updateScene(input.projectId, input.sceneId, { name: input.name })';
  typedTester.run('no-optimistic-scene-update with type information', optimisticRule, {
    valid: [],
    invalid: [
      {
        name: '[types] a store action from a custom hook, called in onMutate',
        code,
        filename: FILE,
        errors: [
          {
            messageId: 'optimisticWrite',
            data: { mutation: 'generation.updateScene', found: 'updateScene', helper: 'sceneSyncHelpers.syncSceneUpdated', entity: 'scene' },
            ...span(code, site),
          },
        ],
      },
    ],
  });
  untypedTester.run('no-optimistic-scene-update without type information', optimisticRule, {
    valid: [{ name: '[no types] a store action from a custom hook, called in onMutate', code }],
    invalid: [],
  });
}
