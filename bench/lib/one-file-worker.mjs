#!/usr/bin/env node
// `node one-file-worker.mjs <sites>`: lints ONE file holding <sites> components that each sync by hand
// after a mutation (two sites each: a store update and an invalidation), with this plugin's `strict`
// rules and typescript-eslint's parser, through ESLint's Linter. Prints one JSON line: lines, sites
// reported, parse-and-lint time.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');
const parser = require('@typescript-eslint/parser');
const plugin = require(path.join(process.env.SCENE_SYNC_DIST, 'index.js'));

const sites = Number(process.argv[2]);
const components = Math.ceil(sites / 2);
const lines = ["import { api } from '~/trpc/react';", "import { useVideoState } from '~/stores/videoState';", ''];
for (let index = 0; index < components; index++) {
  lines.push(
    `export function Panel${index}({ projectId }: { projectId: string }) {`,
    '  const utils = api.useUtils();',
    '  const updateScene = useVideoState((state) => state.updateScene);',
    '  const mutation = api.generation.updateScene.useMutation({',
    '    onSuccess: (scene) => {',
    '      updateScene(projectId, scene.id, scene);',
    '      void utils.generation.getProjectScenes.invalidate({ projectId });',
    '    },',
    '  });',
    `  return <button onClick={() => mutation.mutate({ id: '${index}' })}>Save</button>;`,
    '}',
    '',
  );
}
const text = lines.join('\n');
const linter = new Linter({ cwd: '/project' });
const config = [
  {
    files: ['**/*.tsx'],
    languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'scene-sync': plugin },
    rules: plugin.configs.strict.rules,
  },
];
const started = process.hrtime.bigint();
const messages = linter.verify(text, config, { filename: '/project/src/components/Panels.tsx' });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const fatal = messages.filter((message) => message.fatal).length;
process.stdout.write(`${JSON.stringify({ sites: components * 2, lines: lines.length, reported: messages.length - fatal, fatal, ms })}\n`);
