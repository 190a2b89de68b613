#!/usr/bin/env node
// Runs the no-op transform through jscodeshift's Runner over the given paths, the way
// `scene-sync migrate --dry` runs its own transform: tsx parser, dry, same extensions.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { run } = require('jscodeshift/src/Runner');
const transform = path.join(path.dirname(fileURLToPath(import.meta.url)), 'noop-transform.cjs');
const paths = process.argv.slice(2);
const stats = await run(transform, paths, {
  parser: 'tsx',
  extensions: 'ts,tsx,mts,cts,js,jsx,mjs,cjs',
  ignorePattern: ['**/node_modules/**', '**/*.d.ts'],
  babel: false,
  verbose: 0,
  silent: true,
  dry: true,
  print: false,
  runInBand: false,
  failOnError: false,
});
process.stdout.write(`${JSON.stringify(stats)}\n`);
