import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import type { AnalysisInput } from '.';
import { rememberLast, type Conventions, type Keyword } from '../conventions';
import { DepthLimit, importedName, objectKeyName, propertyName, unwrap, codeNodes, type Node, perFile, referencesOf, type ReferenceMap } from './ast';
import { includesInCode, treeCheaperThanText, type CommentRanges } from '../utils/text-search';

type Variable = Scope.Variable;

/** A Drizzle update of the scenes table: `db.update(scenes).set({...}).where(...)`, also on a transaction. */
export interface SceneTableUpdate {
  /** The `x.update(table)` call. */
  update: TSESTree.CallExpression;
  /** The argument of `.set(...)`. */
  values: Node;
  /** The `.where(...)` call, when the statement has one. */
  where: TSESTree.CallExpression | undefined;
  /** The table as the code names it: `scenes`, `schema.scenes`. */
  table: string;
  /** Whether `.set(...)` raises the revision by one. */
  bumps: boolean;
  /** Whether `.where(...)` requires the revision the client last saw. */
  guards: boolean;
}

/** The same per-file input as the shared analysis. */
export type RevisionInput = AnalysisInput;

/** The Drizzle functions the check understands; each is recognised by the name it is imported under, through aliases. */
type DrizzleFunction = 'sql' | 'eq' | 'and';
const DRIZZLE_FUNCTIONS = new Set<string>(['sql', 'eq', 'and']);

type Value =
  | { type: 'table' }
  | { type: 'namespace' }
  | { type: 'column'; name: string }
  | { type: 'drizzleNamespace' }
  | { type: 'function'; name: DrizzleFunction }
  | { type: 'sqlRaw' };

/** Every update of the scene table in the file, with whether it bumps and guards the revision. */
export const findSceneTableUpdates = perFile((input: RevisionInput): SceneTableUpdate[] => {
  // `allowed` last: rules compute it lazily (a glob match), and most files fail the cheaper test.
  const mayHold = treeCheaperThanText(input.ast, input.text) || mightUpdateSceneTable(input.text, input.conventions, input.ast.comments);
  return !mayHold || input.allowed ? [] : new RevisionChecker(input).run();
});

/** The word every file `mightUpdateSceneTable` passes holds. */
export function tableGateKeywords(conventions: Conventions): Keyword[] {
  return [{ word: conventions.settings.database.sceneTable, ignoreCase: false }];
}

export const mightUpdateSceneTable = rememberLast(
  (text: string, conventions: Conventions, comments: CommentRanges | undefined): boolean =>
    includesInCode(text, conventions.settings.database.sceneTable, comments) && includesInCode(text, 'update', comments),
);

function isDrizzleModule(source: string): boolean {
  return source === 'drizzle-orm' || source.startsWith('drizzle-orm/');
}

class RevisionChecker {
  private readonly variableOf: ReferenceMap;
  private readonly values = new Map<Variable, Value | undefined>();
  private readonly limit = new DepthLimit();
  private readonly table: string;
  private readonly column: string;

  constructor(private readonly input: RevisionInput) {
    this.variableOf = referencesOf(input.scopeManager);
    this.table = input.conventions.settings.database.sceneTable;
    this.column = input.conventions.settings.database.revisionColumn;
  }

  run(): SceneTableUpdate[] {
    const updates: SceneTableUpdate[] = [];
    for (const call of codeNodes(this.input.ast, this.input.visitorKeys).calls) {
      const update = this.visitCall(call);
      if (update) updates.push(update);
    }
    return updates;
  }

