// The real-world corpus: the .ts/.tsx sources that the packages in bench/corpus-packages.json ship,
// fetched with `npm pack` (npm's cache makes later runs offline), checked against the pinned
// integrity, and copied out of the tarball into <workRoot>/corpus/<package>/.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { benchDir, isSourceFile, listFiles, log, workRoot } from './common.mjs';

const manifestPath = path.join(benchDir, 'corpus-packages.json');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function readManifest() {
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
}

const safeName = (name) => name.replace(/^@/, '').replace(/\//g, '__');

function integrityOf(file) {
  return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

function fetchTarball(pkg, tarballs) {
  const file = path.join(tarballs, `${safeName(pkg.name)}-${pkg.version}.tgz`);
  if (fs.existsSync(file) && integrityOf(file) === pkg.integrity) return file;
  const scratch = fs.mkdtempSync(path.join(tarballs, '.pack-'));
  try {
    const result = spawnSync(NPM, ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', scratch, '--json', '--ignore-scripts', '--silent'], {
      encoding: 'utf8',
      cwd: scratch,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`npm pack ${pkg.name}@${pkg.version} failed:\n${result.stderr}`);
    const [packed] = JSON.parse(result.stdout);
    const downloaded = path.join(scratch, packed.filename);
    const actual = integrityOf(downloaded);
    if (actual !== pkg.integrity) throw new Error(`${pkg.name}@${pkg.version}: integrity ${actual} does not match the pinned ${pkg.integrity}`);
    fs.renameSync(downloaded, file);
    return file;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function extract(pkg, tarball, destination) {
  const scratch = fs.mkdtempSync(path.join(path.dirname(destination), '.extract-'));
  try {
    const result = spawnSync('tar', ['-xzf', tarball, '-C', scratch, '--no-same-owner', '--no-same-permissions'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tar failed on ${tarball}: ${result.stderr}`);
    const root = path.join(scratch, 'package');
    for (const include of pkg.include) {
      const from = path.join(root, include);
      if (!fs.existsSync(from)) throw new Error(`${pkg.name}@${pkg.version} has no ${include}/`);
      // listFiles never follows symlinks: only regular files of the package are copied.
      for (const file of listFiles(from, isSourceFile)) {
        const target = path.join(destination, include, path.relative(from, file));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(file, target);
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Fetches and unpacks the corpus if the manifest changed since the last run.
 * Returns the corpus folder and, per package, its folder and files.
 */
export function ensureCorpus() {
  const manifest = readManifest();
  const tarballs = path.join(workRoot, 'tarballs');
  const corpusRoot = path.join(workRoot, 'corpus');
  const stampFile = path.join(corpusRoot, '.stamp');
  const stamp = crypto.createHash('sha256').update(JSON.stringify(manifest.packages)).digest('hex');
  fs.mkdirSync(tarballs, { recursive: true });
  const fresh = fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === stamp;
  if (!fresh) {
    log(`corpus: fetching ${manifest.packages.length} packages into ${corpusRoot}`);
    fs.rmSync(corpusRoot, { recursive: true, force: true });
    fs.mkdirSync(corpusRoot, { recursive: true });
    for (const pkg of manifest.packages) {
      const tarball = fetchTarball(pkg, tarballs);
      extract(pkg, tarball, path.join(corpusRoot, safeName(pkg.name)));
    }
    fs.writeFileSync(stampFile, `${stamp}\n`);
  }
  const packages = manifest.packages.map((pkg) => {
    const dir = path.join(corpusRoot, safeName(pkg.name));
    return { ...pkg, dir, files: listFiles(dir) };
  });
  return { root: corpusRoot, packages, files: packages.flatMap((pkg) => pkg.files) };
}

/** Copies the corpus into a fresh folder (for the codemod, which must not touch the cached copy). */
export function copyCorpus(corpus, destination) {
  fs.rmSync(destination, { recursive: true, force: true });
  fs.cpSync(corpus.root, destination, { recursive: true, filter: (source) => path.basename(source) !== '.stamp' });
  return destination;
}
