// The one-file case of `npm run bench`: lint time of a single file as its hand-synced sites double.
// Linear growth shows as a flat time per site; each size runs in a fresh process, with a time limit
// so that a superlinear build still finishes the benchmark.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { benchDir, distDir, fmtMs, fmtX, log, table } from './common.mjs';

export const ONE_FILE_SITES = [500, 1_000, 2_000, 4_000];
const LIMIT_MS = 10 * 60_000;

export function benchOneFile(sizes = ONE_FILE_SITES) {
  const rows = [];
  for (const sites of sizes) {
    log(`bench: lint one file with ${sites} sites`);
    const result = spawnSync(process.execPath, [path.join(benchDir, 'lib', 'one-file-worker.mjs'), String(sites)], {
      env: { ...process.env, SCENE_SYNC_DIST: distDir },
      encoding: 'utf8',
      timeout: LIMIT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.signal) {
      rows.push({ sites, timedOut: true });
      // Larger sizes would only take longer.
      break;
    }
    if (result.status !== 0) throw new Error(`one-file lint failed at ${sites} sites:\n${result.stderr}`);
    rows.push(JSON.parse(result.stdout.trim().split('\n').pop()));
  }
  return rows;
}

/** A Markdown table: time, time per site and that per-site time against the smallest size's. */
export function oneFileTable(rows) {
  const base = rows[0] && !rows[0].timedOut ? rows[0].ms / rows[0].sites : undefined;
  return table(
    ['sites in one file', 'lines', 'reports', 'lint time', 'per site', 'per site / at the smallest size'],
    rows.map((row) =>
      row.timedOut
        ? [row.sites, '', '', `over ${fmtMs(LIMIT_MS)}`, '', '']
        : [row.sites, row.lines, row.reported, fmtMs(row.ms), `${(row.ms / row.sites).toFixed(2)} ms`, base === undefined ? '' : fmtX(row.ms / row.sites / base)],
    ),
  );
}
