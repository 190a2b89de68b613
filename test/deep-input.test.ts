// Input-sized chains and nesting: no rule and no codemod step may recurse once per link. Flat chains
// (aliases, member steps through constants) run here; literal nesting needs a deeper stack than
// vitest's just for the parser, so it runs in a worker thread with 64 MB of stack, where an
// analysis that recursed per level would still overflow.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src';
import { transformSource } from '../src/codemods/scene-sync';
import { getConventions } from '../src/conventions';
import { referencesOf, walk } from '../src/analysis/ast';
import { parseModuleText } from '../src/analysis/parse-options';

const HEADER = ["import { api } from '~/trpc/react';", "import { useVideoState } from '~/stores/videoState';", ''];
const DIST = path.resolve(__dirname, '..', 'dist', 'index.js');

/** A report keyed by the text of its line, so a deep and a shallow version of a file compare equal. */
type Summary = { ruleId: string | null; code: string; column: number; fatal?: boolean };

function summarize(text: string, messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[]): Summary[] {
  const lines = text.split('\n');
  return messages.map(({ ruleId, line, column, fatal }) => ({ ruleId, code: (lines[line - 1] ?? '').trim(), column, ...(fatal ? { fatal } : {}) }));
}

function lintAll(text: string, config: 'recommended' | 'strict'): Summary[] {
  const linter = new Linter({ cwd: '/project' });
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'scene-sync': plugin as never },
        rules: plugin.configs[config].rules,
      },
    ],
    { filename: '/project/src/components/Panel.tsx' },
  );
  return summarize(text, messages);
}

/** `const a1 = a0; ... ` ending in a hand-written invalidation after a mutation. */
function aliasChain(length: number): string {
  return [
    ...HEADER,
    'export function Panel({ projectId }: { projectId: string }) {',
    '  const a0 = api.useUtils();',
    ...Array.from({ length }, (_, index) => `  const a${index + 1} = a${index};`),
    `  const m = api.generation.updateScene.useMutation({ onSuccess: () => { void last.generation.getProjectScenes.invalidate({ projectId }); } });`,
    '  return m;',
    '}',
    '',
  ].join('\n').replace('last.', `a${length}.`);
}

/** `const a1 = a0.generation; ...`: one member step per constant, the invalidation at the end. */
function memberChainThroughConstants(length: number): string {
  return [
    ...HEADER,
    'export function Panel({ projectId }: { projectId: string }) {',
    '  const a0 = useVideoState.getState();',
    ...Array.from({ length }, (_, index) => `  const a${index + 1} = a${index}.slice;`),
    '  const m = api.generation.updateScene.useMutation({ onSuccess: (scene) => { last.updateScene(projectId, scene.id, scene); } });',
    '  return m;',
    '}',
    '',
  ].join('\n').replace('last.', `a${length}.`);
}

describe('flat chains, with every rule of both configs', () => {
  for (const config of ['recommended', 'strict'] as const) {
    it(`${config}: a 10,000-alias const chain is followed to the invalidation at its end`, () => {
      const shallow = lintAll(aliasChain(3), config);
      expect(shallow.map((report) => report.ruleId)).toEqual(['scene-sync/no-manual-invalidate']);
      expect(lintAll(aliasChain(10_000), config)).toEqual(shallow.map((report) => ({ ...report, code: report.code.replace('a3.', 'a10000.') })));
    });

    it(`${config}: a 5,000-link member chain through constants reports as a short one does`, () => {
      const shallow = lintAll(memberChainThroughConstants(3), config);
      expect(lintAll(memberChainThroughConstants(5_000), config)).toEqual(shallow.map((report) => ({ ...report, code: report.code.replace('a3.', 'a5000.') })));
    });
  }

  it('the codemod rewrites the invalidation at the end of a 10,000-alias chain', () => {
    const result = transformSource(aliasChain(10_000), 'src/components/Panel.tsx', getConventions(undefined))!;
    expect(result.plan.rewrites.map(({ line, kind }) => ({ line, kind }))).toEqual([{ line: 10_006, kind: 'changed' }]);
    expect(result.output).toContain('sceneSyncHelpers.syncAllScenes(');
  });
});

interface DeepCase {
  name: string;
  text: (depth: number) => string;
  depth: number;
}

const DEEP_CASES: DeepCase[] = [
  {
    name: 'a 5,000-link member expression',
    depth: 5_000,
    text: (depth) =>
      [
        ...HEADER,
        'export function Panel({ projectId }: { projectId: string }) {',
        '  const utils = api.useUtils();',
        `  const m = api.generation.updateScene.useMutation({ onSuccess: () => { void utils.generation.getProjectScenes.invalidate({ projectId }); void utils${'.b'.repeat(depth)}.invalidate(); } });`,
        '  return m;',
        '}',
        '',
      ].join('\n'),
  },
  {
    name: '1,000 nested if/else blocks that all return before a store update',
    depth: 1_000,
    text: (depth) =>
      [
        ...HEADER,
        'export function Panel({ a }: { a: boolean }) {',
        '  const m = api.generation.updateScene.useMutation({ onSuccess: async (scene) => {',
        '    await Promise.resolve();',
        'if (a) {\n'.repeat(depth) + 'return;\n' + '} else { return; }\n'.repeat(depth) + '    useVideoState.getState().updateScene(scene.id, scene);',
        '  } });',
        '  return m;',
        '}',
        '',
      ].join('\n'),
  },
  {
    name: 'a 2,000-link .then chain after mutateAsync, with a hand sync at its end',
    depth: 2_000,
    text: (depth) =>
      [
        ...HEADER,
        'export function Panel({ projectId }: { projectId: string }) {',
        '  const m = api.generation.updateScene.useMutation();',
        '  const save = () => m.mutateAsync({ projectId })',
        '.then((value) => value)\n'.repeat(depth) + ".then(() => { useVideoState.getState().updateScene(projectId, 'a', {}); });",
        '  return save;',
        '}',
        '',
      ].join('\n'),
  },
  {
    name: '600 nested callbacks around a hand sync',
    depth: 600,
    text: (depth) =>
      [
        ...HEADER,
        'declare function later(run: () => void): void;',
        'export function Panel({ projectId }: { projectId: string }) {',
        '  const utils = api.useUtils();',
        '  const m = api.generation.updateScene.useMutation({ onSuccess: (scene) => {',
        'later(() => {\n'.repeat(depth) +
          'useVideoState.getState().updateScene(projectId, scene.id, scene); void utils.generation.getProjectScenes.invalidate({ projectId });\n' +
          '});\n'.repeat(depth) +
          '  } });',
        '  return m;',
        '}',
        '',
      ].join('\n'),
  },
];

