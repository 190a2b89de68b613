import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { Conventions } from '../conventions';

export type Node = TSESTree.Node;
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** Ends an exhaustive switch: a new member of the union fails to compile here until it is handled. */
export function unreachable(value: never): never {
  throw new Error(`scene-sync: unhandled case ${JSON.stringify(value)}`);
}

export function isFunction(node: Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Strips what changes neither value nor identity: casts, non-null assertions, `satisfies`, optional chains. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The outermost node that still has the value of `node`: through casts, `!` and optional chains. */
export function outerExpression(node: Node): Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    current = current.parent;
  }
  return current;
}

/** The property name of a member access or object key when it is known without running the code. */
export function staticKey(
  property: Node,
  computed: boolean,
): string | undefined {
  if (!computed && property.type === AST_NODE_TYPES.Identifier) return property.name;
  const inner = unwrap(property);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  return staticKey(node.property, node.computed);
}

export function objectKeyName(property: TSESTree.Property): string | undefined {
  return staticKey(property.key, property.computed);
}

/** Finds `key: value` (or a method `key() {}`) in an object literal; the last one wins, as at run time. */
export function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && objectKeyName(property) === key) found = property;
  }
  return found;
}

/** The single value a function returns: its expression body or the argument of a lone `return`. */
export function returnedExpression(fn: FunctionNode): Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns = fn.body.body.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
  if (returns.length !== 1) return undefined;
  return (returns[0] as TSESTree.ReturnStatement).argument ?? undefined;
}

export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Visits every node once, depth first, setting `parent` where the parser left it unset. Nodes whose
 * type is in `skip` get their `parent` but are neither visited nor descended into.
 */
export function walk(root: Node, visitorKeys: VisitorKeys, visit: (node: Node) => void, skip?: ReadonlySet<string>): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushChild(stack, child[i], node, skip);
      } else {
        pushChild(stack, child, node, skip);
      }
    }
  }
}

/**
 * Nodes that only describe types (annotations, type arguments, interfaces, type aliases and the type
 * nodes under `as`/`satisfies`): no call, assignment, update or object literal can sit under them.
 */
const TYPE_ONLY_NODES: ReadonlySet<string> = new Set([
  ...Object.values(AST_NODE_TYPES).filter((type) => /^TS.*(?:Type|Keyword)$/.test(type)),
  AST_NODE_TYPES.TSTypeAnnotation,
  AST_NODE_TYPES.TSTypeParameterDeclaration,
  AST_NODE_TYPES.TSTypeParameterInstantiation,
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSTypeLiteral,
  AST_NODE_TYPES.TSTypeOperator,
  AST_NODE_TYPES.TSTypeReference,
  AST_NODE_TYPES.TSTypeQuery,
  AST_NODE_TYPES.TSTypePredicate,
  AST_NODE_TYPES.TSNamedTupleMember,
  AST_NODE_TYPES.TSIndexSignature,
  AST_NODE_TYPES.TSClassImplements,
  AST_NODE_TYPES.TSInterfaceHeritage,
]);

/** Plus the leaves: nodes with no child that a code visitor looks for. */
const NOT_CODE_NODES: ReadonlySet<string> = new Set([
  ...TYPE_ONLY_NODES,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.PrivateIdentifier,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateElement,
  AST_NODE_TYPES.ThisExpression,
  AST_NODE_TYPES.Super,
  AST_NODE_TYPES.JSXIdentifier,
  AST_NODE_TYPES.JSXText,
  AST_NODE_TYPES.JSXClosingElement,
]);

/**
 * `walk` over the code only: type-only subtrees (often 40% of a TypeScript file's nodes) and leaves
 * (identifiers, literals) are skipped. For visitors that look for calls, assignments, updates,
 * `delete` and object properties; not for identifiers. Expects `parent` set on every node already
 * (ESLint does it before rules run; the codemod walks the whole tree once after parsing).
 */
export function walkCode(root: Node, visitorKeys: VisitorKeys, visit: (node: Node) => void): void {
  walk(root, visitorKeys, visit, NOT_CODE_NODES);
}

/** The nodes the analyses start from, in source order, collected in one walk per file. */
export interface CodeNodes {
  calls: TSESTree.CallExpression[];
  /** Calls, assignments, updates, `delete` and object properties, in traversal order. */
  all: Node[];
}

