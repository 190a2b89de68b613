import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { Linter as Linter9 } from 'eslint-v9';
import { defineConfig } from 'eslint/config';
import { describe, expect, it, vi } from 'vitest';
import plugin from '../src';
import { lint, allRules, type RuleName } from './helpers/lint';
import { SNIPPETS, TS_ONLY_SNIPPETS } from './helpers/snippets';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
const RULE_NAMES: RuleName[] = [
  'no-direct-store-update',
  'no-manual-invalidate',
  'no-optimistic-scene-update',
  'no-scene-event-bus',
  'require-revision-guard',
  'require-sync-after-mutation',
];

describe('plugin object', () => {
  it('has the shape { meta: { name, version }, rules, configs }', () => {
    expect(Object.keys(plugin).sort()).toEqual(['configs', 'meta', 'rules']);
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
    expect(plugin.meta.name).toBe('eslint-plugin-scene-sync');
    expect(Object.keys(plugin.rules).sort()).toEqual(RULE_NAMES);
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'strict']);
  });

  it('gives every rule a description, a docs URL, messages and a schema', () => {
    for (const name of RULE_NAMES) {
      const meta = plugin.rules[name].meta!;
      expect(meta.type, name).toBe('problem');
      expect(meta.docs?.description, name).toMatch(/\S/);
      expect(meta.docs?.url, name).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
      expect(Object.keys(meta.messages ?? {}).length, name).toBeGreaterThan(0);
      expect(Array.isArray(meta.schema), name).toBe(true);
    }
  });

  it('validates the mode option', () => {
    expect(() => lint('const x = 1;', { rules: { 'no-direct-store-update': [{ mode: 'sometimes' }] } })).toThrow(/"sometimes" should be equal to one of the allowed values/);
    expect(() => lint('const x = 1;', { rules: { 'no-manual-invalidate': [{ mode: 'everywhere', extra: true }] } })).toThrow(/should NOT have additional properties/);
  });
});

describe('configs', () => {
  const { recommended, strict } = plugin.configs;

  it('are named flat configs that register the plugin under scene-sync', () => {
    expect(recommended.name).toBe('scene-sync/recommended');
    expect(strict.name).toBe('scene-sync/strict');
    for (const config of [recommended, strict]) {
      expect(Object.keys(config.plugins ?? {})).toEqual(['scene-sync']);
      expect(config.plugins?.['scene-sync']).toBe(plugin);
    }
  });

  it('turn every rule on: recommended after mutations, strict everywhere', () => {
    expect(recommended.rules).toEqual({
      'scene-sync/no-direct-store-update': 'error',
      'scene-sync/no-manual-invalidate': 'error',
      'scene-sync/no-optimistic-scene-update': 'error',
      'scene-sync/require-sync-after-mutation': 'error',
    });
    expect(strict.rules).toEqual({
      'scene-sync/no-direct-store-update': ['error', { mode: 'everywhere' }],
      'scene-sync/no-manual-invalidate': ['error', { mode: 'everywhere' }],
      'scene-sync/no-optimistic-scene-update': 'error',
      'scene-sync/no-scene-event-bus': 'error',
      'scene-sync/require-revision-guard': 'error',
      'scene-sync/require-sync-after-mutation': 'error',
    });
  });

  it('are taken by defineConfig from eslint/config at run time', () => {
    const configs = defineConfig(recommended, { files: ['src/legacy/**'], extends: [strict] });
    expect(configs.map((config) => config.name)).toContain('scene-sync/recommended');
  });

  const SAMPLE = `import { useVideoState } from '~/stores/videoState';
import { api } from '~/trpc/react';
export function Panel({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const save = api.generation.updateScene.useMutation({
    onSuccess: (scene) => {
      useVideoState.getState().updateScene(projectId, scene.id, scene);
    },
  });
  const remove = api.generation.deleteScene.useMutation();
  const onDragEnd = () => useVideoState.getState().reorderScenes(projectId, 0, 1);
  const onRefresh = () => utils.generation.getProjectScenes.invalidate({ projectId });
  return <div onDragEnd={onDragEnd} onClick={() => { save.mutate({ projectId }); remove.mutate({ projectId }); void onRefresh(); }} />;
}
`;

  function lintWith(config: Linter.Config): [string | null, number][] {
    const linter = new Linter({ cwd: '/project' });
    const messages = linter.verify(
      SAMPLE,
      [{ files: ['**/*.tsx'], languageOptions: { parser: parser as Linter.Parser } }, config],
      { filename: '/project/src/components/Panel.tsx' },
    );
    return messages.map((message) => [message.ruleId, message.line]);
  }

  it('recommended reports the write after the mutation and the unsynced mutation', () => {
    expect(lintWith(recommended as Linter.Config)).toEqual([
      ['scene-sync/no-direct-store-update', 7],
      ['scene-sync/require-sync-after-mutation', 10],
    ]);
  });

  it('strict also reports the drag-time write and the refresh button', () => {
    expect(lintWith(strict as Linter.Config)).toEqual([
      ['scene-sync/no-direct-store-update', 7],
      ['scene-sync/require-sync-after-mutation', 10],
      ['scene-sync/no-direct-store-update', 11],
      ['scene-sync/no-manual-invalidate', 12],
    ]);
  });
});

