import fs from 'node:fs';
import { JSX_EXTENSIONS, parseModuleText } from '../analysis/parse-options';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../utils/typescript';
import { analyzeFile, type AnalysisInput } from '../analysis';
import { getConventions, type Conventions, type SceneSyncSettings } from '../conventions';
import { importLookupFor } from '../analysis/modules/summary';
import { applyEdits, mapOffset, planFile, type FilePlan } from '../planner/plan';
import { planFor, repositoryEntries, type CrossModulePlan, type RepositoryEntry } from './cross-module';
import { loadConfigFile } from './config-file';
import { hashText } from './text-hash';
import { lineIndexAt, lineStarts } from '../utils/lines';

/** One file's outcome, as the CLI's summary and JSON report carry it. */
export interface FileRecord {
  file: string;
  status: 'changed' | 'unchanged' | 'skipped' | 'failed';
  rewrites: { line: number; kind: string; helper: string }[];
  reviews: { line: number; reason: string }[];
  error?: string;
  /** Where a parse error is, 1-based. */
  line?: number;
  column?: number;
  /** The CLI's copy of the rewritten text, and a hash of the text it was computed from. */
  outputFile?: string;
  sourceHash?: string;
  /** With `collectRepository`: what the repository pass needs of this file. */
  repository?: RepositoryEntry[];
}

export interface TransformOptions {
  /** Settings in the shape of `settings.sceneSync`; the CLI resolves and passes them. */
  sceneSyncSettings?: SceneSyncSettings;
  /** A JSON file of the same shape, for direct jscodeshift use (`--config=...`). */
  config?: string;
  /** Folder where each worker appends one JSON line per file. */
  reportDir?: string;
  /**
   * The CLI writes the files itself: each rewritten text goes into this folder and jscodeshift runs
   * dry. Lines then refer to the text to be written unless `preview` (the CLI's `--dry`).
   */
  outputDir?: string;
  preview?: boolean;
  /** jscodeshift's `--dry`: nothing is written, so lines refer to the file as it is. */
  dry?: boolean;
  /** The CLI's pass over the whole repository: functions whose syncs are rewritten, or reviewed, where they are. */
  crossModule?: CrossModulePlan;
  /**
   * The CLI's first pass with cross-module summaries on: also record, per file, what the repository
   * pass needs, from the same parse and analysis (every call looked up), so it reads no file twice.
   */
  collectRepository?: boolean;
  /** The folder the CLI runs in, which the collected places are relative to. */
  repositoryCwd?: string;
}

let outputCount = 0;

interface FileInfo {
  path: string;
  source: string;
}


/** Thrown for input the transform must not touch; the file is reported as failed, never written. */
export class UnreadableFileError extends Error {}

export interface TransformResult {
  output: string;
  plan: FilePlan;
  /** The byte-order mark the text started with (kept), or ''. */
  bom: string;
  repository?: RepositoryEntry[] | undefined;
}

/**
 * A file's text parsed as ESLint would parse it, ready for the shared analysis (the codemod's and
 * the audit's); undefined when no name of the conventions occurs in it. Throws on text it cannot parse.
 */
export function readSource(
  source: string,
  filename: string,
  conventions: Conventions,
  cwd = process.cwd(),
  crossModule?: CrossModulePlan,
  whole = false,
): { input: AnalysisInput; bom: string; reviewFunctions: ReadonlyMap<string, string> | undefined } | undefined {
  if (source.includes('\u0000')) throw new UnreadableFileError('not a text file (NUL byte)');
  const repository = planFor(crossModule, filename);
  if (!conventions.mightConcern(source) && !repository) return undefined;
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? source.slice(1) : source;
  const parsed = parseModuleText(text, filename);
  const input = {
    ast: parsed.ast,
    scopeManager: parsed.scopeManager,
    visitorKeys: parsed.visitorKeys,
    text,
    conventions,
    allowed: conventions.isAllowedFile(filename, cwd),
    imports: importLookupFor(path.resolve(cwd, filename), cwd, conventions),
    filename: path.resolve(cwd, filename),
    successFunctions: repository?.success,
    ...(whole ? { whole } : {}),
  };
  return { input, bom, reviewFunctions: repository?.review };
}

/**
 * Parses, analyses and rewrites one file's text; throws on text it cannot parse. With
 * `collectRepository`, every call is looked up (which changes no rewrite) and the result also
 * carries what the repository pass needs of the file.
 */
export function transformSource(
  source: string,
  filename: string,
  conventions: Conventions,
  cwd = process.cwd(),
  crossModule?: CrossModulePlan,
  collectRepository = false,
  repositoryCwd = cwd,
): TransformResult | undefined {
  const read = readSource(source, filename, conventions, cwd, crossModule, collectRepository);
  if (!read) return undefined;
  const { input, bom, reviewFunctions } = read;
  const text = input.text;
  const analysis = analyzeFile(input);
  const repository = collectRepository ? repositoryEntries(path.resolve(cwd, filename), { ast: input.ast, scopeManager: input.scopeManager, analysis }, repositoryCwd) : undefined;
  const plan = planFile(input, analysis, { filename, reviewFunctions });
  if (plan.edits.length === 0) return { output: source, plan, bom, repository };
  const output = applyEdits(text, plan.edits);
  const error = syntaxError(output, filename);
  if (error !== undefined) {
    throw new Error(`internal error: the rewrite of ${filename} does not parse (${error}); the file was left untouched`);
  }
  return { output: bom + output, plan, bom, repository };
}