/** The node types the analyses start from; `collectCodeNode` files each into its lists. */
export const CODE_NODE_TYPES = [
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.Property,
] as const;

const CODE_NODE_TYPE_SET: ReadonlySet<string> = new Set(CODE_NODE_TYPES);

export function collectCodeNode(nodes: CodeNodes, node: Node): void {
  if (!CODE_NODE_TYPE_SET.has(node.type)) return;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator !== 'delete') return;
  if (node.type === AST_NODE_TYPES.CallExpression) nodes.calls.push(node);
  nodes.all.push(node);
}

const codeNodesCache = new WeakMap<TSESTree.Program, CodeNodes>();

/**
 * Lists to fill during a traversal that the caller runs itself (ESLint's, through rule listeners),
 * or undefined when another caller already fills or filled them for this file. The lists are
 * complete once that traversal has ended.
 */
export function claimCodeNodes(ast: TSESTree.Program): CodeNodes | undefined {
  if (codeNodesCache.has(ast)) return undefined;
  const nodes: CodeNodes = { calls: [], all: [] };
  codeNodesCache.set(ast, nodes);
  return nodes;
}

/**
 * The nodes every analysis starts from, collected once per file: by ESLint's traversal when a rule
 * claimed them, otherwise (the codemod) by one walk here.
 */
export function codeNodes(ast: TSESTree.Program, visitorKeys: VisitorKeys): CodeNodes {
  let nodes = codeNodesCache.get(ast);
  if (!nodes) {
    const collected: CodeNodes = { calls: [], all: [] };
    walkCode(ast, visitorKeys, (node) => collectCodeNode(collected, node));
    codeNodesCache.set(ast, collected);
    nodes = collected;
  }
  return nodes;
}

/**
 * The one walk a tree parsed outside ESLint gets: every node's `parent`, as ESLint sets them before
 * rules run, and the code nodes, as the rules' listeners collect them on ESLint's traversal (type
 * subtrees included, as there). `each` sees every node too.
 */
export function prepareTree(ast: TSESTree.Program, visitorKeys: VisitorKeys, each?: (node: Node) => void): void {
  const nodes = claimCodeNodes(ast);
  walk(ast, visitorKeys, (node) => {
    if (nodes) collectCodeNode(nodes, node);
    each?.(node);
  });
}

function pushChild(stack: Node[], child: unknown, parent: Node, skip: ReadonlySet<string> | undefined): void {
  if (child === null || typeof child !== 'object' || typeof (child as Node).type !== 'string') return;
  const node = child as Node & { parent?: Node };
  if (node.parent === undefined) (node as { parent?: Node }).parent = parent;
  if (skip?.has(node.type)) return;
  stack.push(node);
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

export function statementList(node: Node): TSESTree.Statement[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.Program:
      return node.body as TSESTree.Statement[];
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return undefined;
  }
}

type ReferenceIdentifier = TSESTree.Identifier | TSESTree.JSXIdentifier;

/** What an identifier refers to: a variable, null for an undeclared global, undefined for no reference. */
export interface ReferenceMap {
  get(identifier: ReferenceIdentifier): Scope.Variable | null | undefined;
}

/**
 * The references of a file, looked up one scope at a time, as lookups reach it: a large file whose
 * analysis asks about a few identifiers pays for the scopes around them, not for every reference.
 * A reference is recorded in a scope whose block holds it, so it is in the innermost scope around
 * the identifier or one of that scope's uppers.
 */
class LazyReferenceMap implements ReferenceMap {
  private readonly scopeOfNode = new Map<Node, Scope.Scope>();
  private readonly byScope = new Map<Scope.Scope, Map<ReferenceIdentifier, Scope.Variable | null>>();
  /** Every reference of the file, once the lookups are many enough to pay for indexing them all. */
  private all: Map<ReferenceIdentifier, Scope.Variable | null> | undefined;
  private lookups = 0;
  private referenceCount: number | undefined;

  constructor(private readonly scopeManager: Scope.ScopeManager) {}

