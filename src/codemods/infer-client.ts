import { clientUsesIn } from '../analysis/client-uses';
import { parseModuleText, type ParsedText } from '../analysis/parse-options';
import type { ClientSetting } from '../conventions';
import { clientName } from './config-file';

export interface SourceFile {
  file: string;
  text: string;
}

/** The client `init` infers, how often the code uses it, and the clients used just as often. */
export interface ClientInference {
  client: ClientSetting;
  uses: number;
  /** Every client with the winner's count, the winner first; one entry when there is no tie. */
  tied: ClientSetting[];
}

/**
 * The tRPC client the files use, read from their imports through scope: an imported binding whose
 * `.useUtils()` is called (classic), or an imported `useTRPC`-style hook that is called
 * (TanStack-native), counted per call. The most used wins; a tie goes to the first in `compareClients`
 * order. Undefined when no file shows either. Files that do not parse tell nothing and are skipped.
 */
export function inferClient(files: Iterable<SourceFile>): ClientInference | undefined {
  const counts = new Map<string, { client: ClientSetting; uses: number }>();
  for (const { file, text } of files) {
    // Parsing is the cost: only files that can hold one of the two calls are parsed.
    if (!text.includes('useUtils') && !text.includes('TRPC')) continue;
    for (const client of clientUses(file, text)) {
      const id = clientId(client);
      const entry = counts.get(id) ?? { client, uses: 0 };
      entry.uses++;
      counts.set(id, entry);
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.uses - a.uses || compareClients(a.client, b.client));
  const best = ranked[0];
  if (!best) return undefined;
  return { client: best.client, uses: best.uses, tied: ranked.filter((entry) => entry.uses === best.uses).map((entry) => entry.client) };
}

/** The tie-break: classic before TanStack-native, then by module specifier, then by export name (code unit order). */
function compareClients(a: ClientSetting, b: ClientSetting): number {
  if (a.kind !== b.kind) return a.kind === 'classic' ? -1 : 1;
  return compareText(a.module, b.module) || compareText(clientName(a), clientName(b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clientId(client: ClientSetting): string {
  return `${client.kind}\u0000${client.module}\u0000${clientName(client)}`;
}

/** The client uses of one file, parsed as the codemod parses it; a file that does not parse tells nothing. */
function clientUses(file: string, text: string): ClientSetting[] {
  let parsed: ParsedText;
  try {
    parsed = parseModuleText(text, file);
  } catch {
    return [];
  }
  return clientUsesIn(parsed.ast, parsed.scopeManager);
}
