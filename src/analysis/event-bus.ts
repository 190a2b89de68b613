import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';
import type { Scope } from '@typescript-eslint/utils/ts-eslint';
import { anyWordTest, kindFromName, rememberLast, type Conventions, type Keyword, type SyncKind } from '../conventions';
import type { AnalysisInput } from '.';
import { DepthLimit, codeExcerpt, importedName, isFunction, objectKeyName, propertyName, staticKey, unwrap, codeNodes, type Node, perFile, referencesOf, type ReferenceMap } from './ast';
import { treeCheaperThanText, type CommentRanges, type TextTest } from '../utils/text-search';

type Variable = Scope.Variable;

/** A scene event sent or received through a home-made event channel. */
export interface SceneEventSite {
  node: TSESTree.CallExpression;
  role: 'emit' | 'listen';
  /** An emitter object (`mitt()`, an `EventEmitter`, a configured bus) or the DOM (`window`, `document`). */
  channel: 'emitter' | 'dom';
  /** The event name as far as it is known without running the code. */
  event: string;
  /** How the code names what it called, for messages: `eventBus.emit`, `window.dispatchEvent`. */
  found: string;
  /** The sync a sender of this event stands for, guessed from its name. */
  kind: SyncKind;
}

/** The same per-file input as the shared analysis. */
export type EventBusInput = AnalysisInput;

type Api = 'mitt' | 'node' | 'eventTarget' | 'bus';

/** What an expression is, as far as event channels care. */
type Value =
  | { type: 'emitter'; api: Api }
  | { type: 'emitterClass'; api: 'node' | 'eventTarget' }
  | { type: 'mittFactory' }
  | { type: 'eventsModule' }
  | { type: 'require' }
  | { type: 'domEventClass' }
  | { type: 'domTarget' }
  | { type: 'object'; node: TSESTree.ObjectExpression };

const EVENTS_MODULES = new Set(['events', 'node:events']);
const MITT_MODULES = new Set(['mitt']);
/** Globals that stand for the page's event target. */
const DOM_TARGETS = new Set(['window', 'document', 'globalThis', 'self']);
const DOM_EVENT_CLASSES = new Set(['CustomEvent', 'Event']);

const EMIT_METHODS: Record<Api, ReadonlySet<string>> = {
  mitt: new Set(['emit']),
  node: new Set(['emit']),
  eventTarget: new Set(['dispatchEvent']),
  bus: new Set(['emit', 'dispatchEvent', 'publish']),
};
const LISTEN_METHODS: Record<Api, ReadonlySet<string>> = {
  mitt: new Set(['on', 'off']),
  node: new Set(['on', 'off', 'once', 'addListener', 'removeListener', 'prependListener', 'prependOnceListener']),
  eventTarget: new Set(['addEventListener', 'removeEventListener']),
  bus: new Set(['on', 'off', 'once', 'addListener', 'removeListener', 'addEventListener', 'removeEventListener', 'subscribe', 'unsubscribe']),
};

/** Every scene event sent or received through an event channel in the file, computed once per conventions. */
export const findSceneEvents = perFile((input: EventBusInput): SceneEventSite[] => {
  // A file that names no event channel has no scene event on one: skip it unwalked.
  // `allowed` last: rules compute it lazily (a glob match), and most files fail the cheaper test.
  const mayHold = treeCheaperThanText(input.ast, input.text) || mightHoldChannel(input.text, input.conventions, input.ast.comments);
  return !mayHold || input.allowed ? [] : new EventChannelFinder(input).run();
});

class EventChannelFinder {
  private readonly variableOf: ReferenceMap;
  private readonly values = new Map<Variable, Value | undefined>();
  private readonly limit = new DepthLimit();
  private readonly busObjects: ReadonlySet<string>;

  constructor(private readonly input: EventBusInput) {
    this.variableOf = referencesOf(input.scopeManager);
    this.busObjects = new Set(input.conventions.settings.eventBus.objects);
  }

  run(): SceneEventSite[] {
    const sites: SceneEventSite[] = [];
    for (const call of codeNodes(this.input.ast, this.input.visitorKeys).calls) {
      const site = this.visitCall(call);
      if (site) sites.push(site);
    }
    return sites;
  }