describe('the lowest ESLint of the peer range', () => {
  const exampleSources = path.join(__dirname, '..', 'examples', 'video-editor', 'src');
  const files = (readdirSync(exampleSources, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => /\.tsx?$/.test(file)).sort();

  function reportsOf(linter: Pick<Linter, 'verify'>): string[] {
    const config = [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } } }, plugin.configs.strict as Linter.Config];
    return files.flatMap((file) =>
      linter
        .verify(readFileSync(path.join(exampleSources, file), 'utf8'), config, { filename: path.join(exampleSources, file) })
        .map((message) => `${file}:${message.line}:${message.column} ${message.ruleId} ${message.message} ${JSON.stringify(message.suggestions ?? [])}`),
    );
  }

  it('is 9, and ESLint 9 gives the example app the same reports and suggestions as ESLint 10', () => {
    expect(packageJson.peerDependencies.eslint).toBe('^9.0.0 || ^10.0.0');
    expect(Linter9.version).toMatch(/^9\./);
    expect(Linter.version).toMatch(/^10\./);
    const cwd = path.dirname(exampleSources);
    const withNine = reportsOf(new Linter9({ cwd }) as unknown as Pick<Linter, 'verify'>);
    expect(withNine.length).toBeGreaterThan(30);
    expect(withNine).toEqual(reportsOf(new Linter({ cwd })));
  });
});

describe('robustness: no rule throws or reports on code that uses none of the conventions', () => {
  // Files that name nothing the conventions look for are skipped before analysis; a comment naming
  // every keyword makes the analysis run over the whole file, so it is exercised, not bypassed.
  const FORCE_ANALYSIS = '// useVideoState useUtils useContext useMutation mutate generation onScene\n';
  const cases = [
    ...Object.entries(SNIPPETS).map(([name, code]) => ({ name, code, filename: '/project/src/components/Snippet.tsx' })),
    ...Object.entries(TS_ONLY_SNIPPETS).map(([name, code]) => ({ name, code, filename: '/project/src/lib/snippet.ts' })),
  ];

  for (const mode of ['after-mutation', 'everywhere'] as const) {
    for (const { name, code, filename } of cases) {
      it(`[${mode}] ${name}`, () => {
        for (const prefix of ['', FORCE_ANALYSIS]) {
          expect(lint(prefix + code, { rules: allRules(mode), filename })).toEqual([]);
        }
      });
    }
  }

  it('parses every snippet (a parse error would hide a rule crash)', () => {
    for (const { code, filename } of cases) {
      // With no rule on, any message is a parse error.
      expect(lint(code, { filename })).toEqual([]);
    }
  });
});

describe('invalid settings', () => {
  const code = "import { useVideoState } from '~/stores/videoState';\nuseVideoState.setState({});\n";

  it('make linting fail with the message that names key, value and expectation', () => {
    for (const rule of RULE_NAMES) {
      expect(() => lint(code, { rules: { [rule]: [] }, settings: { sceneSync: { store: { hooks: 'useVideoState' } } } })).toThrow(
        'scene-sync: invalid setting "store.hooks": expected a non-empty array of identifiers, got "useVideoState".',
      );
    }
  });

  it('fail even on a file the rules would skip', () => {
    expect(() => lint('export const x = 1;\n', { rules: allRules('everywhere'), settings: { sceneSync: { helper: { style: 'named' } } } })).toThrow(
      'scene-sync: invalid setting "helper.style": expected "positional" or "object", got "named".',
    );
  });

  it('reject unknown keys', () => {
    expect(() => lint(code, { rules: allRules('everywhere'), settings: { sceneSync: { stores: {} } } })).toThrow(
      /scene-sync: invalid setting "stores": expected a known key/,
    );
  });

  it('valid custom settings lint normally', () => {
    expect(lint(code, { rules: allRules('everywhere'), settings: { sceneSync: { store: { hooks: ['useVideoState'] } } } })).toEqual([
      expect.objectContaining({ ruleId: 'scene-sync/no-direct-store-update', messageId: 'directSetState', line: 2, column: 1 }),
    ]);
  });
});

describe('a file no rule can concern', () => {
  const RULE_IDS = Object.keys(plugin.rules).map((name) => `scene-sync/${name}`);
  // The options clones made while linting: ESLint's config makes one per configured rule, and
  // typescript-eslint's rule creator one per rule it creates for the file.
  function clonesWhileLinting(text: string, severity: 'error' | 'off'): number {
    const linter = new Linter({ cwd: '/project' });
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, severity]));
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser }, plugins: { 'scene-sync': plugin as never }, rules }];
    const clone = vi.spyOn(globalThis, 'structuredClone');
    try {
      linter.verify(text, config, { filename: '/project/src/a.ts' });
      return clone.mock.calls.length;
    } finally {
      clone.mockRestore();
    }
  }

  it('gets none of its rules past the text test: no options clone, as with the rules off', () => {
    const plain = 'export const total = [1, 2].reduce((sum, value) => sum + value, 0);\n';
    expect(clonesWhileLinting(plain, 'error')).toBe(clonesWhileLinting(plain, 'off'));
  });

  it('gives each file its own options when files with different options alternate', () => {
    const store = "import { useVideoState } from '~/stores/videoState';\nuseVideoState.setState({ projects: {} });\n";
    const reported = (options: unknown[]) => lint(store, { rules: { 'no-direct-store-update': options } }).map((report) => report.messageId);
    expect([reported([{ mode: 'everywhere' }]), reported([]), reported([{ mode: 'everywhere' }]), reported([{ mode: 'after-mutation' }])]).toEqual([
      ['directSetState'],
      [],
      ['directSetState'],
      [],
    ]);
  });

  it('merges the options with their defaults once, not for every file the rules concern', () => {
    const store = "import { useVideoState } from '~/stores/videoState';\nexport const read = () => useVideoState.getState();\n";
    clonesWhileLinting(store, 'error');
    expect(clonesWhileLinting(store, 'error')).toBe(clonesWhileLinting(store, 'off'));
  });
});
