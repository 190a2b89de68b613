import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-scene-event-bus';
import { createRuleTester, span } from '../helpers/cases';
import { SNIPPETS, TS_ONLY_SNIPPETS } from '../helpers/snippets';

type Valid = ValidTestCase<[]>;
type Invalid = InvalidTestCase<MessageIds, []>;
type Expected = Invalid['errors'][number];

const ruleTester = createRuleTester();

const valid: Valid[] = [];
const invalid: Invalid[] = [];

function emit(code: string, text: string, event: string, found: string, helper: string, occurrence = 1): Expected {
  return { messageId: 'emitSceneEvent', data: { event, found, helper }, ...span(code, text, occurrence) };
}

function listen(code: string, text: string, event: string, found: string, occurrence = 1): Expected {
  return { messageId: 'listenSceneEvent', data: { entity: 'scene', event, found, helper: 'sceneSyncHelpers.syncAllScenes' }, ...span(code, text, occurrence) };
}

function addInvalid(name: string, code: string, errors: (code: string) => Expected[], extra: Partial<Invalid> = {}): void {
  invalid.push({ name, code, errors: errors(code), ...extra });
}

function addValid(name: string, code: string, extra: Partial<Valid> = {}): void {
  valid.push({ name, code, ...extra });
}

const UPDATED = 'sceneSyncHelpers.syncSceneUpdated';

