// Bad input: a syntax error, an empty file, one huge line, a binary file named .ts, a BOM, CRLF and
// bytes that are not UTF-8. Every rule, in both configs, reports or skips cleanly; the codemod reports
// or skips, and never writes a file it cannot read back byte for byte. (`npm run corpus` runs the same
// rules and codemod over thousands of real files.)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import parser from '@typescript-eslint/parser';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src';
import { transformSource, UnreadableFileError } from '../src/codemods/scene-sync';
import { getConventions } from '../src/conventions';
import { treeCheaperThanText } from '../src/utils/text-search';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A component with a sync after a mutation, for the codemod to rewrite. */
const COMPONENT = [
  "import { api } from '~/trpc/react';",
  "import { useVideoState } from '~/stores/videoState';",
  '',
  'export function Panel({ projectId }: { projectId: string }) {',
  '  const utils = api.useUtils();',
  '  const updateScene = useVideoState((state) => state.updateScene);',
  '  const mutation = api.generation.updateScene.useMutation({',
  '    onSuccess: (scene) => {',
  '      updateScene(projectId, scene.id, scene);',
  '      void utils.generation.getProjectScenes.invalidate({ projectId });',
  '    },',
  '  });',
  '  return <button onClick={() => mutation.mutate({ id: "a" })}>Save</button>;',
  '}',
  '',
].join('\n');

/** 100 KB on one line: the component, minified, among many statements. */
const HUGE_LINE = [
  "import { api } from '~/trpc/react';",
  "import { useVideoState } from '~/stores/videoState';",
  'export function Panel({ projectId }: { projectId: string }) {',
  'const utils = api.useUtils();',
  'const updateScene = useVideoState((state) => state.updateScene);',
  ...Array.from({ length: 2500 }, (_, index) => `const v${index} = [${index}, 2, 3].map((x) => x * 2);`),
  'const mutation = api.generation.updateScene.useMutation({ onSuccess: (scene) => { updateScene(projectId, scene.id, scene); void utils.generation.getProjectScenes.invalidate({ projectId }); } });',
  'return <button onClick={() => mutation.mutate({ id: "a" })}>Save</button>; }',
].join(' ');

