import fs from 'node:fs';
import path from 'node:path';
import { applyTransform } from 'jscodeshift/src/testUtils';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/codemods/config-file';
import { defaultHelperPath, renderHelperModule } from '../../src/codemods/init';
import transform, { transformSource, UnreadableFileError, type TransformOptions } from '../../src/codemods/scene-sync';
import { getConventions, resolveSettings, type Conventions } from '../../src/conventions';

/**
 * Fixtures: `fixtures/<style>/<case>.input.<ext>`, the expected `<case>.output.<ext>` (byte for
 * byte) and `<case>.plan.json` (the rewrites and review sites the planner reports, by line).
 */
const FIXTURES = path.join(__dirname, 'fixtures');
const OBJECT_CONFIG = path.join(FIXTURES, 'object', 'scene-sync.config.json');
/** Object style with the app's client configured: classic (`api`) and TanStack-native (`useTRPC`). */
const CLIENT_CONFIG = path.join(FIXTURES, 'object-client', 'scene-sync.config.json');
const TANSTACK_CONFIG = path.join(FIXTURES, 'tanstack-client', 'scene-sync.config.json');

interface Style {
  conventions: Conventions;
  /** What the jscodeshift transform is handed, as `jscodeshift --config=...` would. */
  options: TransformOptions;
}

const STYLES: Record<string, Style> = {
  positional: { conventions: getConventions(undefined), options: {} },
  object: { conventions: getConventions(loadConfigFile(OBJECT_CONFIG)), options: { config: OBJECT_CONFIG } },
  'object-client': { conventions: getConventions(loadConfigFile(CLIENT_CONFIG)), options: { config: CLIENT_CONFIG } },
  'tanstack-client': { conventions: getConventions(loadConfigFile(TANSTACK_CONFIG)), options: { config: TANSTACK_CONFIG } },
};
const MINIMUM_FIXTURES: Record<string, number> = { positional: 36, object: 27, 'object-client': 10, 'tanstack-client': 5 };

interface Fixture {
  name: string;
  input: string;
  output: string;
  plan: ExpectedPlan;
  /** The path the transform sees: the fixture's folder and case name with its real extension. */
  file: string;
}

interface ExpectedPlan {
  rewrites: { line: number; kind: string; helper: string }[];
  reviews: { line: number; reason: string }[];
}

function discover(style: string): Fixture[] {
  const dir = path.join(FIXTURES, style);
  const fixtures: Fixture[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    const match = /^(.+)\.input(\.tsx?)$/.exec(entry);
    if (!match) continue;
    const [, name, extension] = match as unknown as [string, string, string];
    const read = (suffix: string) => fs.readFileSync(path.join(dir, `${name}${suffix}`), 'utf8');
    fixtures.push({
      name,
      input: read(`.input${extension}`),
      output: read(`.output${extension}`),
      plan: JSON.parse(read('.plan.json')) as ExpectedPlan,
      file: path.join(dir, `${name}${extension}`),
    });
  }
  return fixtures;
}

function planOf(result: NonNullable<ReturnType<typeof transformSource>>): ExpectedPlan {
  return {
    rewrites: result.plan.rewrites.map(({ line, kind, helper }) => ({ line, kind, helper })),
    reviews: result.plan.reviews.map(({ line, reason }) => ({ line, reason })),
  };
}

const LONE_LF = /(?<!\r)\n/;

describe.each(Object.keys(STYLES))('scene-sync codemod fixtures (%s style)', (style) => {
  const { conventions, options } = STYLES[style]!;
  const fixtures = discover(style);

  it('finds every fixture with its output and plan', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(MINIMUM_FIXTURES[style]!);
    const files = fs.readdirSync(path.join(FIXTURES, style));
    const cases = new Set(fixtures.map((fixture) => fixture.name));
    // No stray output or plan without an input (a renamed case would otherwise go untested).
    for (const file of files) {
      const match = /^(.+)\.(?:output\.tsx?|plan\.json)$/.exec(file);
      if (match) expect(cases, file).toContain(match[1]);
    }
  });

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    it('rewrites the input to the expected output, byte for byte', () => {
      const result = transformSource(fixture.input, fixture.file, conventions);
      expect(result).toBeDefined();
      expect(result!.output).toBe(fixture.output);
    });

    it('reports the expected rewrites and review sites', () => {
      const result = transformSource(fixture.input, fixture.file, conventions)!;
      expect(planOf(result)).toEqual(fixture.plan);
      expect(fixture.output !== fixture.input).toBe(fixture.plan.rewrites.length > 0);
    });

    it('runs through jscodeshift the same way', () => {
      const output = applyTransform(transform, options, { path: fixture.file, source: fixture.input }, { parser: 'tsx' });
      // applyTransform trims what the transform returned.
      expect(output).toBe(fixture.output.trim());
    });

    it('leaves its own output unchanged, still listing the review sites', () => {
      const again = transformSource(fixture.output, fixture.file, conventions);
      expect(again).toBeDefined();
      expect(again!.output).toBe(fixture.output);
      expect(again!.plan.rewrites).toEqual([]);
      expect(again!.plan.reviews).toHaveLength(fixture.plan.reviews.length);
    });
  });

});

