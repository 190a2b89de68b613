import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { isFunction, type FunctionNode } from '../ast';

/** What an export name stands for: a local binding, an anonymous default function, or another module's export. */
export type ExportTarget = { type: 'local'; name: string } | { type: 'node'; node: FunctionNode } | { type: 'from'; source: string; imported: string };

export interface ExportTable {
  targets: Map<string, ExportTarget>;
  /** `export * from '...'`: where names not found here may come from. */
  starSources: string[];
}

/** The export names a module declares, read from its top-level statements. */
export function readExports(ast: TSESTree.Program): ExportTable {
  const targets = new Map<string, ExportTarget>();
  const starSources: string[] = [];
  for (const statement of ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const { declaration } = statement;
        if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) targets.set(declaration.id.name, { type: 'local', name: declaration.id.name });
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier) targets.set(declarator.id.name, { type: 'local', name: declarator.id.name });
          }
        }
        for (const specifier of statement.specifiers) {
          const local = moduleName(specifier.local);
          const exported = moduleName(specifier.exported);
          targets.set(exported, statement.source ? { type: 'from', source: statement.source.value, imported: local } : { type: 'local', name: local });
        }
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const { declaration } = statement;
        if (isFunction(declaration)) targets.set('default', { type: 'node', node: declaration });
        else if (declaration.type === AST_NODE_TYPES.Identifier) targets.set('default', { type: 'local', name: declaration.name });
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (statement.exported === null) starSources.push(statement.source.value);
        break;
      default:
        break;
    }
  }
  return { targets, starSources };
}

/** The module scope, where exported bindings live (the global scope of a script). */
export function moduleScope(scopeManager: Scope.ScopeManager): Scope.Scope | undefined {
  const global = scopeManager.globalScope;
  return global?.childScopes.find((scope) => scope.type === 'module') ?? global ?? undefined;
}

function moduleName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}