  private visitCall(call: TSESTree.CallExpression): SceneEventSite | undefined {
    const callee = unwrap(call.callee);
    let method: string | undefined;
    let target: Value | undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      method = propertyName(callee);
      target = this.evaluate(callee.object);
    } else if (callee.type === AST_NODE_TYPES.Identifier && this.isGlobal(callee)) {
      // `dispatchEvent(...)` and `addEventListener(...)` called bare: the window's own methods.
      method = callee.name;
      target = { type: 'domTarget' };
    }
    if (method === undefined || !target) return undefined;
    const api: Api | undefined = target.type === 'emitter' ? target.api : target.type === 'domTarget' ? 'eventTarget' : undefined;
    if (!api) return undefined;
    const channel = target.type === 'domTarget' ? 'dom' : 'emitter';
    const role = EMIT_METHODS[api].has(method) ? 'emit' : LISTEN_METHODS[api].has(method) ? 'listen' : undefined;
    if (!role) return undefined;
    const argument = call.arguments[0];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const event = method === 'dispatchEvent' ? this.domEventName(argument) : this.staticString(argument);
    if (event === undefined || !this.input.conventions.isSceneEvent(event)) return undefined;
    return { node: call, role, channel, event, found: this.text(callee), kind: kindFromName(event) };
  }

  /** The type of `new CustomEvent('scene.updated', ...)`, directly or held in a constant. */
  private domEventName(node: Node, seen = new Set<Variable>()): string | undefined {
    return this.limit.within(() => this.domEventNameNode(node, seen));
  }

  private domEventNameNode(node: Node, seen: Set<Variable>): string | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(target);
      const init = variable ? this.constInit(variable) : undefined;
      if (!variable || !init || seen.has(variable)) return undefined;
      seen.add(variable);
      return this.domEventName(init, seen);
    }
    if (target.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const constructor = this.evaluate(target.callee);
    const isEventClass = constructor?.type === 'domEventClass';
    const first = target.arguments[0];
    if (!isEventClass || !first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
    return this.staticString(first);
  }

  /** A string known without running the code: literals, templates (their fixed parts), constants, `+`, enum and object members. */
  private staticString(node: Node, seen = new Set<Variable>()): string | undefined {
    return this.limit.within(() => this.staticStringNode(node, seen));
  }

  private staticStringNode(node: Node, seen: Set<Variable>): string | undefined {
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.Literal:
        return typeof target.value === 'string' ? target.value : undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        return target.quasis.map((quasi) => quasi.value.cooked ?? '').join('');
      case AST_NODE_TYPES.BinaryExpression: {
        if (target.operator !== '+') return undefined;
        const left = this.staticString(target.left, seen);
        const right = this.staticString(target.right, seen);
        return left === undefined && right === undefined ? undefined : `${left ?? ''}${right ?? ''}`;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = this.variableOf.get(target);
        const init = variable ? this.constInit(variable) : undefined;
        if (!variable || !init || seen.has(variable)) return undefined;
        seen.add(variable);
        return this.staticString(init, seen);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(target);
        const object = unwrap(target.object);
        if (name === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
        const variable = this.variableOf.get(object);
        if (!variable || variable.defs.length !== 1 || seen.has(variable)) return undefined;
        seen.add(variable);
        const def = variable.defs[0]!;
        if (def.type === 'TSEnumName' && def.node.type === AST_NODE_TYPES.TSEnumDeclaration) {
          const member = def.node.body.members.find((candidate) => staticKey(candidate.id, candidate.id.type !== AST_NODE_TYPES.Identifier) === name);
          return member?.initializer ? this.staticString(member.initializer, seen) : undefined;
        }
        const init = this.constInit(variable);
        const literal = init && unwrap(init);
        if (literal?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        const property = literal.properties.find(
          (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && objectKeyName(candidate) === name,
        );
        return property ? this.staticString(property.value, seen) : undefined;
      }
      default:
        return undefined;
    }
  }

  private evaluate(node: Node, seen = new Set<Node>()): Value | undefined {
    return this.limit.within(() => this.evaluateNode(node, seen));
  }

  private evaluateNode(node: Node, seen: Set<Node>): Value | undefined {
    const target = unwrap(node);
    if (seen.has(target)) return undefined;
    seen.add(target);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.evaluateIdentifier(target);
      case AST_NODE_TYPES.ThisExpression:
        return this.evaluateThis(target, seen);
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(target);
        if (name === undefined) return undefined;
        if (unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
          const field = this.classField(target, name);
          if (field) return this.evaluate(field, seen);
        }
        const object = this.evaluate(target.object, seen);
        if (object?.type === 'eventsModule') return name === 'EventEmitter' || name === 'default' ? { type: 'emitterClass', api: 'node' } : undefined;
        if (object?.type === 'object') {
          const property = object.node.properties.find(
            (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && objectKeyName(candidate) === name,
          );
          return property ? this.evaluate(property.value, seen) : undefined;
        }
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = this.evaluate(target.callee, seen);
        if (callee?.type === 'mittFactory') return { type: 'emitter', api: 'mitt' };
        if (callee?.type === 'require') {
          const source = target.arguments[0];
          const literal = source && unwrap(source);
          if (literal?.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'string') return undefined;
          if (MITT_MODULES.has(literal.value)) return { type: 'mittFactory' };
          if (EVENTS_MODULES.has(literal.value)) return { type: 'eventsModule' };
        }
        return undefined;
      }
      case AST_NODE_TYPES.NewExpression: {
        const constructor = this.evaluate(target.callee, seen);
        if (constructor?.type === 'emitterClass') return { type: 'emitter', api: constructor.api };
        if (constructor?.type === 'eventsModule') return { type: 'emitter', api: 'node' };
        return undefined;
      }
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.ClassDeclaration:
        return this.evaluateClass(target, seen);
      case AST_NODE_TYPES.ObjectExpression:
        return { type: 'object', node: target };
      case AST_NODE_TYPES.AwaitExpression:
        return this.evaluate(target.argument, seen);
      default:
        return undefined;
    }
  }

  private evaluateIdentifier(identifier: TSESTree.Identifier): Value | undefined {
    const variable = this.variableOf.get(identifier);
    if (variable === undefined) return undefined;
    if (variable === null || isImplicitGlobal(variable)) return this.globalValue(identifier.name);
    if (this.values.has(variable)) return this.values.get(variable);
    this.values.set(variable, undefined);
    const value = this.computeVariable(variable);
    this.values.set(variable, value);
    return value;
  }

  private globalValue(name: string): Value | undefined {
    if (this.busObjects.has(name)) return { type: 'emitter', api: 'bus' };
    if (DOM_TARGETS.has(name)) return { type: 'domTarget' };
    if (DOM_EVENT_CLASSES.has(name)) return { type: 'domEventClass' };
    if (name === 'EventTarget') return { type: 'emitterClass', api: 'eventTarget' };
    if (name === 'require') return { type: 'require' };
    return undefined;
  }

  private computeVariable(variable: Variable): Value | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    switch (def.type) {
      case 'ImportBinding':
        return this.evaluateImport(def.node);
      case 'ClassName':
        return def.node.type === AST_NODE_TYPES.ClassDeclaration || def.node.type === AST_NODE_TYPES.ClassExpression ? this.evaluateClass(def.node, new Set()) : undefined;
      case 'Variable': {
        // A bus declared in this file under a configured name (`export const eventBus = ...`) is the bus.
        const moduleLevel = variable.scope.type === 'module' || variable.scope.type === 'global';
        if (moduleLevel && this.busObjects.has(variable.name)) return { type: 'emitter', api: 'bus' };
        const declarator = def.node;
        if (!declarator.init || !this.isConstant(variable, def.parent)) return undefined;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.evaluate(declarator.init);
        // `const { EventEmitter } = require('events')`: one level of object destructuring.
        const property = def.name.parent;
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || property?.type !== AST_NODE_TYPES.Property || property.parent !== declarator.id) return undefined;
        const key = objectKeyName(property);
        const source = this.evaluate(declarator.init);
        if (source?.type === 'eventsModule' && key === 'EventEmitter') return { type: 'emitterClass', api: 'node' };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private evaluateImport(specifier: Node): Value | undefined {
    const declaration = specifier.parent as TSESTree.ImportDeclaration;
    const source = String(declaration.source.value);
    let imported = '*';
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      imported = importedName(specifier);
    } else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      imported = 'default';
    }
    if (MITT_MODULES.has(source)) return imported === 'default' ? { type: 'mittFactory' } : undefined;
    if (EVENTS_MODULES.has(source)) {
      if (imported === 'EventEmitter') return { type: 'emitterClass', api: 'node' };
      return imported === 'default' || imported === '*' ? { type: 'eventsModule' } : undefined;
    }
    // A configured bus is followed by its exported name, under any local alias.
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier && this.busObjects.has(imported)) return { type: 'emitter', api: 'bus' };
    return undefined;
  }

  /** A class is an emitter class when it extends one (`class SceneBus extends EventEmitter {}`). */
  private evaluateClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, seen: Set<Node>): Value | undefined {
    if (!node.superClass) return undefined;
    const parent = this.evaluate(node.superClass, seen);
    if (parent?.type === 'emitterClass') return parent;
    if (parent?.type === 'eventsModule') return { type: 'emitterClass', api: 'node' };
    return undefined;
  }

  /** `this` in a method of a class that extends an emitter class is an emitter. */
  private evaluateThis(node: TSESTree.ThisExpression, seen: Set<Node>): Value | undefined {
    const owner = thisClass(node);
    if (!owner) return undefined;
    const value = this.evaluateClass(owner, seen);
    return value?.type === 'emitterClass' ? { type: 'emitter', api: value.api } : undefined;
  }

  /** The initializer of a field `name = ...` of the class that `this` refers to in `member`. */
  private classField(member: TSESTree.MemberExpression, name: string): Node | undefined {
    const owner = thisClass(unwrap(member.object));
    if (!owner) return undefined;
    const field = owner.body.body.find(
      (element): element is TSESTree.PropertyDefinition =>
        element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && staticKey(element.key, element.computed) === name,
    );
    return field?.value ?? undefined;
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

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.variableOf.get(identifier);
    return variable === null || (variable !== undefined && isImplicitGlobal(variable));
  }

  private text(node: Node): string {
    return codeExcerpt(this.input.text, node);
  }
}

