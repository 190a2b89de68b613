// `scene-sync audit` as a user runs it (the built bin), on a small tree with one file per verdict
// (test/fixtures/audit/src), copied to a temporary folder so the report can be written next to it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, removeTempDirs, tempDir } from './helpers/cli';

const TREE = path.join(__dirname, 'fixtures', 'audit');

let app: string;
/** Every file's bytes before the audit ran: the audit must leave them as they were. */
let before: Map<string, Buffer>;

function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

beforeAll(() => {
  ensureBuilt();
  app = tempDir('audit');
  fs.cpSync(TREE, app, { recursive: true });
  // A merge's leftover, never read: naming it is a usage error.
  fs.copyFileSync(path.join(app, 'src', 'Helper.tsx'), path.join(app, 'src', 'Helper.tsx.orig'));
  before = snapshotTree(path.join(app, 'src'));
}, 120_000);

afterAll(removeTempDirs);

/** A temporary folder holding `files` (path: text). */
function writeTree(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const expectSourcesUntouched = () => expect(snapshotTree(path.join(app, 'src'))).toEqual(before);

describe('scene-sync audit: text', () => {
  it('lists every mutation by risk with its success path, the per-file summary, the repeated run and the closing line', () => {
    const run = cli(app, 'audit', 'src');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'scene-sync audit: 9 scene mutations in 7 files (8 files scanned)',
        '',
        'Never synced (1)',
        '  generation.updateScene  src/Never.tsx:6',
        '    invoked: Never > handleRename (line 9)',
        '    success path: no sync',
        '',
        'Partly synced (2)',
        '  generation.deleteScene  src/Partly.tsx:7',
        '    invoked: Partly > onClick (line 16)',
        '    store only: deleteScene (line 8)',
        '  generation.updateScene  src/Partly.tsx:10',
        '    invoked: Partly > handleResize (line 12)',
        '    cache only: generation.getProjectScenes.invalidate (line 12)',
        '',
        'Optimistic (2)',
        '  generation.updateScene  src/Optimistic.tsx:7',
        '    invoked: Optimistic > onClick (line 21)',
        '    optimistic: utils.generation.getProjectScenes.setData (line 10)',
        '    cache: generation.getProjectScenes.invalidate (line 12)',
        '  generation.createScene  src/Optimistic.tsx:14',
        '    invoked: Optimistic > handleCreate (line 17)',
        '    optimistic: addScene (line 16)',
        '    success path: no sync',
        '',
        'Synced by hand (2)',
        '  generation.updateScene  src/ByHand.tsx:7',
        '    invoked: ByHand > onClick (line 13)',
        '    store: updateScene (line 9)',
        '    cache: generation.getProjectScenes.invalidate (line 10)',
        '  generation.updateScene  src/ByHandToo.tsx:7',
        '    invoked: ByHandToo > handleTrim (line 9)',
        '    store: updateScene (line 10)',
        '    cache: generation.getProjectScenes.invalidate (line 11)',
        '',
        'Handed off (1)',
        '  generation.updateScene  src/HandedOff.tsx:4',
        '    invoked: HandedOff > onClick (line 5)',
        '    handed off: its success path calls a received callback, props.onSaved() (line 4)',
        '',
        'Through the helper (1)',
        '  generation.updateScene  src/Helper.tsx:5',
        '    invoked: Helper > onClick (line 8)',
        '    helper: sceneSyncHelpers.syncSceneUpdated (line 6)',
        '',
        'Per file            mutations  never  partly  optimistic  by hand  handed off  helper  hand-written syncs',
        'src/ByHand.tsx              1      0       0           0        1           0       0                   2',
        'src/ByHandToo.tsx           1      0       0           0        1           0       0                   2',
        'src/HandedOff.tsx           1      0       0           0        0           1       0                   0',
        'src/Helper.tsx              1      0       0           0        0           0       1                   0',
        'src/Never.tsx               1      1       0           0        0           0       0                   0',
        'src/Optimistic.tsx          2      0       0           2        0           0       0                   1',
        'src/Partly.tsx              2      0       2           0        0           0       0                   2',
        '',
        'Sync runs repeated across files (1)',
        '  updateScene, then refresh generation.getProjectScenes',
        '    src/ByHand.tsx:9, src/ByHandToo.tsx:10',
        '',
        'Skipped, unparsable (1)',
        "  src/Broken.tsx:4: ')' expected.",
        '',
        '9 scene mutations: 1 never synced, 2 partly, 2 optimistic, 2 by hand, 1 handed off, 1 through the helper',
        '',
      ].join('\n'),
    );
    expectSourcesUntouched();
  });

  it('audits one file given by path, and says so when there is no mutation', () => {
    expect(cli(app, 'audit', 'src/Helper.tsx').stdout.split('\n').at(-2)).toBe('1 scene mutation: 1 through the helper');
    const empty = tempDir('audit-empty');
    fs.writeFileSync(path.join(empty, 'plain.ts'), 'export const answer = 42;\n');
    expect(cli(empty, 'audit')).toEqual({ status: 0, stdout: 'scene-sync audit: 0 scene mutations in 0 files (1 file scanned)\n\n0 scene mutations\n', stderr: '' });
  });
});

