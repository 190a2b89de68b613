import fs from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { typescript } from '../../utils/typescript';

/** Resolves an import specifier to an app source file, or undefined (a package, a declaration file, nothing). */
export type ResolveModule = (specifier: string, containingFile: string) => string | undefined;

const SOURCE_FILE = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/;

interface ConfigEntry {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
}

/** Per process (per ESLint worker): parsed tsconfigs by path (undefined: unreadable), re-read when the file changes. */
const configs = new Map<string, { mtimeMs: number; entry: ConfigEntry | undefined }>();
const nearestConfig = new Map<string, string | undefined>();
let fallback: ConfigEntry | undefined;

/** Without a tsconfig: how a bundler resolves relative imports, index files and extensions. */
function fallbackConfig(): ConfigEntry {
  if (!fallback) {
    const { ModuleKind, ModuleResolutionKind, JsxEmit, createModuleResolutionCache } = typescript();
    const options: ts.CompilerOptions = { module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler, allowJs: true, jsx: JsxEmit.Preserve };
    fallback = { options, cache: createModuleResolutionCache(process.cwd(), (name) => name, options) };
  }
  return fallback;
}

/**
 * The resolver for files linted under one configuration: TypeScript's own module resolution with
 * the app's compiler options (`paths`, `baseUrl`, `moduleSuffixes`, `allowImportingTsExtensions`).
 * With a program (typed linting) its options and resolutions are used; otherwise `tsconfig` or the
 * nearest `tsconfig.json` above each importing file. Never throws.
 */
export function createModuleResolver(tsconfig: string | null, cwd: string, program?: ts.Program): ResolveModule {
  const programCache = program ? typescript().createModuleResolutionCache(program.getCurrentDirectory(), (name) => name, program.getCompilerOptions()) : undefined;
  const fixedConfig = tsconfig === null ? undefined : path.resolve(cwd, tsconfig);
  // Every file of a folder imports much the same: one resolution per folder and specifier.
  const resolved = new Map<string, string | undefined>();
  const resolve = (specifier: string, containingFile: string): string | undefined => {
    if (program && programCache) {
      if (!mayBeAppModule(specifier, program.getCompilerOptions())) return undefined;
      const fromProgram = programResolution(program, specifier, containingFile);
      if (fromProgram !== undefined) return fromProgram || undefined;
      return accept(typescript().resolveModuleName(specifier, containingFile, program.getCompilerOptions(), typescript().sys, programCache).resolvedModule);
    }
    const config = loadConfig(fixedConfig ?? findNearestConfig(path.dirname(containingFile))) ?? fallbackConfig();
    if (!mayBeAppModule(specifier, config.options)) return undefined;
    return accept(typescript().resolveModuleName(specifier, containingFile, config.options, typescript().sys, config.cache).resolvedModule);
  };
  // What a relative specifier names depends only on the path it spells, and a bare one names the
  // same module from every folder of one configuration (through `paths` or `baseUrl`, or a package,
  // which is never followed): both are resolved once per configuration. Not so `#x`, which the
  // nearest package.json maps.
  const resolvedByConfig = new Map<string, string | undefined>();
  return (specifier, containingFile) => {
    const directory = path.dirname(containingFile);
    // The folder's own answer first: its key costs no path resolution.
    const key = `${directory}\u0000${specifier}`;
    if (resolved.has(key)) return resolved.get(key);
    const relative = isRelative(specifier);
    const sharable = relative || !specifier.startsWith('#');
    const configKey = sharable ? `${program ? '' : (fixedConfig ?? findNearestConfig(directory) ?? '')}\u0000${relative ? path.resolve(directory, specifier) : specifier}` : '';
    if (sharable && resolvedByConfig.has(configKey)) {
      const file = resolvedByConfig.get(configKey);
      resolved.set(key, file);
      return file;
    }
    let file: string | undefined;
    try {
      file = resolve(specifier, containingFile);
    } catch {
      file = undefined;
    }
    resolved.set(key, file);
    if (sharable) resolvedByConfig.set(configKey, file);
    return file;
  };
}

