// Replicates the example app (examples/video-editor/src) to any number of files, varied so that no
// two files are byte-identical and the forms differ: renamed components, handlers and locals;
// aliased imports of `api` and of the store hook; method-shaped callbacks; quote style, indentation,
// CRLF, a BOM now and then, and non-site helper code of varying length. Deterministic: the same
// count gives the same files.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { exampleSrc, listFiles } from './common.mjs';

const require = createRequire(import.meta.url);

/** Names local to the app: renamed per replica. Convention names (store hook, actions, procedures) stay. */
const LOCAL_NAMES = [
  'ChatPanel', 'CodePanel', 'PreviewPanel', 'ProjectHeader', 'SceneActions', 'TimelinePanel', 'SceneRow', 'Editor',
  'ChatPanelProps', 'CodePanelProps', 'PreviewPanelProps', 'SceneActionsProps', 'SceneRowProps',
  'handleGenerate', 'handleRevert', 'handleRename', 'handleFormat', 'handleDurationChange', 'handleRegenerate',
  'handleDuplicate', 'handleDelete', 'handleDrag', 'handleDrop',
  'createMutation', 'restoreMutation', 'renameMutation', 'updateMutation', 'formatMutation', 'durationMutation',
  'regenerateMutation', 'trimMutation', 'deleteMutation', 'duplicateMutation', 'resizeMutation', 'reorderMutation',
  'moveScenes', 'sceneTemplate', 'formatCode', 'transcript', 'setTranscript', 'setPrompt', 'setStatus',
  'draft', 'setDraft', 'caption', 'setCaption', 'drafts', 'setDrafts', 'upd', 'FRAME_WIDTH', 'useSceneReorder',
  'SceneEventSource', 'streamUrl', 'SceneStreamEvent', 'SceneStreamOptions',
];
const WORDS = ['Clip', 'Story', 'Track', 'Shot', 'Reel', 'Frame', 'Cut', 'Take', 'Board', 'Layer', 'Beat', 'Act'];
const FILES_WITH_SITES = new Set([
  'components/ChatPanel.tsx',
  'components/CodePanel.tsx',
  'components/PreviewPanel.tsx',
  'components/SceneActions.tsx',
  'components/TimelinePanel.tsx',
  'hooks/useSceneReorder.ts',
]);