describe.each(['positional', 'object'])('scene-sync codemod: line endings and byte order mark (%s style)', (style) => {
  const fixtures = discover(style);

  it('keeps CRLF line endings', () => {
    const crlf = fixtures.find((fixture) => fixture.name === 'crlf')!;
    expect(crlf.input).toContain('\r\n');
    expect(crlf.input).not.toMatch(LONE_LF);
    expect(crlf.output).not.toBe(crlf.input);
    expect(crlf.output).not.toMatch(LONE_LF);
  });

  it('keeps a byte order mark', () => {
    const bom = fixtures.find((fixture) => fixture.name === 'bom')!;
    expect(bom.input.startsWith('\uFEFF')).toBe(true);
    expect(bom.output.startsWith('\uFEFF')).toBe(true);
    expect(bom.output.indexOf('\uFEFF', 1)).toBe(-1);
  });
});

describe('scene-sync codemod: what the fixtures show', () => {
  const positional = new Map(discover('positional').map((fixture) => [fixture.name, fixture]));
  const object = new Map(discover('object').map((fixture) => [fixture.name, fixture]));
  const withClient = new Map(discover('object-client').map((fixture) => [fixture.name, fixture]));
  const tanstack = new Map(discover('tanstack-client').map((fixture) => [fixture.name, fixture]));
  const all = [...positional.values(), ...object.values(), ...withClient.values(), ...tanstack.values()];
  const get = (map: Map<string, Fixture>, name: string) => {
    const fixture = map.get(name);
    if (!fixture) throw new Error(`missing fixture ${name}`);
    return fixture;
  };

  it('turns the seed example into one awaited helper call', () => {
    const { input, output } = get(positional, 'seed-example');
    expect(input).toContain('await updateAndRefresh(projectId, p => p);');
    expect(output.match(/sceneSyncHelpers\.\w+\(/g)).toEqual(['sceneSyncHelpers.syncSceneUpdated(']);
    expect(output).toContain('    await sceneSyncHelpers.syncSceneUpdated(projectId, s.id, s);\n');
    expect(get(object, 'seed-example').output).toContain(
      "await sceneSyncHelpers.syncSceneUpdated({ projectId, utils, sceneId: s.id, scene: s, source: 'seed-example.useSaveScene' });",
    );
  });

  it('awaits only where the original awaited in an async function, else marks the call void', () => {
    const { output } = get(positional, 'after-await');
    expect(output).toContain('await sceneSyncHelpers.syncSceneCreated(projectId, created);');
    expect(output).toContain('void sceneSyncHelpers.syncSceneUpdated(projectId, saved.id, saved);');
    expect(output).toContain('void sceneSyncHelpers.syncSceneUpdated(projectId, scene.id, scene);');
    // No helper call is left floating without await, void or return.
    for (const fixture of all) {
      for (const line of fixture.output.split('\n')) {
        if (!/sceneSyncHelpers\.\w+\(/.test(line) || fixture.input.includes(line)) continue;
        expect(line, `${fixture.name}: ${line}`).toMatch(/(?:await|void|return|=>) sceneSyncHelpers\./);
      }
    }
  });

  it('never writes the helper import twice', () => {
    for (const fixture of all) {
      expect(fixture.output.match(/from ['"]~\/lib\/sync\/scene-sync['"]/g)?.length ?? 0, fixture.name).toBeLessThanOrEqual(1);
    }
    expect(get(positional, 'existing-import').output).toContain("import { registerSceneSyncUtils, sceneSyncHelpers } from '~/lib/sync/scene-sync';");
    expect(get(positional, 'double-quotes').output).toContain('import { sceneSyncHelpers } from "~/lib/sync/scene-sync";');
  });

  it('places the import below the header comment and the directive when there is no import', () => {
    expect(get(positional, 'use-client-header').output).toMatch(
      /^\/\*\*\n \* Scene toolbar\.\n \* Licensed under the MIT license\.\n \*\/\n'use client';\n\nimport \{ sceneSyncHelpers \} from '~\/lib\/sync\/scene-sync';\n\nexport function/,
    );
  });

  it('keeps the store hook import and utils only while something still uses them', () => {
    const removed = get(positional, 'unused-bindings').output;
    expect(removed).not.toContain('useVideoState');
    expect(removed).not.toContain('utils');
    const kept = get(positional, 'kept-bindings').output;
    expect(kept).toContain("import { useVideoState } from '~/stores/videoState';");
    expect(kept).toContain('const utils = api.useUtils();');
    expect(kept).toContain('const { addScene, setPlayhead } = useVideoState();');
    // Object style hands utils to the helper: the binding stays.
    expect(get(object, 'unused-bindings').output).toContain('const utils = api.useUtils();');
  });

  it('adds the utils a sync needs at the top of its component or hook, once, after directives and before early returns', () => {
    expect(get(withClient, 'component-declaration').output).toContain(
      "  'use no memo'; // measured: memo costs more here\n  const utils = api.useUtils();\n  // The title being typed.\n  const [draft, setDraft] = useState(scene?.name ?? '');\n",
    );
    // Three runs in callbacks of one component (one in a loop): one hook at the component's top.
    const list = get(withClient, 'callback-in-component').output;
    expect(list.match(/useUtils\(\)/g)).toEqual(['useUtils()']);
    expect(list).toContain('export function SceneList({ projectId, ids }: { projectId: string; ids: string[] }) {\n  const utils = api.useUtils();\n');
    // The client's local name, the configured import when the file has none, a free binding name.
    expect(get(withClient, 'custom-hook').output.match(/const utils = trpc\.useUtils\(\);/g)).toHaveLength(2);
    expect(get(withClient, 'arrow-component').output).toContain("import { api } from '~/trpc/react';\nimport { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n");
    expect(get(withClient, 'utils-taken').output).toContain('const utils3 = api.useUtils();');
    expect(get(withClient, 'utils-taken').output).toContain('utils: utils3,');
    expect(get(withClient, 'hook-deps').output).toContain('[deleteMutation, projectId, utils],');
    const memo = get(withClient, 'memo-forward-ref').output;
    expect(memo).toContain('memo(function DeleteButton({ projectId, id }: { projectId: string; id: string }) {\n  const utils = api.useUtils();\n');
    expect(memo).toContain('>((props, ref) => {\n    const utils = api.useUtils();\n');
  });

  it('adds queryClient and trpc to a TanStack-native component or hook, and names those in scope', () => {
    expect(get(tanstack, 'query-client-missing').output).toContain("import { useMutation, useQueryClient } from '@tanstack/react-query';");
    expect(get(tanstack, 'query-client-missing').output).toContain('  const queryClient = useQueryClient();\n  const trpc = useTRPC();\n');
    expect(get(tanstack, 'trpc-missing').output).toContain("import { useTRPC } from '~/trpc/tanstack';");
    const both = get(tanstack, 'both-missing').output;
    expect(both.match(/useTRPC\(\)|useQueryClient\(\)/g)).toEqual(['useTRPC()', 'useQueryClient()']);
    expect(both.startsWith("'use client';\nimport { useMutation, useQueryClient } from '@tanstack/react-query';\n")).toBe(true);
    const renamed = get(tanstack, 'both-renamed').output;
    expect(renamed).toContain('{ projectId, queryClient: qc, trpc: client, scene,');
    expect(renamed).toContain('{ projectId, queryClient, trpc, source:');
    expect(renamed.match(/= use(?:TRPC|QueryClient)\(\)/g)).toHaveLength(2);
  });

  it('adds no hook where the Rules of Hooks forbid one, and says why', () => {
    for (const map of [withClient, tanstack]) {
      for (const [name, fixture] of map) {
        if (!name.startsWith('review-')) continue;
        expect(fixture.output, name).toBe(fixture.input);
        expect(fixture.plan.reviews.length, name).toBeGreaterThan(0);
      }
    }
    expect(get(withClient, 'review-class-method').plan.reviews.map((review) => review.reason)).toEqual([
      'no tRPC utils (useUtils()) in scope, and the sync is in a method of class SceneService, where hooks cannot be called',
    ]);
  });

  it('lists review sites and leaves them untouched; drag-time writes are neither rewritten nor listed', () => {
    for (const [name, fixture] of positional) {
      if (!name.startsWith('review-')) continue;
      expect(fixture.output, name).toBe(fixture.input);
      expect(fixture.plan.reviews.length, name).toBeGreaterThan(0);
    }
    const drag = get(positional, 'drag-time');
    expect(drag.output).toBe(drag.input);
    // Only the drop's mutation is listed (it never syncs); the drag-time writes are not.
    expect(drag.plan).toEqual({
      rewrites: [],
      reviews: [{ line: 10, reason: 'the generation.reorderScenes mutation never syncs; call sceneSyncHelpers.syncAllScenes(...) in its success path' }],
    });
  });
});

describe('scene-sync codemod: files it must not touch', () => {
  const conventions = getConventions(undefined);

  it('skips a file that mentions none of the names, without parsing it', () => {
    const source = 'export const answer = 42;\nconst x = (;\n';
    expect(transformSource(source, 'src/answer.ts', conventions)).toBeUndefined();
    expect(transform({ path: 'src/answer.ts', source }, {}, {})).toBeUndefined();
    expect(applyTransform(transform, {}, { path: 'src/answer.ts', source }, { parser: 'tsx' })).toBe('');
  });

  it('throws on a syntax error in a file that mentions the names (jscodeshift then leaves it untouched)', () => {
    const source = "import { useVideoState } from '~/stores/videoState';\nexport const broken = (;\n";
    expect(() => transformSource(source, 'src/broken.tsx', conventions)).toThrow();
    expect(() => transform({ path: 'src/broken.tsx', source }, {}, {})).toThrow();
  });

  it('picks the parser by extension: a `<T>x` cast parses as .ts, not as .tsx', () => {
    const { input } = discover('positional').find((fixture) => fixture.name === 'ts-cast')!;
    expect(transformSource(input, 'src/useRegenerate.ts', conventions)?.plan.rewrites).toHaveLength(1);
    expect(() => transformSource(input, 'src/useRegenerate.tsx', conventions)).toThrow();
  });

  it('handles an empty file', () => {
    expect(transformSource('', 'src/empty.tsx', conventions)).toBeUndefined();
    expect(applyTransform(transform, {}, { path: 'src/empty.tsx', source: '' }, { parser: 'tsx' })).toBe('');
  });

  it('handles a one-line file of 200k characters', () => {
    const filler = 'const a = 1;'.repeat(17_000);
    expect(filler.length).toBeGreaterThan(200_000);
    expect(transformSource(filler, 'src/huge.ts', conventions)).toBeUndefined();

    const sync =
      "export function f(projectId: string) { const utils = api.useUtils(); return api.generation.deleteScene.useMutation({ onSuccess: (_r, { id }) => { useVideoState.getState().deleteScene(projectId, id); void utils.generation.getProjectScenes.invalidate({ projectId }); } }); }";
    const source = `import { useVideoState } from '~/stores/videoState'; ${filler} ${sync}`;
    const result = transformSource(source, 'src/huge.ts', conventions)!;
    expect(result.plan.rewrites).toEqual([expect.objectContaining({ line: 1, kind: 'deleted' })]);
    expect(result.output).toContain('{ void sceneSyncHelpers.syncSceneDeleted(projectId, id); }');
    expect(result.output.startsWith(`import { sceneSyncHelpers } from '~/lib/sync/scene-sync';\n${filler}`)).toBe(true);
  });

  it('refuses text with a NUL byte', () => {
    expect(() => transformSource('useVideoState\u0000', 'src/binary.ts', conventions)).toThrow(UnreadableFileError);
  });

  it('leaves the generated helper module alone: it is where the syncs belong', () => {
    for (const style of ['positional', 'object'] as const) {
      const settings = resolveSettings({ helper: { style } });
      const source = renderHelperModule(settings);
      const result = transformSource(source, path.resolve(defaultHelperPath(settings)), getConventions({ helper: { style } }));
      expect(result?.output).toBe(source);
      expect(result?.plan.reviews).toEqual([]);
    }
  });
});
