// Shared by `npm run bench` (bench/bench.mjs) and `npm run corpus` (bench/corpus.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.dirname(benchDir);
export const exampleSrc = path.join(repoRoot, 'examples', 'video-editor', 'src');
/** The built plugin: dist/ (after `npm run build`), or another build named by SCENE_SYNC_DIST. */
export const distDir = path.resolve(process.env.SCENE_SYNC_DIST ?? path.join(repoRoot, 'dist'));
export const cliPath = path.join(distDir, 'cli.js');

/** Everything the scripts fetch or generate lives here, outside the repository (reused between runs). */
export const workRoot = path.resolve(process.env.SCENE_SYNC_BENCH_DIR ?? path.join(os.tmpdir(), 'scene-sync-bench'));

export const CODE_FILE = /\.(?:[cm]?ts|tsx)$/;
export const isSourceFile = (file) => CODE_FILE.test(file) && !/\.d\.[cm]?ts$/.test(file);

/** Regular files under `dir` (no symlinks followed), sorted, filtered by `keep`. */
export function listFiles(dir, keep = isSourceFile) {
  const out = [];
  const visit = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && keep(full)) out.push(full);
    }
  };
  visit(dir);
  return out;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs node on a script; returns status, output and wall time. Never throws on a non-zero status. */
export function runNode(args, { cwd = repoRoot, env = {}, input } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    input,
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms };
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const widths = header.map((cell, index) => Math.max(String(cell).length, ...rows.map((row) => String(row[index]).length)));
  const line = (cells) => `| ${cells.map((cell, index) => String(cell).padEnd(widths[index])).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtPct = (ratio) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%`;
export const fmtX = (ratio) => `${ratio.toFixed(2)}x`;

export function log(text) {
  process.stderr.write(`${text}\n`);
}
