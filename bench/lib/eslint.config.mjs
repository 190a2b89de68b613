// ESLint config file for `eslint --config bench/lib/eslint.config.mjs` (and the API with
// `overrideConfigFile`), which multithreaded runs (`--concurrency`) need: worker threads load the
// config from a file. What it turns on is read from the environment:
//   SCENE_SYNC_BENCH_MODE      recommended | strict (this plugin's config; default strict)
//   SCENE_SYNC_BENCH_SETTINGS  path of a JSON file with `settings.sceneSync` (default: none)
//   SCENE_SYNC_BENCH_OTHERS    0 to leave out react-hooks and TanStack Query's rules
//   SCENE_SYNC_BENCH_OURS      0 to leave out this plugin's rules
import fs from 'node:fs';
import { lintConfig } from './lint-config.mjs';

const settingsFile = process.env.SCENE_SYNC_BENCH_SETTINGS;
export default lintConfig({
  mode: process.env.SCENE_SYNC_BENCH_MODE === 'recommended' ? 'recommended' : 'strict',
  settings: settingsFile ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : undefined,
  others: process.env.SCENE_SYNC_BENCH_OTHERS !== '0',
  ours: process.env.SCENE_SYNC_BENCH_OURS !== '0',
});
