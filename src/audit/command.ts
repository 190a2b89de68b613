import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConventions, type ResolvedSettings } from '../conventions';
import { auditFiles, VERDICTS, type Verdict } from './inventory';
import { FORMATS, renderMarkdown, renderText, summaryLine, toJson, type Format } from './render';

/** What `scene-sync audit` needs from the CLI around it: output, the usage, its config loading and file collection. */
export interface AuditHost {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  usage: string;
  /** An error the CLI reports with its usage, exit 2. */
  usageError(message: string): Error;
  settings(configOption: string | undefined): ResolvedSettings;
  /** The source files under the roots (as typed, relative to `cwd`), collected as `migrate` collects them. */
  files(roots: string[], ignore: string[]): string[];
  write(file: string, text: string): void;
}

/** `scene-sync audit [paths...]`: 0, 1 when `--fail-on` hits, 2 when the report cannot be written; bad usage throws the host's usage error. */
export function auditCommand(args: string[], host: AuditHost): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      ignore: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    host.out(host.usage);
    return 0;
  }
  const { cwd } = host;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw host.usageError(`--format takes ${FORMATS.join(', ')}, got "${values.format}"`);
  const failOn = parseVerdicts(values['fail-on'], host);
  const settings = host.settings(values.config);
  const entries = positionals.length > 0 ? positionals : ['.'];
  for (const root of entries.map((entry) => path.resolve(cwd, entry))) {
    if (!fs.existsSync(root)) throw host.usageError(`no such file or folder: ${path.relative(cwd, root) || root}`);
  }
  // As typed, so that a refusal names the path the way the user wrote it.
  const files = host.files(entries, values.ignore);
  const out = values.out === undefined ? undefined : path.resolve(cwd, values.out);
  if (out !== undefined && files.includes(out)) throw host.usageError(`--out ${values.out} is one of the scanned files; the audit never writes them`);
  if (out !== undefined && isFolder(out)) throw host.usageError(`--out ${values.out} is a folder; give a file name`);

  const inventory = auditFiles(files, createConventions(settings), cwd);
  // Links in a written report are relative to where it is written.
  const base = out === undefined ? cwd : path.dirname(out);
  const linkTo = (file: string) => path.relative(base, path.resolve(cwd, file)).split(path.sep).map(encodeURIComponent).join('/');
  const report = format === 'json' ? `${JSON.stringify(toJson(inventory), null, 2)}\n` : format === 'markdown' ? renderMarkdown(inventory, linkTo) : `${renderText(inventory)}\n`;
  if (out === undefined) {
    host.out(report.replace(/\n$/, ''));
  } else {
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      host.write(out, report);
    } catch (error) {
      host.err(`scene-sync audit: cannot write ${path.relative(cwd, out) || out}: ${(error as Error).message}`);
      return 2;
    }
    host.out(`scene-sync audit: wrote ${path.relative(cwd, out)}\n${summaryLine(inventory)}`);
  }
  // The text report lists skipped files itself; a file or a machine-read format needs them on stderr too.
  if (out !== undefined || format !== 'text') {
    for (const entry of inventory.skipped) host.err(`scene-sync audit: skipped ${entry.file}${entry.line === undefined ? '' : `:${entry.line}`}: ${entry.error}`);
  }
  // A gate that could not read every file cannot vouch for it.
  const failing = inventory.rows.some((row) => failOn.includes(row.verdict)) || (failOn.length > 0 && inventory.skipped.length > 0);
  return failing ? 1 : 0;
}

function parseVerdicts(option: string | undefined, host: AuditHost): Verdict[] {
  if (option === undefined) return [];
  const verdicts = option.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (verdicts.length === 0) throw host.usageError(`--fail-on takes a comma-separated list of ${VERDICTS.join(', ')}`);
  for (const verdict of verdicts) {
    if (!(VERDICTS as readonly string[]).includes(verdict)) throw host.usageError(`--fail-on: unknown verdict "${verdict}" (expected ${VERDICTS.join(', ')})`);
  }
  return verdicts as Verdict[];
}

/** Whether `file` is a folder; a path that cannot be read is not (writing to it reports why). */
function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