/** Lints in a thread with a deep stack (only the parser needs it), with each config. */
function lintInDeepStack(text: string): Promise<Record<'recommended' | 'strict', Summary[]>> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { Linter } = require('eslint');
    const parser = require('@typescript-eslint/parser');
    const plugin = require(workerData.dist);
    const result = {};
    for (const config of ['recommended', 'strict']) {
      result[config] = new Linter({ cwd: '/project' }).verify(workerData.text, [{
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'scene-sync': plugin },
        rules: plugin.configs[config].rules,
      }], { filename: '/project/src/components/Panel.tsx' }).map(({ ruleId, line, column, fatal, message }) => ({ ruleId, line, column, fatal, message }));
    }
    parentPort.postMessage(result);
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { text, dist: DIST }, resourceLimits: { stackSizeMb: 64 } });
    worker.once('message', (result: Record<'recommended' | 'strict', { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[]>) =>
      resolve({ recommended: summarize(text, result.recommended), strict: summarize(text, result.strict) }),
    );
    worker.once('error', reject);
  });
}

describe('literal nesting, with every rule of both configs', () => {
  for (const { name, text, depth } of DEEP_CASES) {
    it(`${name}: no crash, the reports of a shallow version`, async () => {
      const deep = await lintInDeepStack(text(depth));
      for (const config of ['recommended', 'strict'] as const) {
        const shallow = lintAll(text(3), config);
        expect(shallow.length, `${config} reports something`).toBeGreaterThan(0);
        expect(deep[config], config).toEqual(shallow.map((report) => ({ ...report, code: report.code.replace('.b.b.b.', `${'.b'.repeat(depth)}.`) })));
      }
    });
  }
});

describe('references looked up one scope at a time', () => {
  function resolved(text: string): Map<string, string | null | undefined> {
    const parsed = parseModuleText(text, '/project/src/a.ts');
    walk(parsed.ast, parsed.visitorKeys, () => undefined);
    const references = referencesOf(parsed.scopeManager);
    const answers = new Map<string, string | null | undefined>();
    walk(parsed.ast, parsed.visitorKeys, (node) => {
      if (node.type !== 'Identifier') return;
      const answer = references.get(node);
      answers.set(`${node.name}@${node.range[0]}`, answer === null || answer === undefined ? answer : `${answer.name}:${answer.scope.type}`);
    });
    return answers;
  }

  it('answers as the full list of references does: outer variables, class heritage, parameters, globals, non-references', () => {
    const text = 'const base = 1;\nclass A extends Base {}\nfunction f(p = base) {\n  return () => { const q = p + base; return q + undeclared; };\n}\n';
    const answers = resolved(text);
    const at = (name: string, occurrence: number) => {
      let index = -1;
      for (let seen = 0; seen < occurrence; seen++) index = text.indexOf(name, index + 1);
      return answers.get(`${name}@${index}`);
    };
    expect(at('base', 2)).toBe('base:module');
    expect(at('base', 3)).toBe('base:module');
    expect(at('Base', 1)).toBeNull();
    expect(at('p', 2)).toBe('p:function');
    expect(at('q', 2)).toBe('q:function');
    expect(at('undeclared', 1)).toBeNull();
    expect(at('f', 1)).toBeUndefined();
  });

  it('answers as the full list does before and after it switches to indexing every reference', () => {
    const block = (index: number) =>
      `const base${index} = 1;\nclass A${index} extends Base {}\nfunction f${index}(p = base${index}) {\n  return () => { const q = p + base${index}; return q + undeclared; };\n}\n`;
    const text = Array.from({ length: 12 }, (_, index) => block(index)).join('');
    const parsed = parseModuleText(text, '/project/src/a.ts');
    const truth = new Map<string, string | null>();
    for (const scope of parsed.scopeManager.scopes) {
      for (const reference of scope.references) {
        const variable = reference.resolved;
        truth.set(`${reference.identifier.name}@${reference.identifier.range[0]}`, variable && `${variable.name}:${variable.scope.type}`);
      }
    }
    const answers = resolved(text);
    // More lookups than the lazy index takes before it indexes the whole file.
    expect(answers.size).toBeGreaterThan(100);
    for (const [key, answer] of answers) expect([key, answer]).toEqual([key, truth.has(key) ? truth.get(key) : undefined]);
  });

  it('resolves identifiers 100 expressions deep to their declarations', () => {
    const depth = 100;
    const text = `const x = 1;\nexport const y = ${'(x + '.repeat(depth)}x${')'.repeat(depth)};\n`;
    const answers = resolved(text);
    const uses = [...answers].filter(([key]) => key.startsWith('x@') && key !== 'x@6');
    expect(uses).toHaveLength(depth + 1);
    expect(new Set(uses.map(([, answer]) => answer))).toEqual(new Set(['x:module']));
  });
});