/**
 * The first syntax error of a rewrite, by TypeScript's own parser: the one typescript-estree runs
 * first, rejecting any file it reports an error for. A third of the cost of parsing again for ESLint
 * (no ESTree conversion, tokens or scope analysis); the edits only write calls and imports.
 */
function syntaxError(text: string, filename: string): string | undefined {
  // JSDoc is not parsed, as typescript-estree does not parse it without a program: it holds no syntax error.
  const { ScriptTarget, JSDocParsingMode, createSourceFile, flattenDiagnosticMessageText } = typescript();
  const source = createSourceFile(filename, text, { languageVersion: ScriptTarget.Latest, jsDocParsingMode: JSDocParsingMode.ParseNone }, false, scriptKind(filename));
  const diagnostic = (source as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.[0];
  return diagnostic && flattenDiagnosticMessageText(diagnostic.messageText, '\n');
}

/** The script kind typescript-estree gives a file name (its `getScriptKind`). */
function scriptKind(filename: string): ts.ScriptKind {
  const { ScriptKind } = typescript();
  const extension = path.extname(filename).toLowerCase();
  switch (extension) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ScriptKind.TS;
    case '.tsx':
      return ScriptKind.TSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ScriptKind.JS;
    case '.jsx':
      return ScriptKind.JSX;
    default:
      return JSX_EXTENSIONS.has(extension) ? ScriptKind.TSX : ScriptKind.TS;
  }
}

function conventionsFor(options: TransformOptions): Conventions {
  if (options.sceneSyncSettings) return getConventions(options.sceneSyncSettings);
  if (options.config) return getConventions(loadConfigFile(options.config));
  const local = path.resolve('scene-sync.config.json');
  return getConventions(fs.existsSync(local) ? loadConfigFile(local) : undefined);
}

/** Text jscodeshift read as UTF-8 but that does not round-trip: writing it back would corrupt bytes. */
function losesBytes(file: FileInfo): boolean {
  if (!file.source.includes('\uFFFD')) return false;
  try {
    return !fs.readFileSync(file.path).equals(Buffer.from(file.source, 'utf8'));
  } catch {
    return false;
  }
}

function record(options: TransformOptions, entry: FileRecord): void {
  if (!options.reportDir) return;
  fs.appendFileSync(path.join(options.reportDir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}

/** The jscodeshift transform: `jscodeshift -t dist/codemods/scene-sync.js src/`. */
function transform(file: FileInfo, _api: unknown, options: TransformOptions = {}): string | undefined {
  const base: FileRecord = { file: file.path, status: 'unchanged', rewrites: [], reviews: [] };
  try {
    if (losesBytes(file)) throw new UnreadableFileError('not valid UTF-8');
    const result = transformSource(file.source, file.path, conventionsFor(options), process.cwd(), options.crossModule, options.collectRepository === true, options.repositoryCwd);
    if (!result) {
      record(options, { ...base, status: 'skipped' });
      return undefined;
    }
    const changed = result.output !== file.source;
    const written = options.outputDir ? !options.preview : !options.dry;
    // Once the file is written, a line number means a line of the new text.
    const outputLines = changed && written ? lineStarts(result.output) : undefined;
    const lineOf = (line: number, offset: number) => (outputLines ? lineIndexAt(outputLines, mapOffset(result.plan.edits, offset) + result.bom.length) + 1 : line);
    let outputFile: string | undefined;
    if (changed && options.outputDir) {
      outputFile = path.join(options.outputDir, `${process.pid}-${outputCount++}.txt`);
      fs.writeFileSync(outputFile, result.output);
    }
    record(options, {
      ...base,
      status: changed ? 'changed' : 'unchanged',
      rewrites: result.plan.rewrites.map(({ line, offset, kind, helper }) => ({ line: lineOf(line, offset), kind, helper })),
      reviews: result.plan.reviews.map(({ line, offset, reason }) => ({ line: lineOf(line, offset), reason })),
      ...(outputFile ? { outputFile, sourceHash: hashText(file.source) } : {}),
      ...(result.repository ? { repository: result.repository } : {}),
    });
    return result.output;
  } catch (error) {
    record(options, { ...base, status: 'failed', error: (error as Error).message.split('\n')[0], ...parseErrorPosition(error) });
    throw error;
  }
}

/** typescript-estree's errors carry a 1-based line and a 0-based column. */
function parseErrorPosition(error: unknown): { line?: number; column?: number } {
  const { lineNumber, column } = error as { lineNumber?: unknown; column?: unknown };
  return typeof lineNumber === 'number' && typeof column === 'number' ? { line: lineNumber, column: column + 1 } : {};
}

export default transform;
