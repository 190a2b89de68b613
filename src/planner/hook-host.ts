import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { isFunction, unwrap, type FunctionNode, type Node } from '../analysis/ast';
import type { ValueResolver } from '../analysis';
import { isHookName } from '../analysis/values';

/** React's names: a component starts with a capital (a hook's name: `isHookName`). */
const COMPONENT_NAME = /^[A-Z]/;
/** React's wrappers whose first argument is a component whatever its name. */
const COMPONENT_WRAPPERS = ['memo', 'forwardRef'];

export type HostFunction = FunctionNode & { body: TSESTree.BlockStatement };

/** Where a hook the sync needs can go: a component or hook body, or why there is none. */
export type HookHost = { fn: HostFunction; name: string } | { problem: string };

/**
 * The component or custom hook around `node` whose top-level body may call a hook (Rules of Hooks):
 * the outermost function, defined at module level, in whose callbacks or nested functions the sync
 * sits, which then close over the hook's result. The top of the body runs on every render, before
 * any early return. A function named like a component inside another function (a render helper, a
 * factory's result) is no place for one.
 */
export function hookHost(node: Node, values: ValueResolver | undefined): HookHost {
  let innermost: FunctionNode | undefined;
  let outermost: FunctionNode | undefined;
  let className: string | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) && className === undefined) {
      className = current.id ? `class ${current.id.name}` : 'a class';
    }
    if (!isFunction(current)) continue;
    innermost ??= current;
    outermost = current;
  }
  const name = outermost && hostName(outermost, values);
  if (!outermost || name === undefined) {
    if (className !== undefined) return { problem: `the sync is in a method of ${className}, where hooks cannot be called` };
    const label = outermost && functionLabel(outermost);
    if (label !== undefined) return { problem: `${label} is neither a React component nor a hook, so no hook can be added for the sync in it` };
    return { problem: 'the sync is not inside a React component or hook, so no hook can be added for it' };
  }
  if (outermost === innermost) return { problem: `${name} itself runs the sync after the mutation, so a hook cannot be added to it` };
  if (outermost.async || outermost.generator) return { problem: `${name} is ${outermost.async ? 'async' : 'a generator'}, where hooks cannot be called` };
  if (outermost.body.type !== AST_NODE_TYPES.BlockStatement) return { problem: `${name} has no block body to add the hook to` };
  return { fn: outermost as HostFunction, name };
}

/** The name of `fn` when it is a component or hook, else undefined. */
function hostName(fn: FunctionNode, values: ValueResolver | undefined): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    const name = fn.id?.name;
    return name !== undefined && (COMPONENT_NAME.test(name) || isHookName(name)) ? name : undefined;
  }
  // A function expression counts only where it is defined as one: a callback named `Foo` is still a callback.
  let outer: Node = fn;
  let wrapped = false;
  for (;;) {
    const parent: Node | undefined = outer.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== outer || !values) break;
    const callee = unwrap(parent.callee);
    if (!COMPONENT_WRAPPERS.some((wrapper) => values.isReactHook(callee, wrapper))) break;
    wrapped = true;
    outer = parent;
  }
  const holder = outer.parent;
  const declared = holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === outer && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
  if (wrapped) return declared ?? fn.id?.name ?? 'the component';
  return declared !== undefined && (COMPONENT_NAME.test(declared) || isHookName(declared)) ? declared : undefined;
}

/** A function's name as the user reads it, if it has one. */
function functionLabel(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
  return undefined;
}
