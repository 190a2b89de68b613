import fs from 'node:fs';
import { resolveSettings, SceneSyncConfigError, type ClientSetting, type ResolvedSettings } from '../conventions';

/** Reads a `scene-sync.config.json` as data (never executed) and validates it. */
export function loadConfigFile(file: string): ResolvedSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SceneSyncConfigError('--config', file, `a readable JSON file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SceneSyncConfigError('--config', file, `valid JSON (${(error as Error).message})`);
  }
  // `null` would silently mean the defaults: a file that exists says something, or is a mistake.
  if (data === null) throw new SceneSyncConfigError('--config', file, 'a JSON object, not null');
  return resolveSettings(data);
}

/** A client setting as it is written in the config file and in messages: `{ "module": "~/trpc/react", "name": "api" }`. */
export function clientJson(client: ClientSetting): string {
  return `{ "module": ${JSON.stringify(client.module)}, "${clientKey(client)}": ${JSON.stringify(clientName(client))} }`;
}

/**
 * The text of a config file (undefined: none yet) with a `client` entry added, the rest as written:
 * the entry goes last, in the file's indentation and line endings. A `"client": null` already there
 * is replaced, the file written anew.
 */
export function withClientSetting(text: string | undefined, client: ClientSetting): string {
  const entry = `"client": ${clientJson(client)}`;
  if (text === undefined) return `{\n  ${entry}\n}\n`;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const data = JSON.parse(body) as Record<string, unknown>;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  let result: string;
  if (Object.hasOwn(data, 'client')) {
    const indent = /^([ \t]+)"/m.exec(body)?.[1] ?? '  ';
    result = `${JSON.stringify({ ...data, client: { module: client.module, [clientKey(client)]: clientName(client) } }, null, indent).replace(/\n/g, eol)}${eol}`;
  } else {
    const close = body.lastIndexOf('}');
    let last = close - 1;
    while (last >= 0 && /\s/.test(body[last]!)) last--;
    const multiline = body.slice(0, close).includes('\n');
    const indent = multiline ? (/^([ \t]+)"/m.exec(body)?.[1] ?? '  ') : '';
    if (body[last] === '{') result = `${body.slice(0, last + 1)}${multiline ? `${eol}${indent}${entry}${eol}` : ` ${entry} `}${body.slice(close)}`;
    else result = `${body.slice(0, last + 1)}${multiline ? `,${eol}${indent}${entry}` : `, ${entry}`}${body.slice(last + 1)}`;
  }
  resolveSettings(JSON.parse(result));
  return bom + result;
}

export function clientName(client: ClientSetting): string {
  return client.kind === 'classic' ? client.name : client.hook;
}

function clientKey(client: ClientSetting): 'name' | 'hook' {
  return client.kind === 'classic' ? 'name' : 'hook';
}