const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256));
/** Latin-1 bytes (é as 0xE9) in a comment: not UTF-8. */
const NOT_UTF8 = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${COMPONENT}`)]);

interface Case {
  name: string;
  file: string;
  bytes: Buffer;
}

const CASES: Case[] = [
  { name: 'a syntax error', file: 'Broken.tsx', bytes: Buffer.from(`${COMPONENT}\nconst = ;\n`) },
  { name: 'an empty file', file: 'Empty.ts', bytes: Buffer.alloc(0) },
  { name: 'one huge line', file: 'Huge.tsx', bytes: Buffer.from(HUGE_LINE) },
  { name: 'a binary file named .ts', file: 'Binary.ts', bytes: BINARY },
  { name: 'a BOM', file: 'Bom.tsx', bytes: Buffer.from(`\uFEFF${COMPONENT}`) },
  { name: 'CRLF line endings', file: 'Crlf.tsx', bytes: Buffer.from(COMPONENT.replace(/\n/g, '\r\n')) },
  { name: 'bytes that are not UTF-8', file: 'Latin1.tsx', bytes: NOT_UTF8 },
];

function lintAll(text: string, filename: string, config: 'recommended' | 'strict'): Linter.LintMessage[] {
  const linter = new Linter({ cwd: '/project' });
  return linter.verify(
    text,
    [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'scene-sync': plugin as never },
        rules: plugin.configs[config].rules,
      },
    ],
    { filename: `/project/src/${filename}` },
  );
}

describe('rules on bad input', () => {
  for (const config of ['recommended', 'strict'] as const) {
    for (const { name, file, bytes } of CASES) {
      it(`${config}: ${name} is reported or skipped, never a crash`, () => {
        // ESLint reads files as UTF-8, as here; a rule that throws makes verify() throw.
        const messages = lintAll(bytes.toString('utf8'), file, config);
        const fatal = messages.filter((message) => message.fatal);
        if (name === 'a syntax error' || name === 'a binary file named .ts') {
          expect(fatal).toHaveLength(1);
        } else {
          expect(fatal).toEqual([]);
        }
        if (['one huge line', 'a BOM', 'CRLF line endings', 'bytes that are not UTF-8'].includes(name)) {
          expect(messages.some((message) => message.ruleId === 'scene-sync/no-direct-store-update')).toBe(true);
        }
      });
    }
  }

  it('reports on the right line after a BOM and with CRLF', () => {
    const plain = lintAll(COMPONENT, 'Panel.tsx', 'recommended').map(({ ruleId, line, column }) => ({ ruleId, line, column }));
    expect(plain.length).toBeGreaterThan(0);
    for (const text of [`\uFEFF${COMPONENT}`, COMPONENT.replace(/\n/g, '\r\n')]) {
      expect(lintAll(text, 'Panel.tsx', 'recommended').map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual(plain);
    }
  });
});

describe('rules on files that are mostly one literal', () => {
  // An inlined bundle: every word the text tests look for, in one string of 1.3 MB.
  const BUNDLE = `\nexport const bundle = ${JSON.stringify("utils.generation.getProjectScenes.invalidate(); useVideoState.setState({}); m.mutate(); bus.emit('scene:updated'); db.update(scenes); ".repeat(12_000))};\n`;
  const EVENT_BUS = "import { eventBus } from '~/lib/event-bus';\nexport function save(sceneId: string) {\n  eventBus.emit('scene.updated', { sceneId });\n}\n";
  const TABLE_UPDATE = "import { eq } from 'drizzle-orm';\nimport { db } from '~/server/db';\nimport { scenes } from '~/server/db/schema';\nexport async function rename(id: string, name: string) {\n  await db.update(scenes).set({ name }).where(eq(scenes.id, id));\n}\n";
  const located = (messages: Linter.LintMessage[]) => messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }));

  it('are decided by their tree, with the reports of the same code without the literal', () => {
    for (const [code, file] of [[COMPONENT, 'Panel.tsx'], [EVENT_BUS, 'save.ts'], [TABLE_UPDATE, 'server/rename.ts']] as const) {
      const alone = located(lintAll(code, file, 'strict'));
      expect(alone.length, file).toBeGreaterThan(0);
      expect(treeCheaperThanText(parse(code, { tokens: true, jsx: true }), code), file).toBe(false);
      const withBundle = code + BUNDLE;
      expect(treeCheaperThanText(parse(withBundle, { tokens: true, jsx: true }), withBundle), file).toBe(true);
      expect(located(lintAll(withBundle, file, 'strict')), file).toEqual(alone);
    }
  });

  it('report nothing for the words inside the literal', () => {
    expect(lintAll(BUNDLE, 'bundle.ts', 'strict')).toEqual([]);
  });
});

describe('codemod transform on bad input', () => {
  const conventions = getConventions(undefined);

  it('throws a parse error for a syntax error (the CLI reports the file as failed)', () => {
    expect(() => transformSource(`${COMPONENT}\nconst = ;\n`, 'src/Broken.tsx', conventions)).toThrow();
  });

  it('skips an empty file', () => {
    expect(transformSource('', 'src/Empty.ts', conventions)).toBeUndefined();
  });

  it('refuses a binary file', () => {
    expect(() => transformSource(BINARY.toString('utf8'), 'src/Binary.ts', conventions)).toThrow(UnreadableFileError);
  });

  it('rewrites one huge line, keeping it one line, into text that parses', () => {
    const result = transformSource(HUGE_LINE, 'src/Huge.tsx', conventions)!;
    expect(result.plan.rewrites.length).toBeGreaterThan(0);
    expect(result.output).not.toBe(HUGE_LINE);
    expect(result.output.split('\n').length).toBeLessThanOrEqual(3);
  });

  it('keeps a BOM and CRLF line endings', () => {
    const bom = transformSource(`\uFEFF${COMPONENT}`, 'src/Bom.tsx', conventions)!;
    expect(bom.output.startsWith('\uFEFF')).toBe(true);
    expect(bom.output.slice(1)).not.toContain('\uFEFF');
    const crlf = transformSource(COMPONENT.replace(/\n/g, '\r\n'), 'src/Crlf.tsx', conventions)!;
    expect(crlf.output).not.toBe(COMPONENT.replace(/\n/g, '\r\n'));
    expect(crlf.output.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('scene-sync migrate on a folder of bad input', () => {
  let dir: string;

  beforeAll(() => {
    if (!fs.existsSync(CLI)) execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scene-sync-robustness-'));
    fs.mkdirSync(path.join(dir, 'src'));
    for (const { file, bytes } of CASES) fs.writeFileSync(path.join(dir, 'src', file), bytes);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Before the migration below rewrites the folder.
  it('audit reads what it can, lists the rest as skipped with their line, and writes nothing', () => {
    const run = spawnSync(process.execPath, [CLI, 'audit', 'src', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { mutations: { file: string; line: number; verdict: string }[]; skipped: { file: string; line: number | null }[] };
    // Not UTF-8 is no reason to skip a file that is only read: its comment is all that is lost.
    expect(report.mutations.map(({ file, line, verdict }) => `${file}:${line} ${verdict}`)).toEqual([
      'src/Bom.tsx:7 by-hand',
      'src/Crlf.tsx:7 by-hand',
      'src/Huge.tsx:1 by-hand',
      'src/Latin1.tsx:8 by-hand',
    ]);
    expect(report.skipped.map(({ file, line }) => `${file}:${line}`)).toEqual(['src/Binary.ts:null', 'src/Broken.tsx:16']);
    for (const { file, bytes } of CASES) expect(fs.readFileSync(path.join(dir, 'src', file)).equals(bytes), `${file} was written`).toBe(true);
  });

  it('rewrites what it can read, reports the rest as failed, and writes no file it cannot read back', () => {
    const run = spawnSync(process.execPath, [CLI, 'migrate', '--report', 'report.json', 'src'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as {
      changedFiles: string[];
      failures: { file: string; error: string }[];
    };
    expect(report.failures.map((failure) => failure.file).sort()).toEqual(['src/Binary.ts', 'src/Broken.tsx', 'src/Latin1.tsx']);
    expect(report.changedFiles.sort()).toEqual(['src/Bom.tsx', 'src/Crlf.tsx', 'src/Huge.tsx']);
    for (const { file, bytes } of CASES) {
      const after = fs.readFileSync(path.join(dir, 'src', file));
      if (report.changedFiles.includes(`src/${file}`)) {
        expect(after.equals(bytes)).toBe(false);
      } else {
        expect(after.equals(bytes), `${file} was written`).toBe(true);
      }
    }
    const bom = fs.readFileSync(path.join(dir, 'src', 'Bom.tsx'), 'utf8');
    expect(bom.startsWith('\uFEFF')).toBe(true);
    const crlf = fs.readFileSync(path.join(dir, 'src', 'Crlf.tsx'), 'utf8');
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('package', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    license: string;
    files: string[];
    dependencies: Record<string, string>;
  };

  it('ships its MIT LICENSE', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.files).toContain('LICENSE');
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it("pins jscodeshift to the tested minor: the CLI imports its internal src/Runner, which must still export run()", () => {
    expect(pkg.dependencies.jscodeshift).toMatch(/^~\d+\.\d+\.\d+$/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runner = require('jscodeshift/src/Runner') as { run?: unknown };
    expect(typeof runner.run).toBe('function');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const installed = (require('jscodeshift/package.json') as { version: string }).version;
    expect(installed.split('.').slice(0, 2)).toEqual(pkg.dependencies.jscodeshift.slice(1).split('.').slice(0, 2));
  });

  it('loads neither jscodeshift nor Babel for lint users (the plugin entry)', () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}index.js`))).toBe(true);
    expect(loaded.filter((file) => /[\\/]node_modules[\\/](?:jscodeshift|@babel|recast|write-file-atomic)[\\/]/.test(file))).toEqual([]);
  });

  it('ships no install scripts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[hook]).toBeUndefined();
  });
});