describe('scene-sync audit: JSON', () => {
  it('has the documented shape, version 1', () => {
    const run = cli(app, 'audit', 'src', '--format', 'json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("scene-sync audit: skipped src/Broken.tsx:4: ')' expected.\n");
    const report = JSON.parse(run.stdout) as Record<string, unknown> & { mutations: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(['version', 'entity', 'filesScanned', 'summary', 'mutations', 'events', 'files', 'repeatedRuns', 'skipped']);
    expect(report.events).toEqual([]);
    expect(report.version).toBe(1);
    expect(report.entity).toBe('scene');
    expect(report.filesScanned).toBe(8);
    expect(report.summary).toEqual({ mutations: 9, never: 1, partly: 2, optimistic: 2, 'by-hand': 2, 'handed-off': 1, helper: 1, handWrittenSyncs: 7 });
    expect(report.mutations.map((row) => `${row.verdict} ${row.file}:${row.line}`)).toEqual([
      'never src/Never.tsx:6',
      'partly src/Partly.tsx:7',
      'partly src/Partly.tsx:10',
      'optimistic src/Optimistic.tsx:7',
      'optimistic src/Optimistic.tsx:14',
      'by-hand src/ByHand.tsx:7',
      'by-hand src/ByHandToo.tsx:7',
      'handed-off src/HandedOff.tsx:4',
      'helper src/Helper.tsx:5',
    ]);
    const row = (file: string, line: number) => report.mutations.find((entry) => entry.file === file && entry.line === line)!;
    const empty = { helpers: [], store: [], cache: [], optimistic: [], handOff: null };
    expect(row('src/Never.tsx', 6)).toEqual({ procedure: 'generation.updateScene', file: 'src/Never.tsx', line: 6, verdict: 'never', invoked: [{ line: 9, within: ['Never', 'handleRename'] }], ...empty });
    expect(row('src/Partly.tsx', 7)).toEqual({
      procedure: 'generation.deleteScene',
      file: 'src/Partly.tsx',
      line: 7,
      verdict: 'partly',
      invoked: [{ line: 16, within: ['Partly', 'onClick'] }],
      ...empty,
      store: [{ name: 'deleteScene', line: 8 }],
    });
    expect(row('src/Partly.tsx', 10)).toMatchObject({ verdict: 'partly', store: [], cache: [{ name: 'generation.getProjectScenes.invalidate', line: 12 }] });
    expect(row('src/Optimistic.tsx', 7)).toEqual({
      procedure: 'generation.updateScene',
      file: 'src/Optimistic.tsx',
      line: 7,
      verdict: 'optimistic',
      invoked: [{ line: 21, within: ['Optimistic', 'onClick'] }],
      ...empty,
      cache: [{ name: 'generation.getProjectScenes.invalidate', line: 12 }],
      optimistic: [{ name: 'utils.generation.getProjectScenes.setData', line: 10 }],
    });
    // The write before the await: nothing in onMutate, still optimistic.
    expect(row('src/Optimistic.tsx', 14)).toMatchObject({ procedure: 'generation.createScene', verdict: 'optimistic', optimistic: [{ name: 'addScene', line: 16 }] });
    expect(row('src/ByHandToo.tsx', 7)).toEqual({
      procedure: 'generation.updateScene',
      file: 'src/ByHandToo.tsx',
      line: 7,
      verdict: 'by-hand',
      invoked: [{ line: 9, within: ['ByHandToo', 'handleTrim'] }],
      ...empty,
      store: [{ name: 'updateScene', line: 10 }],
      cache: [{ name: 'generation.getProjectScenes.invalidate', line: 11 }],
    });
    expect(row('src/HandedOff.tsx', 4)).toMatchObject({ verdict: 'handed-off', handOff: { reason: 'call', line: 4, code: 'props.onSaved()' } });
    expect(row('src/Helper.tsx', 5)).toMatchObject({ verdict: 'helper', helpers: [{ name: 'sceneSyncHelpers.syncSceneUpdated', line: 6 }], store: [], cache: [] });
    expect(report.files).toContainEqual({
      file: 'src/Optimistic.tsx',
      mutations: 2,
      verdicts: { never: 0, partly: 0, optimistic: 2, 'by-hand': 0, 'handed-off': 0, helper: 0 },
      handWrittenSyncs: 1,
    });
    expect(report.repeatedRuns).toEqual([
      {
        steps: ['updateScene', 'refresh generation.getProjectScenes'],
        places: [
          { file: 'src/ByHand.tsx', line: 9 },
          { file: 'src/ByHandToo.tsx', line: 10 },
        ],
      },
    ]);
    expect(report.skipped).toEqual([{ file: 'src/Broken.tsx', line: 4, error: "')' expected." }]);
  });
});

describe('scene-sync audit: Markdown', () => {
  it('writes a paste-able report to --out, with links relative to it', () => {
    const run = cli(app, 'audit', 'src', '--format', 'markdown', '--out', 'docs/audit.md', '--ignore', 'src/Broken.tsx');
    expect(run).toEqual({
      status: 0,
      stdout: 'scene-sync audit: wrote docs/audit.md\n9 scene mutations: 1 never synced, 2 partly, 2 optimistic, 2 by hand, 1 handed off, 1 through the helper\n',
      stderr: '',
    });
    expect(fs.readFileSync(path.join(app, 'docs', 'audit.md'), 'utf8')).toMatchInlineSnapshot(`
      "# Scene sync audit

      9 scene mutations: 1 never synced, 2 partly, 2 optimistic, 2 by hand, 1 handed off, 1 through the helper (7 files with scene mutations or syncs, 7 files scanned).

      | Verdict | Mutations |
      | --- | ---: |
      | Never synced | 1 |
      | Partly synced | 2 |
      | Optimistic | 2 |
      | Synced by hand | 2 |
      | Handed off | 1 |
      | Through the helper | 1 |

      ## Never synced (1)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.updateScene\` | [src/Never.tsx:6](../src/Never.tsx#L6) | Never > handleRename ([line 9](../src/Never.tsx#L9)) | no sync |

      ## Partly synced (2)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.deleteScene\` | [src/Partly.tsx:7](../src/Partly.tsx#L7) | Partly > onClick ([line 16](../src/Partly.tsx#L16)) | store only: deleteScene ([line 8](../src/Partly.tsx#L8)) |
      | \`generation.updateScene\` | [src/Partly.tsx:10](../src/Partly.tsx#L10) | Partly > handleResize ([line 12](../src/Partly.tsx#L12)) | cache only: generation.getProjectScenes.invalidate ([line 12](../src/Partly.tsx#L12)) |

      ## Optimistic (2)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.updateScene\` | [src/Optimistic.tsx:7](../src/Optimistic.tsx#L7) | Optimistic > onClick ([line 21](../src/Optimistic.tsx#L21)) | optimistic: utils.generation.getProjectScenes.setData ([line 10](../src/Optimistic.tsx#L10))<br>cache: generation.getProjectScenes.invalidate ([line 12](../src/Optimistic.tsx#L12)) |
      | \`generation.createScene\` | [src/Optimistic.tsx:14](../src/Optimistic.tsx#L14) | Optimistic > handleCreate ([line 17](../src/Optimistic.tsx#L17)) | optimistic: addScene ([line 16](../src/Optimistic.tsx#L16))<br>no sync |

      ## Synced by hand (2)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.updateScene\` | [src/ByHand.tsx:7](../src/ByHand.tsx#L7) | ByHand > onClick ([line 13](../src/ByHand.tsx#L13)) | store: updateScene ([line 9](../src/ByHand.tsx#L9))<br>cache: generation.getProjectScenes.invalidate ([line 10](../src/ByHand.tsx#L10)) |
      | \`generation.updateScene\` | [src/ByHandToo.tsx:7](../src/ByHandToo.tsx#L7) | ByHandToo > handleTrim ([line 9](../src/ByHandToo.tsx#L9)) | store: updateScene ([line 10](../src/ByHandToo.tsx#L10))<br>cache: generation.getProjectScenes.invalidate ([line 11](../src/ByHandToo.tsx#L11)) |

      ## Handed off (1)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.updateScene\` | [src/HandedOff.tsx:4](../src/HandedOff.tsx#L4) | HandedOff > onClick ([line 5](../src/HandedOff.tsx#L5)) | handed off: its success path calls a received callback, props.onSaved() ([line 4](../src/HandedOff.tsx#L4)) |

      ## Through the helper (1)

      | Procedure | Mutation | Invoked | Success path |
      | --- | --- | --- | --- |
      | \`generation.updateScene\` | [src/Helper.tsx:5](../src/Helper.tsx#L5) | Helper > onClick ([line 8](../src/Helper.tsx#L8)) | helper: sceneSyncHelpers.syncSceneUpdated ([line 6](../src/Helper.tsx#L6)) |

      ## Per file

      | File | Mutations | Never | Partly | Optimistic | By hand | Handed off | Helper | Hand-written syncs |
      | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | [src/ByHand.tsx](../src/ByHand.tsx) | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 2 |
      | [src/ByHandToo.tsx](../src/ByHandToo.tsx) | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 2 |
      | [src/HandedOff.tsx](../src/HandedOff.tsx) | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 0 |
      | [src/Helper.tsx](../src/Helper.tsx) | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 0 |
      | [src/Never.tsx](../src/Never.tsx) | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |
      | [src/Optimistic.tsx](../src/Optimistic.tsx) | 2 | 0 | 0 | 2 | 0 | 0 | 0 | 1 |
      | [src/Partly.tsx](../src/Partly.tsx) | 2 | 0 | 2 | 0 | 0 | 0 | 0 | 2 |

      ## Sync runs repeated across files

      | Run | Places |
      | --- | --- |
      | \`updateScene\`, then \`refresh generation.getProjectScenes\` | [src/ByHand.tsx:9](../src/ByHand.tsx#L9), [src/ByHandToo.tsx:10](../src/ByHandToo.tsx#L10) |
      "
    `);
    expectSourcesUntouched();
  });

  it('links files whose names hold brackets, spaces, # and non-ASCII letters', () => {
    const dir = tempDir('audit-names');
    const file = 'src/app/[id]/Café #1.tsx';
    fs.mkdirSync(path.join(dir, 'src', 'app', '[id]'), { recursive: true });
    fs.copyFileSync(path.join(TREE, 'src', 'Never.tsx'), path.join(dir, file));
    const markdown = cli(dir, 'audit', '--format', 'markdown').stdout;
    expect(markdown).toContain('| `generation.updateScene` | [src/app/\\[id\\]/Café #1.tsx:6](src/app/%5Bid%5D/Caf%C3%A9%20%231.tsx#L6) |');
    expect(markdown).toContain('| [src/app/\\[id\\]/Café #1.tsx](src/app/%5Bid%5D/Caf%C3%A9%20%231.tsx) | 1 |');
  });
});

describe('scene-sync audit: hand-offs, the vanilla client, server events', () => {
  it('tells the three kinds of hand-off apart, finds the vanilla call as its own invocation, lists server events', () => {
    const dir = writeTree('audit-handoff', {
      'src/useSaveScene.ts': "import { api } from '~/trpc/react';\n\nexport function useSaveScene() {\n  return api.generation.updateScene.useMutation();\n}\n",
      'src/Saved.tsx': [
        "import { api } from '~/trpc/react';",
        '',
        'export function Saved({ id, onSaved }: { id: string; onSaved: () => void }) {',
        '  const save = api.generation.updateScene.useMutation({ onSuccess: onSaved });',
        '  return <button onClick={() => save.mutate({ id })}>Save</button>;',
        '}',
        '',
      ].join('\n'),
      'src/save.ts': [
        "import { client } from '~/trpc/vanilla';",
        "import { useVideoState } from '~/stores/videoState';",
        '',
        'export async function saveScene(projectId: string, id: string) {',
        // Before the await, but only a function that runs later: no optimistic write.
        '  const later = () => useVideoState.getState().addScene(projectId, { id });',
        '  const scene = await client.generation.updateScene.mutate({ id });',
        '  later();',
        '  useVideoState.getState().updateScene(projectId, id, scene);',
        '}',
        '',
      ].join('\n'),
      'src/Stream.tsx': [
        "import { useSceneStream } from '~/hooks/useSceneStream';",
        "import { useVideoState } from '~/stores/videoState';",
        '',
        'export function Stream({ projectId }: { projectId: string }) {',
        '  const addScene = useVideoState((state) => state.addScene);',
        '  const created = (scene: { id: string }) => addScene(projectId, scene);',
        '  useSceneStream({ projectId, onSceneCreated: created, onSceneDeleted: () => undefined });',
        '  return null;',
        '}',
        '',
      ].join('\n'),
    });
    const run = cli(dir, 'audit', '--format', 'json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { mutations: unknown[]; events: unknown[] };
    // An event is no mutation: its syncs are listed apart, and counted in the file's hand-written syncs.
    expect(report.events).toEqual([
      { event: 'onSceneCreated', file: 'src/Stream.tsx', line: 7, helpers: [], store: [{ name: 'addScene', line: 6 }], cache: [] },
      { event: 'onSceneDeleted', file: 'src/Stream.tsx', line: 7, helpers: [], store: [], cache: [] },
    ]);
    expect(report.mutations).toEqual([
      {
        procedure: 'generation.updateScene',
        file: 'src/save.ts',
        line: 6,
        verdict: 'partly',
        invoked: [{ line: 6, within: ['saveScene'] }],
        helpers: [],
        store: [
          { name: 'addScene', line: 5 },
          { name: 'updateScene', line: 8 },
        ],
        cache: [],
        optimistic: [],
        handOff: null,
      },
      {
        procedure: 'generation.updateScene',
        file: 'src/Saved.tsx',
        line: 4,
        verdict: 'handed-off',
        invoked: [{ line: 5, within: ['Saved', 'onClick'] }],
        helpers: [],
        store: [],
        cache: [],
        optimistic: [],
        handOff: { reason: 'option', line: 4, code: 'onSaved' },
      },
      {
        procedure: 'generation.updateScene',
        file: 'src/useSaveScene.ts',
        line: 4,
        verdict: 'handed-off',
        invoked: [],
        helpers: [],
        store: [],
        cache: [],
        optimistic: [],
        handOff: { reason: 'escape', line: 4, code: 'api.generation.updateScene.useMutation()' },
      },
    ]);
    expect(cli(dir, 'audit', 'src/useSaveScene.ts').stdout).toContain('    invoked: not in this file (the mutation leaves it)\n    handed off: the mutation is passed on, returned or stored');
  });
});

describe('scene-sync audit: options the file does not show', () => {
  it('calls a mutation whose options come from a wrapper handed off, with the code it cannot read', () => {
    const dir = writeTree('audit-unread', {
      'src/Toasted.tsx': [
        "import { api } from '~/trpc/react';",
        "import { withToast } from '~/lib/toast';",
        '',
        'export function Toasted({ id }: { id: string }) {',
        "  const save = api.generation.updateScene.useMutation(withToast({ message: 'Saved' }));",
        '  return <button onClick={() => save.mutate({ id })}>Save</button>;',
        '}',
        '',
      ].join('\n'),
    });
    const run = cli(dir, 'audit', '--format', 'json');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { mutations: { verdict: string; handOff: unknown }[] };
    expect(report.mutations.map(({ verdict, handOff }) => ({ verdict, handOff }))).toEqual([
      { verdict: 'handed-off', handOff: { reason: 'unread', line: 5, code: "withToast({ message: 'Saved' })" } },
    ]);
    expect(cli(dir, 'audit').stdout).toContain("    handed off: its options or success callback come from code this file does not show, withToast({ message: 'Saved' }) (line 5)");
  });
});

describe('scene-sync audit: writes before the await', () => {
  it('a write after one awaited mutation and before the next syncs the first, it is no optimistic write of the second', () => {
    const dir = writeTree('audit-twice', {
      'src/Twice.tsx': [
        "import { useVideoState } from '~/stores/videoState';",
        "import { api } from '~/trpc/react';",
        '',
        'export function Twice({ projectId, id }: { projectId: string; id: string }) {',
        '  const updateScene = useVideoState((state) => state.updateScene);',
        '  const first = api.generation.updateScene.useMutation();',
        '  const second = api.generation.deleteScene.useMutation();',
        '  async function handle() {',
        '    const scene = await first.mutateAsync({ id });',
        '    updateScene(projectId, id, scene);',
        '    await second.mutateAsync({ id });',
        '  }',
        '  return <button onClick={() => void handle()}>Go</button>;',
        '}',
        '',
      ].join('\n'),
    });
    const report = JSON.parse(cli(dir, 'audit', '--format', 'json').stdout) as { mutations: Record<string, unknown>[] };
    expect(report.mutations).toMatchObject([
      { procedure: 'generation.deleteScene', line: 7, verdict: 'never', store: [], optimistic: [] },
      { procedure: 'generation.updateScene', line: 6, verdict: 'partly', store: [{ name: 'updateScene', line: 10 }], optimistic: [] },
    ]);
  });
});

describe('scene-sync audit: --fail-on and usage', () => {
  it('exits 1 when a mutation has a listed verdict, 0 when none has', () => {
    const failing = cli(app, 'audit', 'src', '--fail-on', 'never,partly', '--ignore', 'src/Broken.tsx');
    expect(failing.status).toBe(1);
    expect(failing.stdout.split('\n').at(-2)).toBe('9 scene mutations: 1 never synced, 2 partly, 2 optimistic, 2 by hand, 1 handed off, 1 through the helper');
    expect(cli(app, 'audit', 'src/Helper.tsx', 'src/ByHand.tsx', '--fail-on', 'never,partly').status).toBe(0);
    expect(cli(app, 'audit', 'src/ByHand.tsx', '--fail-on', 'by-hand').status).toBe(1);
  });

  it('exits 1 under --fail-on when a file could not be read: the gate cannot vouch for it', () => {
    expect(cli(app, 'audit', 'src/Helper.tsx', 'src/Broken.tsx', '--fail-on', 'never').status).toBe(1);
    expect(cli(app, 'audit', 'src/Helper.tsx', 'src/Broken.tsx').status).toBe(0);
  });

  it('prints its usage on --help', () => {
    const run = cli(app, 'audit', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('scene-sync audit [paths...] [--config <file>] [--format text|markdown|json] [--out <file>] [--fail-on <verdicts>]');
    expect(run.stdout).toContain('never, partly, optimistic, by-hand, handed-off, helper');
  });

  it.each([
    [['--format', 'html'], 'scene-sync: --format takes text, markdown, json, got "html"'],
    [['--fail-on', 'never,sometimes'], 'scene-sync: --fail-on: unknown verdict "sometimes" (expected never, partly, optimistic, by-hand, handed-off, helper)'],
    [['--fail-on', ','], 'scene-sync: --fail-on takes a comma-separated list of never, partly, optimistic, by-hand, handed-off, helper'],
    [['src/Nowhere.tsx'], 'scene-sync: no such file or folder: src/Nowhere.tsx'],
    [['src/Helper.tsx.orig'], 'scene-sync: src/Helper.tsx.orig is not a source file: only .ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs files are read'],
    [['--out', 'src/Helper.tsx'], 'scene-sync: --out src/Helper.tsx is one of the scanned files; the audit never writes them'],
    [['--out', 'src'], 'scene-sync: --out src is a folder; give a file name'],
    [['--verbose'], "scene-sync: Unknown option '--verbose'"],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const run = cli(app, 'audit', 'src', ...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]!.startsWith(message), run.stderr).toBe(true);
    expect(run.stderr).toContain('Usage:');
    expectSourcesUntouched();
  });

  it('exits 2 when the report cannot be written, and writes nothing else', () => {
    const run = cli(app, 'audit', 'src', '--ignore', 'src/Broken.tsx', '--out', 'src/Helper.tsx/report.md');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^scene-sync audit: cannot write src\/Helper\.tsx\/report\.md: (EEXIST|ENOTDIR)/);
    expectSourcesUntouched();
  });

  it('exits 2 on an invalid config, naming the key', () => {
    fs.writeFileSync(path.join(app, 'bad.json'), JSON.stringify({ store: { hooks: 'useVideoState' } }));
    const run = cli(app, 'audit', 'src', '--config', 'bad.json');
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'scene-sync: invalid setting "store.hooks": expected a non-empty array of identifiers, got "useVideoState".\n' });
  });

  it('reads the conventions from scene-sync.config.json, and words the report with its entity', () => {
    const dir = tempDir('audit-config');
    fs.cpSync(path.join(TREE, 'src', 'ByHand.tsx'), path.join(dir, 'src', 'ByHand.tsx'));
    // Under these conventions `updateScene` is no store action: the success path only refreshes the cache.
    fs.writeFileSync(path.join(dir, 'scene-sync.config.json'), JSON.stringify({ entity: 'clip', store: { actions: { addScene: 'created' } } }));
    const run = cli(dir, 'audit', '--format', 'json');
    const report = JSON.parse(run.stdout) as { entity: string; mutations: { verdict: string; store: unknown[] }[] };
    expect(report.entity).toBe('clip');
    expect(report.mutations).toMatchObject([{ verdict: 'partly', store: [] }]);
    const text = cli(dir, 'audit').stdout.split('\n');
    expect([text[0], text.at(-2)]).toEqual(['scene-sync audit: 1 clip mutation in 1 file (1 file scanned)', '1 clip mutation: 1 partly']);
    expect(cli(dir, 'audit', '--format', 'markdown').stdout.split('\n')[0]).toBe('# Clip sync audit');
  });
});
