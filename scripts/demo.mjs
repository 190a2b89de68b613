#!/usr/bin/env node
// `npm run demo`: build the plugin, lint the example app, audit a throwaway copy of it, migrate the
// copy with the diff printed, then audit, lint and type-check the migrated copy. Pass `--keep` to keep the copy.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { cliPath, commitAll, ensureExampleDependencies, eslintBin, exampleDir, makeExampleCopy, removeCopy, repoRoot, runNode, tscBin } = require('./example-app.cjs');

const keep = process.argv.includes('--keep');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text) => (color ? `\x1b[1m${text}\x1b[22m` : text);
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const timings = [];

function heading(text) {
  process.stdout.write(`\n${bold(`== ${text}`)}\n\n`);
}

/** Runs one step, prints what it printed, and fails the demo on an unexpected status. */
function step(label, run, expected) {
  const result = run();
  timings.push([label, result.ms]);
  const output = `${result.stdout}${result.stderr}`.replace(/\n+$/, '');
  if (output) process.stdout.write(`${output}\n`);
  if (!expected.includes(result.status)) {
    process.stderr.write(`\ndemo: "${label}" exited with ${result.status} (expected ${expected.join(' or ')}).\n`);
    process.exit(1);
  }
  return result;
}

function npmBuild() {
  const started = Date.now();
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms: Date.now() - started };
}

heading('1. Build the plugin (npm run build)');
step('build', npmBuild, [0]);
process.stdout.write(`built ${path.relative(process.cwd(), path.dirname(cliPath)) || 'dist'}/\n`);

heading('2. Install the example app\'s dependencies (npm ci from its lockfile, once)');
{
  const started = Date.now();
  const installed = ensureExampleDependencies({ log: (message) => process.stdout.write(`${message}\n`), stdio: 'inherit' });
  timings.push(['example dependencies', Date.now() - started]);
  if (!installed) process.stdout.write('up to date: examples/video-editor/node_modules matches its lockfile\n');
}

heading('3. Lint the example app (examples/video-editor: npx eslint src)');
step('lint example', () => runNode(eslintBin, ['src'], exampleDir), [0, 1]);

const copy = makeExampleCopy({ prefix: 'scene-sync-demo-' });
try {
  heading(`4. Audit a copy (${copy}) before the migration: scene-sync audit src`);
  step('scene-sync audit (before)', () => runNode(cliPath, ['audit', 'src'], copy), [0]);

  heading('5. Migrate the copy: scene-sync init, commit, scene-sync migrate src --print');
  step('scene-sync init', () => runNode(cliPath, ['init'], copy), [0]);
  commitAll(copy, 'scene-sync init');
  process.stdout.write('\n');
  step('scene-sync migrate', () => runNode(cliPath, ['migrate', 'src', '--print'], copy), [0]);

  heading('6. Audit the migrated copy: the helper where the codemod could, the rest as before');
  step('scene-sync audit (after)', () => runNode(cliPath, ['audit', 'src'], copy), [0]);

  heading('7. Lint the migrated copy: what remains is the review list (and the mutation that never syncs)');
  step('lint migrated copy', () => runNode(eslintBin, ['src'], copy), [0, 1]);

  heading('8. Type-check the migrated copy (tsc --noEmit -p .)');
  step('tsc migrated copy', () => runNode(tscBin, ['--noEmit', '-p', '.'], copy), [0]);
  process.stdout.write('tsc: no errors\n');
} finally {
  if (keep) process.stdout.write(`\nkept the migrated copy: ${copy}\n`);
  else removeCopy(copy);
}

heading('Timings');
for (const [label, ms] of timings) process.stdout.write(`  ${label.padEnd(24)} ${seconds(ms)}\n`);
