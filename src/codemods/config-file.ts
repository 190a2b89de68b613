import fs from 'node:fs';
import { resolveSettings, SceneSyncConfigError, type ResolvedSettings } from '../conventions';

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
