import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { ClientSetting } from '../conventions';

/** The hook `createTRPCContext` of `@trpc/tanstack-react-query` exports (`useTRPC`), by the names apps give it. */
const TRPC_HOOK = /^use\w*TRPC$/;
/** tRPC's and TanStack's own packages export factories, never the app's client or hook. */
const LIBRARY_MODULE = /^@(?:trpc|tanstack)\//;

/**
 * One entry per call of the app's tRPC client in a parsed file (parents set): `api.useUtils()` for
 * an imported `api`, `useTRPC()` for an imported `use...TRPC` hook, either through a namespace
 * import. Only the references scope resolves to the import count: a shadowing local is another variable.
 */
export function clientUsesIn(ast: TSESTree.Program, scopeManager: Scope.ScopeManager): ClientSetting[] {
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