  get(identifier: ReferenceIdentifier): Scope.Variable | null | undefined {
    if (this.all) return this.all.get(identifier);
    if (++this.lookups >= FULL_INDEX_AFTER && this.lookups * LOOKUP_COST >= (this.referenceCount ??= countReferences(this.scopeManager))) {
      this.all = new Map();
      for (const scope of this.scopeManager.scopes) for (const reference of scope.references) this.all.set(reference.identifier, reference.resolved);
      this.byScope.clear();
      this.scopeOfNode.clear();
      return this.all.get(identifier);
    }
    for (let scope = this.innermostScope(identifier); scope; scope = scope.upper ?? undefined) {
      const found = this.lookUp(scope, identifier);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private innermostScope(identifier: Node): Scope.Scope | undefined {
    const passed: Node[] = [];
    let scope: Scope.Scope | undefined;
    for (let current: Node | undefined = identifier; current; current = current.parent) {
      scope = this.scopeOfNode.get(current) ?? this.scopeManager.acquire(current, true) ?? undefined;
      if (scope) break;
      passed.push(current);
    }
    scope ??= this.scopeManager.globalScope ?? undefined;
    // A long way up is kept for every node on it, so that lookups stay linear in the file however
    // deep it nests; the short ways of ordinary code are cheaper walked again than remembered.
    if (scope && passed.length > LONG_WAY_UP) for (const node of passed) this.scopeOfNode.set(node, scope);
    return scope;
  }

  private lookUp(scope: Scope.Scope, identifier: ReferenceIdentifier): Scope.Variable | null | undefined {
    let index = this.byScope.get(scope);
    if (!index) {
      index = new Map();
      for (const reference of scope.references) index.set(reference.identifier, reference.resolved);
      this.byScope.set(scope, index);
    }
    return index.get(identifier);
  }
}

const LONG_WAY_UP = 32;
/**
 * A lookup walks up to the identifier's scope and indexes the scopes it meets: several map
 * operations, against one per reference for a full index. Past a few lookups, once they outweigh
 * the references, the full index is the cheaper.
 */
const FULL_INDEX_AFTER = 16;
const LOOKUP_COST = 8;

function countReferences(scopeManager: Scope.ScopeManager): number {
  let count = 0;
  for (const scope of scopeManager.scopes) count += scope.references.length;
  return count;
}

const referenceMaps = new WeakMap<Scope.ScopeManager, ReferenceMap>();

/** What each identifier in the file refers to, answered once per identifier's scope and file. */
export function referencesOf(scopeManager: Scope.ScopeManager): ReferenceMap {
  let map = referenceMaps.get(scopeManager);
  if (!map) referenceMaps.set(scopeManager, (map = new LazyReferenceMap(scopeManager)));
  return map;
}

/** Wraps a per-file computation so every rule (and the codemod) gets one result per file and conventions. */
export function perFile<Input extends { ast: TSESTree.Program; conventions: Conventions }, Result>(
  compute: (input: Input) => Result,
): (input: Input) => Result {
  const cache = new WeakMap<TSESTree.Program, Map<Conventions, Result>>();
  return (input) => {
    let byConventions = cache.get(input.ast);
    if (!byConventions) {
      byConventions = new Map();
      cache.set(input.ast, byConventions);
    }
    if (!byConventions.has(input.conventions)) byConventions.set(input.conventions, compute(input));
    return byConventions.get(input.conventions)!;
  };
}

/** A node's source for a message: one line, chains joined, at most 80 characters. */
export function codeExcerpt(text: string, node: Node): string {
  // Join a chain split over lines (`utils.generation\n  .invalidate`) but keep the spaces of `(utils as any)`.
  const raw = text
    .slice(node.range[0], node.range[1])
    .replace(/\s*(\??\.)\s*/g, '$1')
    .replace(/\s+/g, ' ');
  return raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
}

/** How deep value resolution follows aliases and members; real code stays far below it. */
const MAX_RESOLUTION_DEPTH = 100;

/**
 * Bounds a recursive resolution: past the cap the value is unknown, so a generated 10,000-alias
 * chain costs a bounded stack instead of overflowing it.
 */
export class DepthLimit {
  private depth = 0;
  /** How many times the cap refused to go deeper: a result computed while it grew was cut short. */
  truncations = 0;

  within<T>(compute: () => T | undefined): T | undefined {
    if (!this.enter()) return undefined;
    try {
      return compute();
    } finally {
      this.leave();
    }
  }

  /** False past the cap; otherwise one level deeper, until `leave`. */
  enter(): boolean {
    if (this.depth >= MAX_RESOLUTION_DEPTH) {
      this.truncations++;
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }
}

/** The exported name an import specifier reads: `a` of `import { a as b }`, also when quoted. */
export function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}
