import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/node-types';
import { isFunction, unwrap, type FunctionNode, type Node } from '../analysis/ast';
import type { ValueResolver } from '../analysis';

/** React's names: a component starts with a capital, a hook with `use` and a capital or digit. */
const COMPONENT_NAME = /^[A-Z]/;
const HOOK_NAME = /^use[A-Z0-9]/;
/** React's wrappers whose first argument is a component whatever its name. */
const COMPONENT_WRAPPERS = ['memo', 'forwardRef'];

export type HostFunction = FunctionNode & { body: TSESTree.BlockStatement };

/** Where a hook the sync needs can go: a component or hook body, or why there is none. */
export type HookHost = { fn: HostFunction; name: string } | { problem: string };

/**
 * The nearest component or custom hook around `node` whose top-level body may call a hook (Rules
 * of Hooks): the sync must sit in a callback or nested function of it, which then closes over the
 * hook's result. The top of the body runs on every render, before any early return.
 */
export function hookHost(node: Node, values: ValueResolver | undefined): HookHost {
  let innermost: FunctionNode | undefined;
  let named: string | undefined;
  let className: string | undefined;
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) && className === undefined) {
      className = current.id?.name ?? 'a class';
    }
    if (!isFunction(current)) continue;
    innermost ??= current;
    named ??= functionLabel(current);
    const name = hostName(current, values);
    if (name === undefined) continue;
    if (current === innermost) return { problem: `${name} itself runs the sync after the mutation, so a hook cannot be added to it` };
    if (current.async || current.generator) return { problem: `${name} is ${current.async ? 'async' : 'a generator'}, where hooks cannot be called` };
    if (current.body.type !== AST_NODE_TYPES.BlockStatement) return { problem: `${name} has no block body to add the hook to` };
    return { fn: current as HostFunction, name };
  }
  if (className !== undefined) return { problem: `the sync is in a method of ${className === 'a class' ? className : `class ${className}`}, where hooks cannot be called` };
  if (named !== undefined) return { problem: `${named} is neither a React component nor a hook (nor inside one), so no hook can be added for it` };
  return { problem: 'the sync is not inside a React component or hook, so no hook can be added for it' };
}

/** The name of `fn` when it is a component or hook, else undefined. */
function hostName(fn: FunctionNode, values: ValueResolver | undefined): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    const name = fn.id?.name;
    return name !== undefined && (COMPONENT_NAME.test(name) || HOOK_NAME.test(name)) ? name : undefined;
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
  return declared !== undefined && (COMPONENT_NAME.test(declared) || HOOK_NAME.test(declared)) ? declared : undefined;
}

/** A function's name as the user reads it, if it has one. */
function functionLabel(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
  return undefined;
}
