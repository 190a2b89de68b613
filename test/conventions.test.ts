import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { prefixMethodNames } from '../src/tables/cache-methods';
import {
  DEFAULT_SETTINGS,
  SYNC_KINDS,
  SceneSyncConfigError,
  compileNamePattern,
  createConventions,
  getConventions,
  keywordTest,
  rememberLast,
  resolveSettings,
} from '../src/conventions';
import { siteKeywords } from '../src/analysis';
import { mightHoldChannel } from '../src/analysis/event-bus';
import { mightUpdateSceneTable } from '../src/analysis/revision-guard';
import { commentEndAt, type CommentRanges } from '../src/utils/text-search';

/** The comments typescript-estree finds in a text, as ESLint hands them to the rules. */
function commentsOf(text: string): CommentRanges {
  return parse(text, { comment: true, range: true }).comments ?? [];
}

const defaults = () => createConventions(resolveSettings(undefined));

function configError(raw: unknown): SceneSyncConfigError {
  try {
    resolveSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SceneSyncConfigError);
    return error as SceneSyncConfigError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('defaults', () => {
  it('match the seed document', () => {
    const settings = resolveSettings(undefined);
    expect(settings).toMatchObject({
      store: {
        hooks: ['useVideoState'],
        actions: {
          addScene: 'created',
          updateScene: 'updated',
          deleteScene: 'deleted',
          updateAndRefresh: 'changed',
          replace: 'changed',
          reorderScenes: 'changed',
        },
      },
      queries: [{ path: 'generation.getProjectScenes', key: 'projectId' }],
      client: null,
      helper: {
        module: '~/lib/sync/scene-sync',
        object: 'sceneSyncHelpers',
        functions: {
          created: 'syncSceneCreated',
          updated: 'syncSceneUpdated',
          deleted: 'syncSceneDeleted',
          restored: 'syncSceneRestored',
          changed: 'syncAllScenes',
        },
        style: 'positional',
      },
      allow: [],
    });
    expect(Object.keys(settings.store.actions)).toHaveLength(6);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('are the same for undefined, null and an empty object, and are fresh copies', () => {
    const a = resolveSettings(undefined);
    expect(resolveSettings(null)).toEqual(a);
    expect(resolveSettings({})).toEqual(a);
    a.store.hooks.push('changed');
    a.store.actions.extra = 'created';
    expect(resolveSettings(undefined).store.hooks).toEqual(['useVideoState']);
    expect(DEFAULT_SETTINGS.store.hooks).toEqual(['useVideoState']);
    expect(DEFAULT_SETTINGS.store.actions).not.toHaveProperty('extra');
  });

  it('treat procedures whose name contains Scene as scene mutations', () => {
    const conventions = defaults();
    for (const path of ['generation.updateScene', 'generation.addScene', 'scenes.duplicateScene', 'a.b.deleteScenes', 'generation.restoreScene']) {
      expect(conventions.isSceneMutation(path.split('.')), path).toBe(true);
    }
    for (const path of ['project.renameProject', 'generation.generate', 'scene.update', 'generation.updatescene']) {
      expect(conventions.isSceneMutation(path.split('.')), path).toBe(false);
    }
  });

  it('recognise restore mutations and SSE scene events', () => {
    const conventions = defaults();
    expect(conventions.isRestoreMutation(['generation', 'restoreScene'])).toBe(true);
    expect(conventions.isRestoreMutation(['generation', 'undoSceneChange'])).toBe(true);
    expect(conventions.isRestoreMutation(['scenes', 'revertToVersion'])).toBe(true);
    expect(conventions.isRestoreMutation(['generation', 'updateScene'])).toBe(false);
    expect(conventions.isServerEvent('onSceneCreated')).toBe(true);
    expect(conventions.isServerEvent('onSceneRestored')).toBe(true);
    expect(conventions.isServerEvent('onSceneMoved')).toBe(false);
    expect(conventions.isServerEvent('onMessage')).toBe(false);
  });

  it('answer the rules’ questions about store, queries and helper', () => {
    const conventions = defaults();
    expect([...conventions.storeHooks]).toEqual(['useVideoState']);
    expect(conventions.actionKind('updateScene')).toBe('updated');
    expect(conventions.actionKind('replace')).toBe('changed');
    expect(conventions.actionKind('selectScene')).toBeUndefined();
    // Names of Object.prototype are no actions.
    expect(conventions.actionKind('toString')).toBeUndefined();
    expect(conventions.actionKind('constructor')).toBeUndefined();
    expect(conventions.isSceneQuery(['generation', 'getProjectScenes'])).toBe(true);
    expect(conventions.isSceneQuery(['generation'])).toBe(false);
    expect(conventions.isSceneQuery(['project', 'getProjectScenes'])).toBe(false);
    expect(conventions.routerHoldsSceneQuery([])).toBe(true);
    expect(conventions.routerHoldsSceneQuery(['generation'])).toBe(true);
    expect(conventions.routerHoldsSceneQuery(['project'])).toBe(false);
    expect(conventions.routerHoldsSceneQuery(['generation', 'getProjectScenes'])).toBe(false);
    expect(SYNC_KINDS.map((kind) => conventions.helperCallee(kind))).toEqual([
      'sceneSyncHelpers.syncSceneCreated',
      'sceneSyncHelpers.syncSceneUpdated',
      'sceneSyncHelpers.syncSceneDeleted',
      'sceneSyncHelpers.syncSceneRestored',
      'sceneSyncHelpers.syncAllScenes',
    ]);
    expect(conventions.helperFunction('deleted')).toBe('syncSceneDeleted');
  });
});

describe('custom settings', () => {
  it('replace the defaults key by key and keep the others', () => {
    const settings = resolveSettings({
      store: { hooks: ['useEditorStore'], actions: { upsertDoc: 'updated' } },
      queries: ['docs.list', 'docs.byId'],
      helper: { object: null, functions: { updated: 'docUpdated' }, style: 'object' },
      allow: ['src/legacy/**'],
    });
    expect(settings.store.hooks).toEqual(['useEditorStore']);
    expect(settings.store.actions).toEqual({ upsertDoc: 'updated' });
    expect(settings.queries).toEqual([
      { path: 'docs.list', key: 'projectId' },
      { path: 'docs.byId', key: 'projectId' },
    ]);
    expect(settings.mutations).toEqual(DEFAULT_SETTINGS.mutations);
    expect(settings.helper).toMatchObject({
      module: '~/lib/sync/scene-sync',
      object: null,
      style: 'object',
      functions: { ...DEFAULT_SETTINGS.helper.functions, updated: 'docUpdated' },
    });
    expect(settings.allow).toEqual(['src/legacy/**']);

    const conventions = createConventions(settings);
    expect(conventions.helperCallee('updated')).toBe('docUpdated');
    expect(conventions.helperCallee('deleted')).toBe('syncSceneDeleted');
    expect(conventions.actionKind('updateScene')).toBeUndefined();
    expect(conventions.routerHoldsSceneQuery(['docs'])).toBe(true);
    expect(conventions.routerHoldsSceneQuery(['generation'])).toBe(false);
  });

  it("take the default store's state keys only with the default store", () => {
    expect(resolveSettings(undefined).store.stateKeys).toEqual(['projects']);
    expect(resolveSettings({ store: { actions: { addScene: 'created' } } }).store.stateKeys).toEqual(['projects']);
    expect(resolveSettings({ store: { hooks: ['useEditorStore'] } }).store.stateKeys).toBeNull();
    expect(resolveSettings({ store: { hooks: ['useEditorStore'], stateKeys: ['docs'] } }).store.stateKeys).toEqual(['docs']);
    expect(resolveSettings({ store: { stateKeys: null } }).store.stateKeys).toBeNull();
    const conventions = createConventions(resolveSettings(undefined));
    expect([conventions.holdsSceneState('projects'), conventions.holdsSceneState('selectedSceneId'), conventions.holdsSceneState(undefined)]).toEqual([true, false, true]);
  });

  it('accept a $schema key, as a JSON config file has', () => {
    expect(() => resolveSettings({ $schema: './node_modules/eslint-plugin-scene-sync/schema.json' })).not.toThrow();
  });
});

describe('invalid settings', () => {
  it.each<[string, unknown, string]>([
    ['the root is not an object', 'useVideoState', 'scene-sync: invalid setting "sceneSync": expected an object, got "useVideoState".'],
    ['the root is an array', [], 'scene-sync: invalid setting "sceneSync": expected an object, got [].'],
    ['store is null', { store: null }, 'scene-sync: invalid setting "store": expected an object, got null.'],
    ['store.hooks is a string', { store: { hooks: 'useVideoState' } }, 'scene-sync: invalid setting "store.hooks": expected a non-empty array of identifiers, got "useVideoState".'],
    ['store.hooks is empty', { store: { hooks: [] } }, 'scene-sync: invalid setting "store.hooks": expected a non-empty array of identifiers, got [].'],
    ['a store hook is no identifier', { store: { hooks: ['useVideoState', 'use-store'] } }, 'scene-sync: invalid setting "store.hooks[1]": expected identifiers, got "use-store".'],
    ['store.stateKeys is empty', { store: { stateKeys: [] } }, 'scene-sync: invalid setting "store.stateKeys": expected a non-empty array of state keys (identifiers, not __proto__, constructor or prototype), got [].'],
    ['a state key is __proto__', { store: { stateKeys: ['projects', '__proto__'] } }, 'scene-sync: invalid setting "store.stateKeys[1]": expected state keys (identifiers, not __proto__, constructor or prototype), got "__proto__".'],
    ['store.stateKeys is a string', { store: { stateKeys: 'projects' } }, 'scene-sync: invalid setting "store.stateKeys": expected a non-empty array of state keys (identifiers, not __proto__, constructor or prototype), got "projects".'],
    [
      'store.actions is empty',
      { store: { actions: {} } },
      'scene-sync: invalid setting "store.actions": expected an object mapping at least one action name to a sync kind, got {}.',
    ],
    [
      'an action has an unknown kind',
      { store: { actions: { addScene: 'create' } } },
      'scene-sync: invalid setting "store.actions.addScene": expected one of "created", "updated", "deleted", "restored", "changed", got "create".',
    ],
    [
      'an action name is no identifier',
      { store: { actions: { 'add-scene': 'created' } } },
      'scene-sync: invalid setting "store.actions.add-scene": expected an identifier as action name (not __proto__, constructor or prototype), got "add-scene".',
    ],
    [
      'a query is not a router.procedure path',
      { queries: ['getProjectScenes'] },
      'scene-sync: invalid setting "queries[0]": expected a tRPC procedure path such as "router.procedure", or { "path": "router.procedure", "key": "id" }, got "getProjectScenes".',
    ],
    [
      'a query object has a key that is no identifier',
      { queries: [{ path: 'project.getFullProject', key: 'the id' }] },
      'scene-sync: invalid setting "queries[0].key": expected a JavaScript identifier (not a reserved word), got "the id".',
    ],
    [
      'a query object has no path',
      { queries: ['docs.list', { key: 'id' }] },
      'scene-sync: invalid setting "queries[1].path": expected a tRPC procedure path such as "router.procedure", got undefined.',
    ],
    [
      'a query object has an unknown key',
      { queries: [{ path: 'docs.get', input: 'id' }] },
      'scene-sync: invalid setting "queries[0].input": expected a known key (path, key) instead of this unknown one, got "id".',
    ],
    [
      'client names both a client object and a hook',
      { client: { module: '~/trpc/react', name: 'api', hook: 'useTRPC' } },
      'scene-sync: invalid setting "client": expected either "name" (the createTRPCReact object, such as "api") or "hook" (the TanStack-native context hook, such as "useTRPC"), not both, got {"module":"~/trpc/react","name":"api","hook":"useTRPC"}.',
    ],
    [
      'client has no module',
      { client: { name: 'api' } },
      'scene-sync: invalid setting "client.module": expected the module that exports the tRPC client, such as "~/trpc/react", got undefined.',
    ],
    [
      'client.name is no identifier',
      { client: { module: '~/trpc/react', name: 'api.x' } },
      'scene-sync: invalid setting "client.name": expected a JavaScript identifier (not a reserved word), got "api.x".',
    ],
    [
      'a mutation pattern holds other characters',
      { mutations: ['generation.update Scene'] },
      'scene-sync: invalid setting "mutations[0]": expected patterns over "router.procedure" (*, ** and {a,b} allowed; globs, not regular expressions: "*Scene*", not ".*Scene.*"), got "generation.update Scene".',
    ],
    [
      'helper.module is empty',
      { helper: { module: ' ' } },
      'scene-sync: invalid setting "helper.module": expected a module specifier such as "~/stores/videoState" or "@acme/store" (letters, digits and @ ~ # $ . / : + - _), got " ".',
    ],
    [
      'store.module would close its string literal',
      { store: { module: "x'; require('child_process').execSync('id'); '" } },
      `scene-sync: invalid setting "store.module": expected a module specifier such as "~/stores/videoState" or "@acme/store" (letters, digits and @ ~ # $ . / : + - _), got "x'; require('child_process').execSync('id'); '".`,
    ],
    [
      'a helper function is a reserved word',
      { helper: { functions: { deleted: 'delete' } } },
      'scene-sync: invalid setting "helper.functions.deleted": expected a JavaScript identifier (not a reserved word), got "delete".',
    ],
    ['helper.object is a reserved word', { helper: { object: 'class' } }, 'scene-sync: invalid setting "helper.object": expected a JavaScript identifier (not a reserved word), got "class".'],
    [
      'a mutation pattern is a regular expression',
      { mutations: ['.*Scene.*'] },
      'scene-sync: invalid setting "mutations[0]": expected patterns over "router.procedure" (*, ** and {a,b} allowed; globs, not regular expressions: "*Scene*", not ".*Scene.*"), got ".*Scene.*".',
    ],
    [
      'a store action is __proto__',
      JSON.parse('{ "store": { "actions": { "__proto__": "created" } } }'),
      'scene-sync: invalid setting "store.actions.__proto__": expected an identifier as action name (not __proto__, constructor or prototype), got "__proto__".',
    ],
    [
      'a store action is constructor',
      { store: { actions: { constructor: 'updated' } } },
      'scene-sync: invalid setting "store.actions.constructor": expected an identifier as action name (not __proto__, constructor or prototype), got "constructor".',
    ],
    ['helper.object is no identifier', { helper: { object: 'scene sync' } }, 'scene-sync: invalid setting "helper.object": expected a JavaScript identifier (not a reserved word), got "scene sync".'],
    ['helper.object is a number', { helper: { object: 3 } }, 'scene-sync: invalid setting "helper.object": expected a JavaScript identifier (not a reserved word), got 3.'],
    [
      'a helper function is no identifier',
      { helper: { functions: { updated: 'sync.updated' } } },
      'scene-sync: invalid setting "helper.functions.updated": expected a JavaScript identifier (not a reserved word), got "sync.updated".',
    ],
    ['helper.style is unknown', { helper: { style: 'named' } }, 'scene-sync: invalid setting "helper.style": expected "positional" or "object", got "named".'],
    ['allow is a string', { allow: 'src/legacy/**' }, 'scene-sync: invalid setting "allow": expected an array of glob strings, got "src/legacy/**".'],
    ['an allow glob is empty', { allow: ['src/**', ''] }, 'scene-sync: invalid setting "allow[1]": expected a non-empty glob string, got "".'],
  ])('%s', (_name, raw, message) => {
    const error = configError(raw);
    expect(error.message).toBe(message);
    expect(error.name).toBe('SceneSyncConfigError');
  });

  it('exposes key, value and expectation on the error', () => {
    const error = configError({ helper: { style: 'named' } });
    expect(error.key).toBe('helper.style');
    expect(error.value).toBe('named');
    expect(error.expected).toBe('"positional" or "object"');
  });

  it('shortens a long value in the message', () => {
    const long = 'x'.repeat(200);
    const error = configError({ store: { hooks: long } });
    expect(error.message).toContain(`got "${'x'.repeat(76)}...`);
    expect(error.message.length).toBeLessThan(200);
  });

  it.each<[string, unknown, string]>([
    ['at the root', { stores: {} }, 'stores'],
    ['in store', { store: { hook: ['useVideoState'] } }, 'store.hook'],
    ['in helper', { helper: { name: 'x' } }, 'helper.name'],
    ['in helper.functions', { helper: { functions: { renamed: 'syncSceneRenamed' } } }, 'helper.functions.renamed'],
  ])('rejects an unknown key %s', (_where, raw, key) => {
    const error = configError(raw);
    expect(error.key).toBe(key);
    expect(error.message).toMatch(new RegExp(`^scene-sync: invalid setting "${key.replace(/\./g, '\\.')}": expected a known key \\([^)]+\\) instead of this unknown one, got `));
  });

  it('lists the known keys when rejecting an unknown one', () => {
    expect(configError({ helper: { name: 'x' } }).message).toBe(
      'scene-sync: invalid setting "helper.name": expected a known key (module, object, functions, style) instead of this unknown one, got "x".',
    );
    expect(configError({ helper: { functions: { renamed: 'f' } } }).message).toBe(
      'scene-sync: invalid setting "helper.functions.renamed": expected a known key (created, updated, deleted, restored, changed) instead of this unknown one, got "f".',
    );
  });

  it('getConventions rejects invalid settings too, and caches valid ones per object', () => {
    expect(() => getConventions({ queries: 'generation.getProjectScenes' })).toThrow(SceneSyncConfigError);
    expect(() => getConventions('x')).toThrow('invalid setting "sceneSync"');
    const raw = { queries: ['docs.list'] };
    expect(getConventions(raw)).toBe(getConventions(raw));
    expect(getConventions(undefined)).toBe(getConventions(null));
    expect(getConventions(raw).isSceneQuery(['docs', 'list'])).toBe(true);
  });
});

describe('entity', () => {
  it('defaults to scene and names the plural in messages', () => {
    const conventions = createConventions(resolveSettings({}));
    expect([conventions.entity, conventions.entities]).toEqual(['scene', 'scenes']);
  });

  it('takes the app\'s own word and forms its plural', () => {
    const plurals = ['document', 'board', 'entry', 'box', 'sketch', 'day', 'story board'].map((entity) => createConventions(resolveSettings({ entity })).entities);
    expect(plurals).toEqual(['documents', 'boards', 'entries', 'boxes', 'sketches', 'days', 'story boards']);
  });

  it('rejects what is not a noun, naming the key', () => {
    for (const entity of ['', 'x\'; alert(1)', 42, 'a'.repeat(41), '1st']) {
      expect(() => resolveSettings({ entity }), String(entity)).toThrow(/invalid setting "entity": expected a singular noun/);
    }
  });
});

describe('compileNamePattern', () => {
  it.each<[string, string, boolean]>([
    // `*` stays within one segment.
    ['docs.*', 'docs.save', true],
    ['docs.*', 'docs.a.save', false],
    ['docs.*', 'other.save', false],
    ['docs.*', 'docs', false],
    ['generation.*Scene', 'generation.updateScene', true],
    ['generation.*Scene', 'generation.updateScenes', false],
    // `**.` spans any number of leading segments, including none.
    ['**.*Scene*', 'generation.updateScene', true],
    ['**.*Scene*', 'a.b.c.deleteScenes', true],
    ['**.*Scene*', 'updateScene', true],
    ['**.*Scene*', 'generation.update', false],
    ['**.*Scene*', 'scene.update', false],
    // `**` alone spans anything.
    ['generation.**', 'generation.a.b', true],
    ['generation.**', 'project.a', false],
    // `{a,b}` is an alternative.
    ['**.{restore,undo}*', 'generation.restoreScene', true],
    ['**.{restore,undo}*', 'generation.undo', true],
    ['**.{restore,undo}*', 'generation.redo', false],
    ['onScene{Created,Updated}', 'onSceneCreated', true],
    ['onScene{Created,Updated}', 'onSceneDeleted', false],
    // Without a dot, the pattern matches the last segment only.
    ['*Scene', 'generation.updateScene', true],
    ['*Scene', 'updateScene', true],
    ['updateScene', 'generation.updateScene', true],
    ['generation', 'generation.updateScene', false],
    // Matching is whole and case-sensitive; regular-expression characters are literal.
    ['docs.list', 'docs.listAll', false],
    ['docs.list', 'xdocs.list', false],
    ['*Scene*', 'generation.updatescene', false],
    ['a$.b', 'a$.b', true],
    ['a.b', 'aXb', false],
  ])('%s on %s is %s', (pattern, name, expected) => {
    expect(compileNamePattern(pattern)(name)).toBe(expected);
  });
});

describe('isAllowedFile', () => {
  const cwd = '/repo';

  it('always allows the helper module, under any root and with any code extension', () => {
    const conventions = defaults();
    for (const file of [
      'src/lib/sync/scene-sync.ts',
      '/repo/src/lib/sync/scene-sync.tsx',
      '/repo/apps/web/src/lib/sync/scene-sync.js',
      '/repo/src/lib/sync/scene-sync/index.ts',
      'src\\lib\\sync\\scene-sync.ts',
    ]) {
      expect(conventions.isAllowedFile(file, cwd), file).toBe(true);
    }
    for (const file of ['/repo/src/lib/sync/scene-sync.test.ts', '/repo/src/lib/sync/other.ts', '/repo/src/components/scene-sync.ts', '/repo/src/lib/sync/scene-sync.json']) {
      expect(conventions.isAllowedFile(file, cwd), file).toBe(false);
    }
  });

  it('follows a custom helper module', () => {
    const conventions = createConventions(resolveSettings({ helper: { module: '@/sync/doc-sync' } }));
    expect(conventions.isAllowedFile('/repo/src/sync/doc-sync.ts', cwd)).toBe(true);
    expect(conventions.isAllowedFile('/repo/src/lib/sync/scene-sync.ts', cwd)).toBe(false);
  });

  it('matches allow globs against the path relative to cwd, and against the absolute path', () => {
    const conventions = createConventions(resolveSettings({ allow: ['src/stores/**', '**/legacy/*.tsx'] }));
    expect(conventions.isAllowedFile('/repo/src/stores/videoState.ts', cwd)).toBe(true);
    expect(conventions.isAllowedFile('src/stores/nested/slice.ts', cwd)).toBe(true);
    expect(conventions.isAllowedFile('/repo/packages/app/legacy/Old.tsx', cwd)).toBe(true);
    expect(conventions.isAllowedFile('/elsewhere/src/stores/videoState.ts', cwd)).toBe(false);
    expect(conventions.isAllowedFile('/repo/src/components/Panel.tsx', cwd)).toBe(false);
    expect(conventions.isAllowedFile('/repo/packages/app/legacy/Old.ts', cwd)).toBe(false);
  });

  it('reads the path relative to cwd as path.relative does: dot segments, doubled slashes, a sibling folder that starts alike, cwd with a slash', () => {
    const conventions = createConventions(resolveSettings({ allow: ['src/stores/**'] }));
    for (const file of ['/repo/src/../src/stores/a.ts', '/repo/./src/stores/a.ts', '/repo//src/stores/a.ts', '/repo/lib/../src/stores/a.ts']) {
      expect(conventions.isAllowedFile(file, cwd), file).toBe(true);
    }
    expect(conventions.isAllowedFile('/repo/src/stores/../other/a.ts', cwd)).toBe(false);
    expect(conventions.isAllowedFile('/repository/src/stores/a.ts', cwd)).toBe(false);
    expect(conventions.isAllowedFile('/repo/src/stores/a.ts', '/repo/')).toBe(true);
    expect(conventions.isAllowedFile('/other/src/stores/a.ts', '/repo/../other')).toBe(true);
  });

  it('allows nothing but the helper by default', () => {
    expect(defaults().isAllowedFile('/repo/src/stores/videoState.ts', cwd)).toBe(false);
  });
});

describe('isHelperModule', () => {
  it.each<[string, boolean]>([
    ['~/lib/sync/scene-sync', true],
    ['@/lib/sync/scene-sync', true],
    ['#/lib/sync/scene-sync', true],
    ['../../lib/sync/scene-sync', true],
    ['./lib/sync/scene-sync', true],
    ['src/lib/sync/scene-sync', true],
    ['~/lib/sync/scene-sync.ts', true],
    ['~/lib/sync/scene-sync/index', true],
    ['~/lib/sync/scene-sync-extra', false],
    ['~/lib/sync/other', false],
    ['~/lib/scene-sync', false],
    ['mylib/sync/scene-sync', false],
    ['scene-sync', false],
    ['~/lib/sync', false],
  ])('%s is the helper module: %s', (source, expected) => {
    expect(defaults().isHelperModule(source)).toBe(expected);
  });

  it('follows a custom module', () => {
    const conventions = createConventions(resolveSettings({ helper: { module: '~/sync/doc-sync' } }));
    expect(conventions.isHelperModule('@/sync/doc-sync')).toBe(true);
    expect(conventions.isHelperModule('../sync/doc-sync')).toBe(true);
    expect(conventions.isHelperModule('~/lib/sync/scene-sync')).toBe(false);
  });
});

describe('rememberLast', () => {
  it('asks again for another text or other conventions, and not for the same', () => {
    const asked: string[] = [];
    const test = rememberLast((text: string) => {
      asked.push(text);
      return text.length;
    });
    const conventions = defaults();
    const other = createConventions(resolveSettings({ entity: 'doc' }));
    expect([test('ab', conventions), test('ab', conventions), test('abc', conventions), test('abc', other), test(['a', 'bc'].join(''), other)]).toEqual([2, 2, 3, 3, 3]);
    expect(asked).toEqual(['ab', 'abc', 'abc']);
  });

  it('asks again for the same text with other comments', () => {
    let asked = 0;
    const test = rememberLast((_text: string, _conventions, comments) => {
      asked++;
      return comments?.length ?? -1;
    });
    const conventions = defaults();
    const comments = commentsOf('// a\nb');
    expect([test('// a\nb', conventions), test('// a\nb', conventions, comments), test('// a\nb', conventions, comments), test('// a\nb', conventions)]).toEqual([-1, 1, 1, -1]);
    expect(asked).toBe(3);
  });
});

describe('words inside comments', () => {
  const conventions = defaults();

  it('do not count once the comments are known; before, every occurrence counts', () => {
    const texts = [
      '// utils.generation.getProjectScenes.invalidate()\nexport const x = 1;',
      '/** Reads useVideoState, then invalidates. */\nexport function f() {}',
      'const a = 1; /* api.generation.updateScene.useMutation() */ const b = 2;',
      '/* one useVideoState */ f(); /* two useVideoState */',
    ];
    for (const text of texts) {
      expect(conventions.mightConcern(text), text).toBe(true);
      expect(conventions.mightConcern(text, commentsOf(text)), text).toBe(false);
    }
  });

  it('count in code next to, between and right after comments, and in strings', () => {
    const texts = [
      '// useVideoState\nuseVideoState.setState({});',
      '/* useVideoState */useVideoState.setState({});',
      '/* a */ useVideoState /* b */',
      "const key = [['generation', 'getProjectScenes']]; // nothing here",
      'const url = "http://example.com/useVideoState";',
    ];
    for (const text of texts) expect(conventions.mightConcern(text, commentsOf(text)), text).toBe(true);
  });

  it('do not count for words that ignore case, a mutation call, the event bus or the scene table', () => {
    const sceneWord = keywordTest([{ word: 'scene', ignoreCase: true }]);
    expect(sceneWord('// SCENE\nf();', commentsOf('// SCENE\nf();'))).toBe(false);
    expect(sceneWord("// scene\nemit('SCENE');", commentsOf("// scene\nemit('SCENE');"))).toBe(true);
    const options = { typed: false, crossModule: true };
    const commented = '// m.mutate()\nexport const x = 1;';
    expect(siteKeywords(commented, conventions, options)).toBe('if-a-mutation-hook-is-imported');
    expect(siteKeywords(commented, conventions, options, commentsOf(commented))).toBe('none');
    const channel = "// emitter.emit('scene:updated') on an EventEmitter\nexport {};";
    expect(mightHoldChannel(channel, conventions)).toBe(true);
    expect(mightHoldChannel(channel, conventions, commentsOf(channel))).toBe(false);
    const table = '/* db.update(scenes) */ export {};';
    expect(mightUpdateSceneTable(table, conventions)).toBe(true);
    expect(mightUpdateSceneTable(table, conventions, commentsOf(table))).toBe(false);
  });

  it('are found by where each comment starts and ends', () => {
    const comments = commentsOf('a; /* b */ c; // d');
    expect([0, 3, 9, 10, 11, 14, 17, 18].map((offset) => commentEndAt(comments, offset))).toEqual([-1, 10, 10, -1, -1, 18, 18, -1]);
  });
});

describe('mightConcern', () => {
  it('lets files that name nothing of the conventions be skipped', () => {
    const conventions = defaults();
    expect(conventions.mightConcern("export const x = 1;\nconsole.log('hello');")).toBe(false);
    expect(conventions.mightConcern("import { useVideoState } from '~/stores/videoState';")).toBe(true);
    expect(conventions.mightConcern('await client.generation.updateScene.mutate({})')).toBe(true);
    expect(conventions.mightConcern('useSSE({ onSceneCreated })')).toBe(true);
  });

  it('needs a word every site needs, not words most React files hold', () => {
    const conventions = defaults();
    for (const text of ['const utils = api.useUtils();', 'const m = useMutation({ mutationFn }); m.mutate();', 'api.generation.getProjects.useQuery()', 'utils.project.invalidate()']) {
      expect(conventions.mightConcern(text), text).toBe(false);
    }
    for (const text of ['utils.generation.getProjectScenes.refetch()', 'utils.generation.invalidate()', 'utils.invalidate(); api.useUtils()', 'queryClient.refetchQueries(trpc.pathFilter())']) {
      expect(conventions.mightConcern(text), text).toBe(true);
    }
  });

  it('counts a router segment only where a site can spell it: as a member, a key or an entry of a pattern', () => {
    const conventions = defaults();
    const property = [
      'utils.generation.invalidate()',
      'utils?.generation.invalidate()',
      'utils\n  .generation\n  .invalidate()',
      'const { generation } = api.useUtils(); generation.invalidate()',
      'const { a, generation: g } = utils; g.invalidate()',
      'generation?.invalidate()',
      "queryClient.invalidateQueries({ queryKey: [['generation']] })",
      'queryClient.invalidateQueries({ queryKey: [[`generation`]] })',
      "queryClient.invalidateQueries({ queryKey: [[\"generation\"]] })",
      'utils.\u00a0\u2028generation.invalidate()',
      'utils./* the router */ generation.invalidate()',
      'const { /* scenes */ generation } = utils; generation /* all */ .invalidate()',
    ];
    for (const text of property) expect(conventions.mightConcern(text), text).toBe(true);
    const bare = [
      'const generation = i + 1\ncsr.invalidate(graph)',
      'marks[j] = generation\n}\ncache.invalidate()',
      'if (marks[j] === generation) cache.invalidate()',
      'let generation: number; cache.invalidate(generation)',
      'x =\u00a0generation\u2029; cache.invalidate()',
    ];
    for (const text of bare) expect(conventions.mightConcern(text), text).toBe(false);
  });

  it("spells the configured routers' segments the same way", () => {
    const conventions = createConventions(resolveSettings({ queries: ['boards.getBoard'], mutations: ['boards.*'] }));
    expect(conventions.mightConcern('utils.boards.invalidate()')).toBe(true);
    expect(conventions.mightConcern('const boards = await load();\nboards.length && cache.invalidate()')).toBe(true);
    expect(conventions.mightConcern('const boards = await load();\ncache.invalidate(boards)')).toBe(false);
    expect(conventions.mightConcern('utils.generation.invalidate()')).toBe(false);
  });

  it("counts useUtils, useContext and the path builders only as a client's methods, not React's useContext", () => {
    const conventions = defaults();
    const react = "import { useContext } from 'react';\nconst theme = useContext(Theme);\nqueryClient.invalidateQueries(filters);";
    expect(conventions.mightConcern(react)).toBe(false);
    const members = [
      'const utils = api.useContext(); utils.invalidate();',
      'const utils = api\n  .useUtils(); utils.invalidate();',
      "const utils = api['useUtils'](); utils.invalidate();",
      'const utils = api./* v10 */ useContext(); utils.invalidate();',
      'queryClient.invalidateQueries(trpc.pathFilter())',
      'queryClient.invalidateQueries({ queryKey: trpc.pathKey() })',
    ];
    for (const text of members) expect(conventions.mightConcern(text), text).toBe(true);
  });

  it('does not count a router segment in a comment, next to a member that is code', () => {
    const conventions = defaults();
    const text = 'cache.invalidate() // the .generation router\n';
    expect(conventions.mightConcern(text)).toBe(true);
    expect(conventions.mightConcern(text, commentsOf(text))).toBe(false);
    const after = '/* generation */ x.generation; cache.invalidate()';
    expect(conventions.mightConcern(after, commentsOf(after))).toBe(true);
  });

  it('looks for the custom names', () => {
    const conventions = createConventions(resolveSettings({ store: { hooks: ['useEditorStore'] }, queries: ['docs.list'], mutations: ['docs.{rename,remove}*'] }));
    expect(conventions.mightConcern('useEditorStore.setState({})')).toBe(true);
    expect(conventions.mightConcern('queryClient.invalidateQueries(trpc.docs.list.queryKey())')).toBe(true);
    expect(conventions.mightConcern('const m = api.docs.removeDoc.useMutation()')).toBe(true);
    expect(conventions.mightConcern('useVideoState.setState({})')).toBe(false);
  });

  it('needs a call that makes a mutation next to the name of a scene procedure, not the entity name alone', () => {
    const conventions = defaults();
    for (const text of ['const scene = new THREE.Scene();', 'export class SceneGraph {}', 'function updateScene(scene: Scene) {}']) {
      expect(conventions.mightConcern(text), text).toBe(false);
      expect(conventions.mightNameMutation(text), text).toBe(true);
    }
    for (const text of ['api.generation.updateScene.useMutation()', 'useMutation(trpc.generation.addScene.mutationOptions())', 'client.generation.deleteScene.mutateAsync({})']) {
      expect(conventions.mightConcern(text), text).toBe(true);
    }
    expect(conventions.mightNameMutation('const utils = api.useUtils();')).toBe(false);
  });

  it('counts a server event name as a word, in its own patterns', () => {
    const conventions = createConventions(resolveSettings({ mutations: ['docs.*'], serverEvents: ['onDoc{Changed,Removed}'] }));
    expect(conventions.mightConcern('useSSE({ onDocChanged: refresh })')).toBe(true);
    expect(conventions.mightConcern('useSSE({ onSceneCreated: refresh })')).toBe(false);
  });

  it('passes every prefix method of the cache table, each with a router word, through its first scan', () => {
    const conventions = defaults();
    for (const method of prefixMethodNames()) {
      expect(conventions.mightConcern(`queryClient.${method}(trpc.generation.pathFilter())`), method).toBe(true);
      expect(conventions.mightConcern(`queryClient.${method}(trpc.project.pathFilter())`), method).toBe(true);
      expect(conventions.mightConcern(`queryClient.${method}(other)`), method).toBe(false);
    }
  });

  it('still answers with more words than the covering search and the pairing of words take', () => {
    const hooks = Array.from({ length: 2_000 }, (_, index) => `useStoreNumber${index}`);
    const conventions = createConventions(resolveSettings({ store: { hooks } }));
    expect(conventions.mightConcern('useStoreNumber1999.getState()')).toBe(true);
    expect(conventions.mightConcern('useStoreNumber.getState()')).toBe(false);
  });
});

describe('keywordTest and the keywords of the text tests', () => {
  it('matches a word in its case rule, and lets a case-ignoring word stand for the words that hold it', () => {
    const test = keywordTest([
      { word: 'Scene', ignoreCase: false },
      { word: 'scene', ignoreCase: true },
      { word: 'useVideoState', ignoreCase: false },
    ]);
    for (const text of ['SCENE_UPDATED', 'addScene()', 'useVideoState()', 'sCeNe']) expect(test(text), text).toBe(true);
    for (const text of ['usevideostate', 'scen e', '']) expect(test(text), text).toBe(false);
    expect(keywordTest([{ word: 'doc', ignoreCase: false }])('DOC')).toBe(false);
  });

  it('finds a word however its rarest letters recur: before it, overlapping it, at the very start and end', () => {
    const test = keywordTest([{ word: 'useVideoState', ignoreCase: false }]);
    for (const text of ['useVideoState', 'VideoState useVideoState', 'seVideoStateuseVideoState', 'x.useVideoState']) expect(test(text), text).toBe(true);
    for (const text of ['VideoState', 'usVideoState', 'useVideoStat', 'use VideoState', 'VideoStateuse']) expect(test(text), text).toBe(false);
    const invalidate = keywordTest([{ word: 'invalidate', ignoreCase: false }]);
    expect(['validate(x); invalidate()', 'invalidate', 'validate', 'in validate'].map((text) => invalidate(text))).toEqual([true, true, false, false]);
  });

  it('gives words one of which every text mightConcern passes holds', () => {
    const conventions = defaults();
    const gate = keywordTest(conventions.concernKeywords);
    const passing = ["import { useVideoState } from '~/stores/videoState';", 'await client.generation.updateScene.mutate({})', 'utils.generation.invalidate()', 'queryClient.refetchQueries(trpc.pathFilter())'];
    for (const text of passing) {
      expect(conventions.mightConcern(text), text).toBe(true);
      expect(gate(text), text).toBe(true);
    }
    expect(conventions.concernKeywords.map(({ word }) => word).sort()).toEqual(['Queries', 'Scene', 'invalidate', 'useVideoState']);
  });

  it('names the event-name word of a plain pattern, and none for a pattern with alternatives', () => {
    expect(defaults().sceneEventKeyword).toEqual({ word: 'scene', ignoreCase: true });
    expect(createConventions(resolveSettings({ eventBus: { eventNames: '^doc:saved', caseSensitive: true } })).sceneEventKeyword).toEqual({ word: 'saved', ignoreCase: false });
    expect(createConventions(resolveSettings({ eventBus: { eventNames: 'doc|page' } })).sceneEventKeyword).toBeUndefined();
  });
});

describe('mightNameSceneEvent', () => {
  it('needs the word of a plain pattern, in any case unless caseSensitive', () => {
    const conventions = defaults();
    for (const text of ["bus.emit('scene.updated')", "emit('SCENE_DELETED')", 'const onSceneRestored = 1']) expect(conventions.mightNameSceneEvent(text), text).toBe(true);
    expect(conventions.mightNameSceneEvent("window.dispatchEvent(new CustomEvent('resize'))")).toBe(false);
    const exact = createConventions(resolveSettings({ eventBus: { eventNames: '^doc:', caseSensitive: true } }));
    expect(exact.mightNameSceneEvent("emit('doc:saved')")).toBe(true);
    expect(exact.mightNameSceneEvent("emit('DOC:saved')")).toBe(false);
  });

  it('takes the longest word of a sequence, and lets everything through for a pattern with alternatives or classes', () => {
    const dotted = createConventions(resolveSettings({ eventBus: { eventNames: 'board.changed' } }));
    expect(dotted.mightNameSceneEvent("emit('board-changed')")).toBe(true);
    expect(dotted.mightNameSceneEvent("emit('board-moved')")).toBe(false);
    for (const eventNames of ['doc|page', '[dp]oc', 'do(c)', 'docs?', '\\bdoc']) {
      expect(createConventions(resolveSettings({ eventBus: { eventNames } })).mightNameSceneEvent('nothing here'), eventNames).toBe(true);
    }
  });
});

describe('eventBus and database settings', () => {
  it('default to the seed: a bus named eventBus, events that mention a scene, the scenes table with a revision column', () => {
    const settings = resolveSettings(undefined);
    expect(settings.eventBus).toEqual({ objects: ['eventBus'], eventNames: 'scene', caseSensitive: false });
    expect(settings.database).toEqual({ sceneTable: 'scenes', revisionColumn: 'revision' });
    const conventions = defaults();
    for (const name of ['scene.updated', 'SCENE_DELETED', 'onSceneRestored', 'reorder-scenes']) expect(conventions.isSceneEvent(name), name).toBe(true);
    for (const name of ['chat:message', 'project.renamed', 'resize']) expect(conventions.isSceneEvent(name), name).toBe(false);
  });

  it('take a custom pattern, case-sensitive on request, and an empty list of buses', () => {
    const settings = resolveSettings({ eventBus: { objects: [], eventNames: '^timeline[.:]', caseSensitive: true }, database: { sceneTable: 'documents' } });
    expect(settings.eventBus).toEqual({ objects: [], eventNames: '^timeline[.:]', caseSensitive: true });
    expect(settings.database).toEqual({ sceneTable: 'documents', revisionColumn: 'revision' });
    const conventions = createConventions(settings);
    expect(conventions.isSceneEvent('timeline:changed')).toBe(true);
    expect(conventions.isSceneEvent('Timeline:changed')).toBe(false);
    expect(conventions.isSceneEvent('scene.updated')).toBe(false);
  });

  it.each<[string, unknown, string]>([
    ['eventBus.objects not an array', { eventBus: { objects: 'eventBus' } }, 'scene-sync: invalid setting "eventBus.objects": expected an array of identifiers (may be empty), got "eventBus".'],
    ['eventBus.objects entry', { eventBus: { objects: ['event-bus'] } }, 'scene-sync: invalid setting "eventBus.objects[0]": expected an identifier, got "event-bus".'],
    ['eventBus.eventNames not a string', { eventBus: { eventNames: /scene/ } }, 'scene-sync: invalid setting "eventBus.eventNames": expected a non-empty regular expression source such as "scene" or "^scene[.:]", got {}.'],
    ['eventBus.caseSensitive', { eventBus: { caseSensitive: 'yes' } }, 'scene-sync: invalid setting "eventBus.caseSensitive": expected true or false, got "yes".'],
    ['database.sceneTable', { database: { sceneTable: 'bazaar-vid_scenes' } }, 'scene-sync: invalid setting "database.sceneTable": expected a JavaScript identifier (not a reserved word), got "bazaar-vid_scenes".'],
    ['database.revisionColumn', { database: { revisionColumn: 2 } }, 'scene-sync: invalid setting "database.revisionColumn": expected a JavaScript identifier (not a reserved word), got 2.'],
    ['unknown key in eventBus', { eventBus: { names: 'scene' } }, 'scene-sync: invalid setting "eventBus.names": expected a known key (objects, eventNames, caseSensitive) instead of this unknown one, got "scene".'],
    ['unknown key in database', { database: { table: 'scenes' } }, 'scene-sync: invalid setting "database.table": expected a known key (sceneTable, revisionColumn) instead of this unknown one, got "scenes".'],
  ])('reject %s', (_name, raw, message) => {
    expect(configError(raw).message).toBe(message);
  });

  it('reject an event pattern that is not a regular expression, with the parser\u2019s reason', () => {
    expect(configError({ eventBus: { eventNames: 'scene(' } }).message).toMatch(
      /^scene-sync: invalid setting "eventBus\.eventNames": expected a valid regular expression source \(.+\), got "scene\("\.$/,
    );
  });
});

describe('per-query keys and the client', () => {
  it('give each query its own input key, projectKey for the others, and read the client', () => {
    const settings = resolveSettings({
      projectKey: 'workspaceId',
      queries: ['docs.list', { path: 'docs.get', key: 'docId' }, { path: 'docs.tree' }],
      client: { module: '~/trpc/client', hook: 'useTRPC' },
    });
    expect(settings.queries).toEqual([
      { path: 'docs.list', key: 'workspaceId' },
      { path: 'docs.get', key: 'docId' },
      { path: 'docs.tree', key: 'workspaceId' },
    ]);
    expect(settings.client).toEqual({ kind: 'tanstack', module: '~/trpc/client', hook: 'useTRPC' });
    const conventions = createConventions(settings);
    expect(conventions.queryKey(['docs', 'get'])).toBe('docId');
    expect(conventions.queryKey(['docs', 'list'])).toBe('workspaceId');
    expect(conventions.queryKey(['docs', 'other'])).toBeUndefined();
    expect(conventions.isSceneQuery(['docs', 'get'])).toBe(true);
    expect(conventions.routerHoldsSceneQuery(['docs'])).toBe(true);
    expect(resolveSettings({ client: { module: '~/trpc/react', name: 'api' } }).client).toEqual({ kind: 'classic', module: '~/trpc/react', name: 'api' });
  });
});

describe('crossModule and tsconfig settings', () => {
  it('default to following imports, with the nearest tsconfig.json', () => {
    const settings = resolveSettings(undefined);
    expect(settings.crossModule).toBe(true);
    expect(settings.tsconfig).toBeNull();
    expect(resolveSettings({ crossModule: false, tsconfig: 'apps/web/tsconfig.json' })).toMatchObject({ crossModule: false, tsconfig: 'apps/web/tsconfig.json' });
  });

  it.each<[string, unknown, string]>([
    ['crossModule not a boolean', { crossModule: 'off' }, 'scene-sync: invalid setting "crossModule": expected true or false, got "off".'],
    ['tsconfig empty', { tsconfig: ' ' }, 'scene-sync: invalid setting "tsconfig": expected a path to a tsconfig file, or null, got " ".'],
    ['tsconfig not a string', { tsconfig: ['tsconfig.json'] }, 'scene-sync: invalid setting "tsconfig": expected a path to a tsconfig file, or null, got ["tsconfig.json"].'],
  ])('reject %s', (_name, raw, message) => {
    expect(configError(raw).message).toBe(message);
  });
});