function isRelative(specifier: string): boolean {
  return /^(?:\.{1,2}(?:\/|$)|\/)/.test(specifier) || path.isAbsolute(specifier);
}

/**
 * False for a specifier that can only name a package (`react`, `@tanstack/react-query`): not relative,
 * not a subpath import (`#x`), matching no `paths` pattern, with no `baseUrl` to resolve it against.
 * Packages are never followed, and looking them up in every `node_modules` above is the slow part.
 */
function mayBeAppModule(specifier: string, options: ts.CompilerOptions): boolean {
  if (isRelative(specifier) || specifier.startsWith('#')) return true;
  if (options.baseUrl !== undefined) return true;
  return Object.keys(options.paths ?? {}).some((pattern) => {
    const star = pattern.indexOf('*');
    if (star === -1) return specifier === pattern;
    return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1;
  });
}

/**
 * What the program resolved the import to: a file, '' for resolved to nothing usable, undefined when it
 * did not say. `getResolvedModule` is not in TypeScript's public typings: without it, resolve again.
 */
function programResolution(program: ts.Program, specifier: string, containingFile: string): string | undefined {
  const sourceFile = program.getSourceFile(containingFile);
  const lookup = (program as { getResolvedModule?: (file: ts.SourceFile, name: string, mode: ts.ResolutionMode) => ts.ResolvedModuleWithFailedLookupLocations | undefined }).getResolvedModule;
  if (!sourceFile || !lookup) return undefined;
  const resolved = lookup.call(program, sourceFile, specifier, undefined);
  if (!resolved) return undefined;
  return accept(resolved.resolvedModule) ?? '';
}

function accept(resolved: ts.ResolvedModuleFull | undefined): string | undefined {
  if (!resolved || resolved.isExternalLibraryImport) return undefined;
  const file = resolved.resolvedFileName;
  if (DECLARATION_FILE.test(file) || !SOURCE_FILE.test(file)) return undefined;
  return path.normalize(file);
}

/** As `ts.findConfigFile`, with each folder's answer kept: sibling folders share the walk above them. */
function findNearestConfig(directory: string): string | undefined {
  const walked: string[] = [];
  let found: string | undefined;
  for (let current = directory; ; current = path.dirname(current)) {
    if (nearestConfig.has(current)) {
      found = nearestConfig.get(current);
      break;
    }
    walked.push(current);
    const candidate = path.join(current, 'tsconfig.json');
    if (typescript().sys.fileExists(candidate)) {
      found = path.resolve(candidate);
      break;
    }
    if (path.dirname(current) === current) break;
  }
  for (const folder of walked) nearestConfig.set(folder, found);
  return found;
}

function loadConfig(configPath: string | undefined): ConfigEntry | undefined {
  if (configPath === undefined) return undefined;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(configPath).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = configs.get(configPath);
  if (cached && cached.mtimeMs === mtimeMs) return cached.entry;
  const { sys, readConfigFile, parseJsonConfigFileContent, createModuleResolutionCache, flattenDiagnosticMessageText } = typescript();
  const read = readConfigFile(configPath, sys.readFile);
  let entry: ConfigEntry | undefined;
  if (read.error) {
    // Once per version of the file: a lint run cannot report on a file it does not lint.
    process.emitWarning(`scene-sync: cannot read ${configPath} (${flattenDiagnosticMessageText(read.error.messageText, ' ')}); imports through its "paths" are not followed until it is fixed.`, { code: 'SCENE_SYNC_TSCONFIG' });
  } else {
    // Only the compiler options are read: listing the files `include` names walks the whole project.
    const optionsOnlyHost: ts.ParseConfigHost = { ...sys, readDirectory: () => [] };
    const parsed = parseJsonConfigFileContent(read.config, optionsOnlyHost, path.dirname(configPath), undefined, configPath);
    const options = { ...parsed.options, allowJs: parsed.options.allowJs ?? true };
    entry = { options, cache: createModuleResolutionCache(path.dirname(configPath), (name) => name, options) };
  }
  configs.set(configPath, { mtimeMs, entry });
  return entry;
}