/** A small deterministic PRNG (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Re-quotes every JS string literal that holds no quote or backslash; JSX attributes are left alone. */
function requote(text, jsx, quote) {
  const { parseForESLint } = require('@typescript-eslint/parser');
  const { tokens } = parseForESLint(text, { ecmaFeatures: { jsx }, range: true }).ast;
  let out = '';
  let last = 0;
  for (const token of tokens) {
    if (token.type !== 'String') continue;
    const inner = token.value.slice(1, -1);
    if (/['"\\]/.test(inner)) continue;
    out += text.slice(last, token.range[0]) + quote + inner + quote;
    last = token.range[1];
  }
  return out + text.slice(last);
}

let templates;
function loadTemplates() {
  templates ??= listFiles(exampleSrc).map((file) => {
    const relative = path.relative(exampleSrc, file).split(path.sep).join('/');
    const raw = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const jsx = relative.endsWith('.tsx');
    return { relative, sites: FILES_WITH_SITES.has(relative), text: { single: requote(raw, jsx, "'"), double: requote(raw, jsx, '"') } };
  });
  return templates;
}

const escape = (text) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const NAME_PATTERN = new RegExp(`\\b(${LOCAL_NAMES.map(escape).join('|')})\\b`, 'g');

/** Helper code that concerns no sync: it varies the size of files like real utilities do. */
function filler(rand, index, quote) {
  const name = `${WORDS[Math.floor(rand() * WORDS.length)].toLowerCase()}Metric${index}`;
  const steps = 2 + Math.floor(rand() * 12);
  const body = [];
  for (let step = 0; step < steps; step++) {
    const op = ['+', '-', '*'][step % 3];
    body.push(`  total = total ${op} values[${step} % values.length]! * ${(rand() * 10).toFixed(2)};`);
  }
  return [
    '',
    `/** ${name}: derived from ${steps} samples. */`,
    `export function ${name}(values: readonly number[], label = ${quote}${name}${quote}): { label: string; total: number } {`,
    '  let total = 0;',
    '  if (values.length === 0) return { label, total };',
    ...body,
    '  return { label, total: Math.round(total * 100) / 100 };',
    '}',
  ].join('\n');
}

/** One varied copy of a template for replica `replica`. */
function vary(template, replica) {
  const rand = random(replica * 7919 + template.relative.length * 31 + template.relative.charCodeAt(0));
  const word = WORDS[replica % WORDS.length];
  const style = replica % 3;
  const rename = (name) => (style === 0 ? `${name}${replica}` : style === 1 ? `${word}${name[0].toUpperCase()}${name.slice(1)}${replica}` : `${name}${word}${replica}`);
  const quote = rand() < 0.3 ? '"' : "'";
  let text = quote === '"' ? template.text.double : template.text.single;
  text = text.replace(NAME_PATTERN, (name) => rename(name));

  const isStore = template.relative.startsWith('stores/');
  if (!isStore && rand() < 0.25 && /import \{ useVideoState \}/.test(text)) {
    // An aliased store hook: `import { useVideoState as useEditorStore }`.
    const alias = `use${word}Store`;
    text = text.replace(/import \{ useVideoState \}/, `import { useVideoState as ${alias} }`).replace(/\buseVideoState\b(?! as)/g, alias);
  }
  if (rand() < 0.3 && /import \{ api \}/.test(text)) {
    text = text.replace(/import \{ api \}/, `import { api as ${word.toLowerCase()}Api }`).replace(/\bapi\b(?= ?[.(])/g, `${word.toLowerCase()}Api`);
  }
  if (rand() < 0.4) text = text.replace(/onSuccess: \(([^()]*)\) => \{/g, 'onSuccess($1) {');
  if (rand() < 0.3) text = text.replace(/\(state\) => state\./g, '(s) => s.');
  if (rand() < 0.3) text = text.replace(/\bvoid (\(?utils)/g, '$1');
  if (rand() < 0.2) text = text.replace(/from (['"])~\//g, 'from $1@/');

  const fillers = Math.floor(rand() * 4);
  for (let index = 0; index < fillers; index++) text += `${filler(rand, index, quote)}\n`;
  text = `// ${template.relative} (copy ${replica})\n${text}`;
  if (rand() < 0.25) text = text.replace(/^((?: {2})+)/gm, (indent) => '    '.repeat(indent.length / 2));
  if (rand() < 0.25 || template.relative === 'components/TimelinePanel.tsx') text = text.replace(/\n/g, '\r\n');
  if (rand() < 0.02) text = `\uFEFF${text}`;
  const file = template.relative.replace(NAME_PATTERN, (name) => rename(name));
  return { file: `src/m${replica}/${file}`, text };
}

/**
 * Writes `count` files into `destination` (emptied first); `sitesOnly` draws only from the files
 * that hold sync sites. Returns the written paths.
 */
export function generateApp(destination, count, { sitesOnly = false } = {}) {
  const pool = loadTemplates().filter((template) => !sitesOnly || template.sites);
  fs.rmSync(destination, { recursive: true, force: true });
  const written = [];
  for (let index = 0; index < count; index++) {
    const replica = Math.floor(index / pool.length);
    const { file, text } = vary(pool[index % pool.length], replica);
    const target = path.join(destination, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written.push(target);
  }
  // The replicas import `~/...` and `@/...` as the example does: both resolve into the first replica,
  // so many files import one module, as in an app (the cross-module analysis reads it once).
  const tsconfig = { compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', strict: true, paths: { '~/*': ['./src/m0/*'], '@/*': ['./src/m0/*'] } }, include: ['src'] };
  fs.writeFileSync(path.join(destination, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return written;
}