// The seed's own "what NOT to do".
addInvalid(
  'the seed example: eventBus.emit / eventBus.on of scene.updated on a bus imported under the configured name',
  `import { eventBus } from '~/lib/event-bus';
export function save(sceneId: string, code: string) {
  eventBus.emit('scene.updated', { sceneId, code });
}
export function subscribe(reconcile: (data: unknown) => void) {
  eventBus.on('scene.updated', (data) => reconcile(data));
}
`,
  (code) => [
    emit(code, "eventBus.emit('scene.updated', { sceneId, code })", 'scene.updated', 'eventBus.emit', UPDATED),
    listen(code, "eventBus.on('scene.updated', (data) => reconcile(data))", 'scene.updated', 'eventBus.on'),
  ],
);
addInvalid(
  'a configured bus imported under another local name',
  `import { eventBus as bus } from '~/lib/event-bus';
bus.off('sceneDeleted', () => undefined);
`,
  (code) => [listen(code, "bus.off('sceneDeleted', () => undefined)", 'sceneDeleted', 'bus.off')],
);
addInvalid(
  'a bus configured in settings (eventBus.objects)',
  `import { appEvents } from '~/lib/app-events';
appEvents.emit('SCENE_RESTORED', { id: 1 });
`,
  (code) => [emit(code, "appEvents.emit('SCENE_RESTORED', { id: 1 })", 'SCENE_RESTORED', 'appEvents.emit', 'sceneSyncHelpers.syncSceneRestored')],
  { settings: { sceneSync: { eventBus: { objects: ['appEvents'] } } } },
);
addInvalid(
  'mitt(): import mitt from "mitt", typed, emit and listen',
  `import mitt from 'mitt';
type Events = { 'scene:created': { id: string }; 'scene:deleted': { id: string } };
const emitter = mitt<Events>();
export function announce(id: string) {
  emitter.emit('scene:created', { id });
  emitter.on('scene:deleted', (event) => console.log(event.id));
}
`,
  (code) => [
    emit(code, "emitter.emit('scene:created', { id })", 'scene:created', 'emitter.emit', 'sceneSyncHelpers.syncSceneCreated'),
    listen(code, "emitter.on('scene:deleted', (event) => console.log(event.id))", 'scene:deleted'.toString(), 'emitter.on'),
  ],
);
addInvalid(
  'mitt under another name, exported and used in the same file',
  `import createEmitter from 'mitt';
export const sceneEvents = createEmitter();
sceneEvents.emit('changed-scene', null);
`,
  (code) => [emit(code, "sceneEvents.emit('changed-scene', null)", 'changed-scene', 'sceneEvents.emit', 'sceneSyncHelpers.syncAllScenes')],
);
addInvalid(
  "Node's EventEmitter from node:events: new instance, emit/on/once/removeListener",
  `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.emit('sceneUpdated', 1);
emitter.once('sceneUpdated', () => undefined);
emitter.removeListener('sceneUpdated', () => undefined);
emitter.emit('projectRenamed', 1);
`,
  (code) => [
    emit(code, "emitter.emit('sceneUpdated', 1)", 'sceneUpdated', 'emitter.emit', UPDATED),
    listen(code, "emitter.once('sceneUpdated', () => undefined)", 'sceneUpdated', 'emitter.once'),
    listen(code, "emitter.removeListener('sceneUpdated', () => undefined)", 'sceneUpdated', 'emitter.removeListener'),
  ],
);
addInvalid(
  "EventEmitter as the default import of 'events', aliased named import, and a namespace import",
  `import Emitter from 'events';
import { EventEmitter as EE } from 'events';
import * as events from 'node:events';
const a = new Emitter();
const b = new EE();
const c = new events.EventEmitter();
a.emit('scene', 1);
b.on('scene', () => 1);
c.off('scene', () => 1);
`,
  (code) => [
    emit(code, "a.emit('scene', 1)", 'scene', 'a.emit', 'sceneSyncHelpers.syncAllScenes'),
    listen(code, "b.on('scene', () => 1)", 'scene', 'b.on'),
    listen(code, "c.off('scene', () => 1)", 'scene', 'c.off'),
  ],
);
addInvalid(
  'a subclass of EventEmitter: an instance, and this.emit inside it',
  `import { EventEmitter } from 'events';
class SceneBus extends EventEmitter {
  announce(id: string) {
    this.emit('scene-updated', id);
  }
}
export const bus = new SceneBus();
bus.on('scene-updated', (id: string) => console.log(id));
`,
  (code) => [
    emit(code, "this.emit('scene-updated', id)", 'scene-updated', 'this.emit', UPDATED),
    listen(code, "bus.on('scene-updated', (id: string) => console.log(id))", 'scene-updated', 'bus.on'),
  ],
);
addInvalid(
  'an emitter in a class field, used through this',
  `import mitt from 'mitt';
export class SyncService {
  private readonly events = mitt();
  saved(id: string) {
    this.events.emit('sceneSaved', id);
  }
}
`,
  (code) => [emit(code, "this.events.emit('sceneSaved', id)", 'sceneSaved', 'this.events.emit', UPDATED)],
);
addInvalid(
  'CommonJS: require("events") destructured, and require("mitt")',
  `const { EventEmitter } = require('events');
const mitt = require('mitt');
const a = new EventEmitter();
const b = mitt();
a.emit('scene.created', 1);
b.emit('scene.created', 1);
`,
  (code) => [
    emit(code, "a.emit('scene.created', 1)", 'scene.created', 'a.emit', 'sceneSyncHelpers.syncSceneCreated'),
    emit(code, "b.emit('scene.created', 1)", 'scene.created', 'b.emit', 'sceneSyncHelpers.syncSceneCreated'),
  ],
);
addInvalid(
  'event names from constants, an object of names, an enum, a template and a concatenation',
  `import mitt from 'mitt';
const emitter = mitt();
const SCENE_UPDATED = 'scene.updated';
const Events = { deleted: 'scene.deleted' } as const;
enum SceneEvent { Created = 'scene.created' }
export function send(id: string) {
  emitter.emit(SCENE_UPDATED, id);
  emitter.emit(Events.deleted, id);
  emitter.emit(SceneEvent.Created, id);
  emitter.emit(\`scene:\${id}:updated\`, id);
  emitter.emit('scene.' + id, id);
}
`,
  (code) => [
    emit(code, 'emitter.emit(SCENE_UPDATED, id)', 'scene.updated', 'emitter.emit', UPDATED),
    emit(code, 'emitter.emit(Events.deleted, id)', 'scene.deleted', 'emitter.emit', 'sceneSyncHelpers.syncSceneDeleted'),
    emit(code, 'emitter.emit(SceneEvent.Created, id)', 'scene.created', 'emitter.emit', 'sceneSyncHelpers.syncSceneCreated'),
    emit(code, 'emitter.emit(`scene:${id}:updated`, id)', 'scene::updated', 'emitter.emit', UPDATED),
    emit(code, "emitter.emit('scene.' + id, id)", 'scene.', 'emitter.emit', 'sceneSyncHelpers.syncAllScenes'),
  ],
);
addInvalid(
  'window.dispatchEvent(new CustomEvent("scene...")) and window.addEventListener("scene...")',
  `export function announce(scene: { id: string }) {
  window.dispatchEvent(new CustomEvent('scene-updated', { detail: scene }));
}
export function useSceneEvents(onChange: () => void) {
  window.addEventListener('scene-updated', onChange);
  return () => window.removeEventListener('scene-updated', onChange);
}
`,
  (code) => [
    emit(code, "window.dispatchEvent(new CustomEvent('scene-updated', { detail: scene }))", 'scene-updated', 'window.dispatchEvent', UPDATED),
    listen(code, "window.addEventListener('scene-updated', onChange)", 'scene-updated', 'window.addEventListener'),
    listen(code, "window.removeEventListener('scene-updated', onChange)", 'scene-updated', 'window.removeEventListener'),
  ],
);
addInvalid(
  'document and bare dispatchEvent/addEventListener, an event held in a constant, new Event(...)',
  `export function announce() {
  const event = new CustomEvent('sceneDeleted');
  document.dispatchEvent(event);
  dispatchEvent(new Event('sceneDeleted'));
  addEventListener('sceneDeleted', () => undefined);
}
`,
  (code) => [
    emit(code, 'document.dispatchEvent(event)', 'sceneDeleted', 'document.dispatchEvent', 'sceneSyncHelpers.syncSceneDeleted'),
    emit(code, "dispatchEvent(new Event('sceneDeleted'))", 'sceneDeleted', 'dispatchEvent', 'sceneSyncHelpers.syncSceneDeleted'),
    listen(code, "addEventListener('sceneDeleted', () => undefined)", 'sceneDeleted', 'addEventListener'),
  ],
);
addInvalid(
  'an EventTarget used as a bus',
  `const target = new EventTarget();
target.dispatchEvent(new CustomEvent('scene:updated'));
target.addEventListener('scene:updated', () => undefined);
`,
  (code) => [
    emit(code, "target.dispatchEvent(new CustomEvent('scene:updated'))", 'scene:updated', 'target.dispatchEvent', UPDATED),
    listen(code, "target.addEventListener('scene:updated', () => undefined)", 'scene:updated', 'target.addEventListener'),
  ],
);
addInvalid(
  'a custom event-name pattern (eventBus.eventNames), case-sensitive',
  `import mitt from 'mitt';
const emitter = mitt();
emitter.emit('timeline:changed', 1);
emitter.emit('Timeline:changed', 1);
emitter.emit('scene:changed', 1);
`,
  (code) => [emit(code, "emitter.emit('timeline:changed', 1)", 'timeline:changed', 'emitter.emit', 'sceneSyncHelpers.syncAllScenes')],
  { settings: { sceneSync: { eventBus: { eventNames: '^timeline:', caseSensitive: true } } } },
);