  private visitCall(call: TSESTree.CallExpression): SceneTableUpdate | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'update') return undefined;
    const tableArgument = call.arguments[0];
    if (!tableArgument || this.evaluate(tableArgument)?.type !== 'table') return undefined;
    const chain = methodChain(call);
    const set = chain.get('set');
    const values = set?.arguments[0];
    if (!values) return undefined;
    const where = chain.get('where');
    const expected = where?.arguments[0] ? this.guardedRevision(where.arguments[0]) : undefined;
    return {
      update: call,
      values,
      where,
      table: this.text(tableArgument),
      bumps: this.bumps(values, expected),
      guards: expected !== undefined,
    };
  }

  /** Whether the `.set(...)` values raise the revision column by one. */
  private bumps(values: Node, expected: Node | true | undefined): boolean {
    const object = this.objectLiteral(values);
    if (!object) return false;
    let bump: Node | undefined;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property) {
        if (objectKeyName(property) === this.column) bump = property.value;
      } else {
        // A spread of a constant object literal counts as written here; anything else is not looked into.
        const spread = this.objectLiteral(property.argument);
        const inner = spread?.properties.findLast(
          (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && objectKeyName(candidate) === this.column,
        );
        if (inner) bump = inner.value;
      }
    }
    return bump !== undefined && this.isIncrement(bump, expected);
  }

  /**
   * `sql\`${scenes.revision} + 1\`` and what means the same (`sql\`revision + 1\``, `${1}`, quoted or
   * table-qualified names, `1 + revision`), or `expected + 1` where the guard compares with `expected`.
   */
  private isIncrement(node: Node, expected: Node | true | undefined): boolean {
    const target = unwrap(node);
    const sqlText = this.sqlText(target);
    if (sqlText !== undefined) {
      const column = escapeRegExp(this.column.toLowerCase());
      const operand = `(?:${column}|coalesce\\(${column},\\d+\\))`;
      return new RegExp(`^\\(?(?:${operand}\\+1|1\\+${operand})\\)?$`).test(sqlText.replace(/ /g, ''));
    }
    if (target.type !== AST_NODE_TYPES.BinaryExpression || target.operator !== '+' || expected === undefined || expected === true) return false;
    const isOne = (side: Node) => {
      const inner = unwrap(side);
      return inner.type === AST_NODE_TYPES.Literal && inner.value === 1;
    };
    const other = isOne(target.right) ? target.left : isOne(target.left) ? target.right : undefined;
    return other !== undefined && this.sameExpression(other, expected);
  }

  /**
   * The value a where-condition requires the revision column to equal: `eq(scenes.revision, x)` (either
   * order), directly or anywhere in `and(...)`; `true` for a raw `sql` condition that compares the revision.
   */
  private guardedRevision(node: Node, seen = new Set<Variable>()): Node | true | undefined {
    return this.limit.within(() => this.guardedRevisionNode(node, seen));
  }

  private guardedRevisionNode(node: Node, seen: Set<Variable>): Node | true | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(target);
      const init = variable && !seen.has(variable) ? this.constInit(variable) : undefined;
      if (!variable || !init) return undefined;
      seen.add(variable);
      return this.guardedRevision(init, seen);
    }
    const sqlText = this.sqlText(target);
    if (sqlText !== undefined) {
      const column = escapeRegExp(this.column.toLowerCase());
      return new RegExp(`(?:^|[^\\w.])${column} ?=(?!=)|[^<>!=]= ?${column}(?:$|[^\\w])`).test(sqlText) ? true : undefined;
    }
    if (target.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = this.evaluate(target.callee);
    if (callee?.type !== 'function') return undefined;
    if (callee.name === 'and') {
      for (const argument of target.arguments) {
        const found = this.guardedRevision(argument, seen);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (callee.name !== 'eq' || target.arguments.length !== 2) return undefined;
    const [left, right] = target.arguments as [Node, Node];
    if (this.isRevisionColumn(left) && !this.isRevisionColumn(right)) return right;
    if (this.isRevisionColumn(right) && !this.isRevisionColumn(left)) return left;
    return undefined;
  }

  private isRevisionColumn(node: Node): boolean {
    const value = this.evaluate(node);
    return value?.type === 'column' && value.name === this.column;
  }

  /**
   * A `sql` template (or `sql.raw('...')`) as normalised text: lower case, single spaces, no quotes, no table
   * qualifiers; an interpolated column is its name, a number its digits, anything else `?`.
   */
  private sqlText(node: Node): string | undefined {
    let raw: string;
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = this.evaluate(node.tag);
      if (tag?.type !== 'function' || tag.name !== 'sql') return undefined;
      const { quasis, expressions } = node.quasi;
      raw = quasis[0]!.value.cooked ?? '';
      expressions.forEach((expression, index) => {
        raw += this.placeholder(expression) + (quasis[index + 1]!.value.cooked ?? '');
      });
    } else if (node.type === AST_NODE_TYPES.CallExpression && this.evaluate(node.callee)?.type === 'sqlRaw') {
      const argument = node.arguments[0] && unwrap(node.arguments[0]);
      if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') raw = argument.value;
      else if (argument?.type === AST_NODE_TYPES.TemplateLiteral && argument.expressions.length === 0) raw = argument.quasis[0]!.value.cooked ?? '';
      else return undefined;
    } else {
      return undefined;
    }
    return raw
      .toLowerCase()
      .replace(/["`]/g, '')
      .replace(/\b[a-z_][\w-]*\.(?=[a-z_])/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private placeholder(expression: Node): string {
    const target = unwrap(expression);
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'number') return String(target.value);
    const value = this.evaluate(target);
    return value?.type === 'column' ? value.name : '?';
  }

  private sameExpression(a: Node, b: Node): boolean {
    const normalise = (node: Node) => this.input.text.slice(unwrap(node).range[0], unwrap(node).range[1]).replace(/\s+/g, '').replace(/\?\./g, '.');
    return normalise(a) === normalise(b);
  }

  private objectLiteral(node: Node, seen = new Set<Variable>()): TSESTree.ObjectExpression | undefined {
    return this.limit.within(() => this.objectLiteralNode(node, seen));
  }

  private objectLiteralNode(node: Node, seen: Set<Variable>): TSESTree.ObjectExpression | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
    if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.variableOf.get(target);
    const init = variable && !seen.has(variable) ? this.constInit(variable) : undefined;
    if (!variable || !init) return undefined;
    seen.add(variable);
    return this.objectLiteral(init, seen);
  }

  private evaluate(node: Node): Value | undefined {
    return this.limit.within(() => this.evaluateNode(node));
  }

  private evaluateNode(node: Node): Value | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) return this.evaluateIdentifier(target);
    if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = propertyName(target);
    if (name === undefined) return undefined;
    const object = this.evaluate(target.object);
    switch (object?.type) {
      case 'table':
        return { type: 'column', name };
      case 'namespace':
        return name === this.table ? { type: 'table' } : undefined;
      case 'drizzleNamespace':
        return DRIZZLE_FUNCTIONS.has(name) ? { type: 'function', name: name as DrizzleFunction } : undefined;
      case 'function':
        return object.name === 'sql' && name === 'raw' ? { type: 'sqlRaw' } : undefined;
      default:
        return undefined;
    }
  }

  private evaluateIdentifier(identifier: TSESTree.Identifier): Value | undefined {
    const variable = this.variableOf.get(identifier);
    if (!variable) return undefined;
    if (this.values.has(variable)) return this.values.get(variable);
    this.values.set(variable, undefined);
    const value = this.computeVariable(variable);
    this.values.set(variable, value);
    return value;
  }

  private computeVariable(variable: Variable): Value | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type === 'ImportBinding') return this.evaluateImport(def.node);
    if (def.type !== 'Variable') return undefined;
    // The file that declares the table (`export const scenes = pgTable(...)`) uses it by its own name.
    const moduleLevel = variable.scope.type === 'module' || variable.scope.type === 'global';
    if (moduleLevel && variable.name === this.table && def.node.id.type === AST_NODE_TYPES.Identifier) return { type: 'table' };
    const init = this.constInit(variable);
    if (init) return this.evaluate(init);
    // `const { scenes } = schema`: one level of object destructuring.
    const property = def.name.parent;
    if (!def.node.init || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || property?.type !== AST_NODE_TYPES.Property || property.parent !== def.node.id) return undefined;
    if (!this.isConstant(variable, def.parent)) return undefined;
    const source = this.evaluate(def.node.init);
    const key = objectKeyName(property);
    if (source?.type === 'namespace' && key === this.table) return { type: 'table' };
    if (source?.type === 'table' && key !== undefined) return { type: 'column', name: key };
    return undefined;
  }

  private evaluateImport(specifier: Node): Value | undefined {
    const declaration = specifier.parent as TSESTree.ImportDeclaration;
    const source = String(declaration.source.value);
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return isDrizzleModule(source) ? { type: 'drizzleNamespace' } : { type: 'namespace' };
    if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
    const imported = importedName(specifier);
    if (imported === this.table && !isDrizzleModule(source)) return { type: 'table' };
    // `eq`, `and` and `sql` are recognised by their imported name, from drizzle-orm or a module re-exporting them.
    if (DRIZZLE_FUNCTIONS.has(imported)) return { type: 'function', name: imported as DrizzleFunction };
    return undefined;
  }

  private constInit(variable: Variable): Node | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
    return this.isConstant(variable, def.parent) ? def.node.init : undefined;
  }

  private isConstant(variable: Variable, declaration: Node | null | undefined): boolean {
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') return true;
    return !variable.references.some((reference) => reference.isWrite() && !reference.init);
  }

  private text(node: Node): string {
    return this.input.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  }
}

/** The calls chained on `call`: `call.set(...).where(...).returning()` gives set, where, returning. */
function methodChain(call: TSESTree.CallExpression): Map<string, TSESTree.CallExpression> {
  const chain = new Map<string, TSESTree.CallExpression>();
  let current: Node = call;
  for (;;) {
    let holder: Node = current;
    while (holder.parent && (holder.parent.type === AST_NODE_TYPES.TSNonNullExpression || holder.parent.type === AST_NODE_TYPES.TSAsExpression)) holder = holder.parent;
    const member: Node | undefined = holder.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== holder) return chain;
    const next: Node | undefined = member.parent;
    const name = propertyName(member);
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member || name === undefined) return chain;
    if (!chain.has(name)) chain.set(name, next);
    current = next;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
