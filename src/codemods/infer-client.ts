import { parseForESLint } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { walkCode, type VisitorKeys } from '../analysis/ast';
import { parseOptions } from '../analysis/parse-options';
import type { ClientSetting } from '../conventions';
import { clientName } from './config-file';

/** The hook `createTRPCContext` of `@trpc/tanstack-react-query` exports (`useTRPC`), by the names apps give it. */
const TRPC_HOOK = /^use\w*TRPC$/;
/** tRPC's and TanStack's own packages export factories, never the app's client or hook. */
const LIBRARY_MODULE = /^@(?:trpc|tanstack)\//;

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

/** One entry per call of a client in the file: `api.useUtils()`, `useTRPC()`, `trpc.api.useUtils()` through a namespace. */
function clientUses(file: string, text: string): ClientSetting[] {
  let parsed: ReturnType<typeof parseForESLint>;
  try {
    parsed = parseForESLint(text, parseOptions(file));
  } catch {
    return [];
  }
  const ast = parsed.ast as TSESTree.Program;
  const scopeManager = parsed.scopeManager as TSESLint.Scope.ScopeManager;
  // The parser leaves `parent` unset; one walk sets it (type annotations hold no calls).
  walkCode(ast, parsed.visitorKeys as VisitorKeys, () => undefined);
  const uses: ClientSetting[] = [];
  for (const statement of ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    const module = statement.source.value;
    if (LIBRARY_MODULE.test(module)) continue;
    for (const specifier of statement.specifiers) {
      // A default import has no name the helper module could import it by.
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) continue;
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const imported = specifier.type === AST_NODE_TYPES.ImportSpecifier ? exportName(specifier.imported) : undefined;
      // `import { default as api }`, `import { 'a-b' as api }`: no name to import it by either.
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && imported === undefined) continue;
      // The references the scope analysis resolved to this binding: a shadowing local is another variable.
      for (const variable of scopeManager.getDeclaredVariables(specifier)) {
        for (const reference of variable.references) {
          const use = imported === undefined ? namespaceUse(reference.identifier, module) : namedUse(reference.identifier, imported, module);
          if (use) uses.push(use);
        }
      }
    }
  }
  return uses;
}

/** `api.useUtils()` for an imported `api`, or `useTRPC()` for an imported `useTRPC`. */
function namedUse(identifier: TSESTree.Node, imported: string, module: string): ClientSetting | undefined {
  if (isCallOfMember(identifier, 'useUtils')) return { kind: 'classic', module, name: imported };
  if (TRPC_HOOK.test(imported) && isCallee(identifier)) return { kind: 'tanstack', module, hook: imported };
  return undefined;
}

/** `ns.api.useUtils()` or `ns.useTRPC()` for `import * as ns`. */
function namespaceUse(identifier: TSESTree.Node, module: string): ClientSetting | undefined {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return undefined;
  if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = member.property.name;
  if (isCallOfMember(member, 'useUtils')) return { kind: 'classic', module, name };
  if (TRPC_HOOK.test(name) && isCallee(member)) return { kind: 'tanstack', module, hook: name };
  return undefined;
}

/** Whether `node` is the object of `.<method>` and that member is called without arguments. */
function isCallOfMember(node: TSESTree.Node, method: string): boolean {
  const member = node.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === node && memberName(member) === method && isCallee(member);
}

function isCallee(node: TSESTree.Node): boolean {
  const call = node.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === node && call.arguments.length === 0;
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}

function exportName(name: TSESTree.Identifier | TSESTree.StringLiteral): string | undefined {
  return name.type === AST_NODE_TYPES.Identifier && name.name !== 'default' ? name.name : undefined;
}
