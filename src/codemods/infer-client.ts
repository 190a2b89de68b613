import type { ClientSetting } from '../conventions';

const NAMED_IMPORT = /import\s+(?!type\b)\{([^}]*)\}\s*from\s*(['"])([^'"\n]+)\2/g;

/**
 * The tRPC client the files use, read from their imports: the binding whose `.useUtils()` they
 * call (classic), or an imported hook they call that is named like `useTRPC` (TanStack-native).
 * The most used one wins; a tie goes to the classic client. Undefined when no file shows either.
 */
export function inferClient(texts: Iterable<string>): ClientSetting | undefined {
  const counts = new Map<string, { client: ClientSetting; uses: number }>();
  const count = (client: ClientSetting) => {
    const id = `${client.kind}:${client.module}:${client.kind === 'classic' ? client.name : client.hook}`;
    const entry = counts.get(id) ?? { client, uses: 0 };
    entry.uses++;
    counts.set(id, entry);
  };
  for (const text of texts) {
    if (!text.includes('useUtils') && !text.includes('TRPC')) continue;
    for (const match of text.matchAll(NAMED_IMPORT)) {
      const module = match[3]!;
      for (const part of match[1]!.split(',')) {
        if (/^\s*type\s/.test(part)) continue;
        const local = /([\w$]+)\s*$/.exec(part)?.[1];
        if (!local) continue;
        const escaped = local.replace(/\$/g, '\\$');
        if (new RegExp(`(?<![\\w$.])${escaped}\\s*\\.\\s*useUtils\\s*\\(`).test(text)) count({ kind: 'classic', module, name: local });
        else if (/^use\w*TRPC$/.test(local) && new RegExp(`(?<![\\w$.])${escaped}\\s*\\(`).test(text)) count({ kind: 'tanstack', module, hook: local });
      }
    }
  }
  let best: { client: ClientSetting; uses: number } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.uses > best.uses || (entry.uses === best.uses && entry.client.kind === 'classic' && best.client.kind !== 'classic')) best = entry;
  }
  return best?.client;
}
