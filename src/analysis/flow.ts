import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import { isFunction, statementList, type Node } from './ast';

/**
 * Whether `site` can run after `event` has completed, within the function `scope` that holds the
 * event. Decided on the syntax tree: branches, loops, try/finally and early exits are followed;
 * a site inside a nested function counts at the point where that function is created.
 */
export function runsAfter(event: Node, site: Node, scope: Node): boolean {
  const eventChain = chainUpTo(event, scope);
  const siteChain = chainUpTo(site, scope);
  if (!eventChain || !siteChain) return false;
  const siteSet = new Set(siteChain);
  let eventIndex = 0;
  while (eventIndex < eventChain.length && !siteSet.has(eventChain[eventIndex]!)) eventIndex++;
  if (eventIndex === 0 || eventIndex >= eventChain.length) return false;
  const common = eventChain[eventIndex]!;
  const siteIndex = siteChain.indexOf(common);
  if (siteIndex === 0) return false;
  const eventBranch = eventChain[eventIndex - 1]!;
  const siteBranch = siteChain[siteIndex - 1]!;
  if (ordered(common, eventBranch, siteBranch, event)) return true;
  return insideLoop(common, scope) && completesFrom(event, common);
}

/** Ancestors of `node` from itself up to and including `scope`, or undefined when outside it. */
function chainUpTo(node: Node, scope: Node): Node[] | undefined {
  const chain: Node[] = [];
  for (let current: Node | undefined = node; current; current = current.parent) {
    chain.push(current);
    if (current === scope) return chain;
  }
  return undefined;
}

/** Does control pass from somewhere in `first` (after `event`) to `second`, both children of `common`? */
function ordered(common: Node, first: Node, second: Node, event: Node): boolean {
  const list = statementList(common);
  if (list) {
    const firstIndex = list.indexOf(first as TSESTree.Statement);
    const secondIndex = list.indexOf(second as TSESTree.Statement);
    return firstIndex < secondIndex && completesFrom(event, first);
  }
  switch (common.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return first === common.test;
    case AST_NODE_TYPES.LogicalExpression:
      return first === common.left;
    case AST_NODE_TYPES.SwitchStatement: {
      if (first === common.discriminant) return true;
      const firstCase = common.cases.indexOf(first as TSESTree.SwitchCase);
      const secondCase = common.cases.indexOf(second as TSESTree.SwitchCase);
      return firstCase < secondCase && completesFrom(event, first);
    }
    case AST_NODE_TYPES.TryStatement:
      if (second === common.finalizer) return true;
      // A catch runs after a completed event only when later code in the try block can throw.
      return second === common.handler && first === common.block && hasCodeAfter(event, common.block);
    case AST_NODE_TYPES.ForStatement:
      return first !== common.update || second !== common.init;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return true;
    default:
      if (isFunction(common)) return false;
      // Expressions and declarations evaluate left to right.
      return first.range[1] <= second.range[0];
  }
}

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

function insideLoop(node: Node, scope: Node): boolean {
  for (let current: Node | undefined = node; current && current !== scope; current = current.parent) {
    if (LOOPS.has(current.type)) return true;
  }
  return false;
}

/** False when every path from `event` to the end of `container` leaves early (return or throw). */
function completesFrom(event: Node, container: Node): boolean {
  let child: Node = event;
  for (let current = event.parent; current; child = current, current = current.parent) {
    if (child.type === AST_NODE_TYPES.ReturnStatement || child.type === AST_NODE_TYPES.ThrowStatement) return false;
    const list = statementList(current);
    if (list) {
      const index = list.indexOf(child as TSESTree.Statement);
      // A plain `break` leaves `container` too when the loop or switch it ends encloses `container`:
      // `case 1: await m(); break;` does not fall through, `{ site; await m(); break; }` does not loop.
      const breakLeaves = !breakTargetWithin(current, container);
      if (list.slice(index + 1).some((statement) => exitsAlways(statement) || (breakLeaves && isPlainBreak(statement)))) return false;
    }
    if (current === container || isFunction(current)) return true;
  }
  return true;
}

function isPlainBreak(statement: TSESTree.Statement): boolean {
  return statement.type === AST_NODE_TYPES.BreakStatement && statement.label === null;
}

/** Whether a loop or switch lies between `node` and `container` (both included): a `break` stops there. */
function breakTargetWithin(node: Node, container: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (LOOPS.has(current.type) || current.type === AST_NODE_TYPES.SwitchStatement) return true;
    if (current === container || isFunction(current)) return false;
  }
  return false;
}

/** Whether every path through `statement` returns or throws; iterative, as blocks may nest thousands deep. */
function exitsAlways(statement: TSESTree.Statement): boolean {
  const exits = new Map<TSESTree.Statement, boolean>();
  const stack: TSESTree.Statement[] = [statement];
  while (stack.length > 0) {
    const current = stack[stack.length - 1]!;
    const parts = exitParts(current);
    const unknown = parts.filter((part) => !exits.has(part));
    if (unknown.length > 0) {
      stack.push(...unknown);
      continue;
    }
    stack.pop();
    const known = parts.map((part) => exits.get(part)!);
    switch (current.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        exits.set(current, true);
        break;
      case AST_NODE_TYPES.BlockStatement:
        exits.set(current, known.some(Boolean));
        break;
      case AST_NODE_TYPES.IfStatement:
        exits.set(current, known.length === 2 && known.every(Boolean));
        break;
      default:
        exits.set(current, false);
    }
  }
  return exits.get(statement)!;
}

/** The statements whose exiting decides whether `statement` exits. */
function exitParts(statement: TSESTree.Statement): TSESTree.Statement[] {
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body;
  if (statement.type === AST_NODE_TYPES.IfStatement) return statement.alternate === null ? [] : [statement.consequent, statement.alternate];
  return [];
}

function hasCodeAfter(event: Node, block: TSESTree.BlockStatement): boolean {
  const holder = block.body.find((statement) => statement.range[0] <= event.range[0] && event.range[1] <= statement.range[1]);
  if (!holder) return false;
  return block.body.indexOf(holder) < block.body.length - 1 || holder.range[1] > event.range[1] + 1;
}