// Valid twins.
addValid(
  'non-scene event names on the same channels',
  `import mitt from 'mitt';
import { eventBus } from '~/lib/event-bus';
const emitter = mitt();
emitter.emit('chat:message', 1);
eventBus.on('project.renamed', () => undefined);
window.dispatchEvent(new CustomEvent('resize'));
window.addEventListener('keydown', () => undefined);
`,
);
addValid(
  'an unrelated .emit on something that is not an emitter',
  `import { socket } from '~/lib/socket';
import { logger } from '~/lib/logger';
export function send(io: { emit: (name: string) => void }, stream: any) {
  socket.emit('scene.updated');
  logger.emit('scene.updated');
  io.emit('scene.updated');
  stream.on('scene', () => undefined);
  const local = { emit: (name: string) => name };
  local.emit('scene.updated');
}
`,
);
addValid(
  'a local variable named like the configured bus is not the bus',
  `export function handler(eventBus: { emit: (name: string) => void }) {
  eventBus.emit('scene.updated');
}
export function other() {
  const eventBus = { emit: (name: string) => name };
  eventBus.emit('scene.updated');
}
`,
);
addValid(
  'a local window, CustomEvent or mitt shadows the global or the import',
  `export function run(window: { dispatchEvent: (e: unknown) => void; addEventListener: (n: string) => void }) {
  window.dispatchEvent(new CustomEvent('scene-updated'));
  window.addEventListener('scene-updated');
}
export function run2(CustomEvent: new (name: string) => unknown) {
  document.dispatchEvent(new CustomEvent('scene-updated') as Event);
}
export function run3(mitt: () => { emit: (n: string) => void }) {
  mitt().emit('scene.updated');
}
`,
);
addValid(
  'element events: addEventListener on an element is not the page',
  `export function wire(canvas: HTMLCanvasElement) {
  canvas.addEventListener('scene-ready', () => undefined);
}
`,
);
addValid(
  'an event name the code cannot know statically',
  `import mitt from 'mitt';
const emitter = mitt();
export function forward(name: string) {
  emitter.emit(name, 1);
}
`,
);
addValid(
  'no configured buses: eventBus.objects: []',
  `import { eventBus } from '~/lib/event-bus';
eventBus.emit('scene.updated', 1);
`,
  { settings: { sceneSync: { eventBus: { objects: [] } } } },
);
addValid(
  'a file in allow (the bus implementation) is not analysed',
  `import mitt from 'mitt';
export const eventBus = mitt();
eventBus.emit('scene.updated', 1);
`,
  { filename: 'src/lib/event-bus.ts', settings: { sceneSync: { allow: ['src/lib/event-bus.ts'] } } },
);

// Robustness: code that uses none of the conventions, with syntax a rule could trip over. The comment names
// every keyword the rule's quick check looks for, so the file is analysed, not skipped.
const FORCE_ANALYSIS = '// scene mitt events EventEmitter EventTarget dispatchEvent addEventListener eventBus\n';
for (const [name, code] of Object.entries(SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/components/Snippet.tsx' });
}
for (const [name, code] of Object.entries(TS_ONLY_SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/lib/snippet.ts' });
}

ruleTester.run('no-scene-event-bus', rule, { valid, invalid });