// `events` only as a module specifier: the bare word is in most files.
const CHANNEL_KEYWORDS = ['mitt', "'events'", '"events"', 'node:events', 'EventEmitter', 'EventTarget', 'dispatchEvent', 'addEventListener', 'removeEventListener'];

/** Words one of which every file `mightHoldChannel` passes holds. */
export function channelGateKeywords(conventions: Conventions): Keyword[] {
  if (conventions.sceneEventKeyword) return [conventions.sceneEventKeyword];
  return [...CHANNEL_KEYWORDS, ...conventions.settings.eventBus.objects].map((word) => ({ word, ignoreCase: false }));
}

const channelWordTests = new WeakMap<Conventions, TextTest>();

function namesChannel(text: string, conventions: Conventions, comments: CommentRanges | undefined): boolean {
  let test = channelWordTests.get(conventions);
  if (!test) channelWordTests.set(conventions, (test = anyWordTest([...CHANNEL_KEYWORDS, ...conventions.settings.eventBus.objects])));
  return test(text, comments);
}

/** The text test before any walk: the rarer word first, since most files name neither. */
export const mightHoldChannel = rememberLast(
  (text: string, conventions: Conventions, comments: CommentRanges | undefined): boolean => conventions.mightNameSceneEvent(text, comments) && namesChannel(text, conventions, comments),
);

/** A global the linted code does not declare: configured in `languageOptions.globals` or a TypeScript lib. */
function isImplicitGlobal(variable: Variable): boolean {
  return variable.defs.length === 0 && variable.scope.type === 'global';
}

/** The class whose instance `this` is at `node`: through arrow functions, into a method or field. */
function thisClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) {
      const owner = current.parent;
      return owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression ? owner : undefined;
    }
    if (isFunction(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      // A method's function: its parent is the MethodDefinition, inside the class body. Any other function rebinds `this`.
      if (current.parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
    }
  }
  return undefined;
}

