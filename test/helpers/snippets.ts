/** Valid TypeScript/TSX that uses none of the scene-sync conventions, with syntax a rule could trip over. */
export const SNIPPETS: Record<string, string> = {
  'class with decorators, getters, private fields and static blocks': `
function logged(_target: unknown, _context: ClassMethodDecoratorContext) {}
export class Counter<T> {
  #count = 0;
  static instances = 0;
  static { Counter.instances = 0; }
  constructor(private readonly label: string, public items: T[] = []) {}
  get count(): number { return this.#count; }
  set count(value: number) { this.#count = value; }
  @logged
  increment(): this { this.#count++; this.items.length = 0; return this; }
  mutate(): void { this.count += 1; }
}`,
  'generics, arrow with trailing comma generic, satisfies and overloads': `
export const identity = <T,>(x: T): T => x;
export function pick<T, K extends keyof T>(obj: T, ...keys: K[]): Pick<T, K> {
  return keys.reduce((acc, key) => ({ ...acc, [key]: obj[key] }), {} as Pick<T, K>);
}
export function parse(x: string): number;
export function parse(x: number): string;
export function parse(x: string | number): string | number { return typeof x === 'string' ? Number(x) : String(x); }
const config = { mode: 'a' } satisfies Record<string, string>;
export const widened = identity<typeof config>(config)!;`,
  'enums, const enums, namespaces and declare module': `
export enum Color { Red = 'red', Green = 'green' }
export const enum Flag { A = 1 << 0, B = 1 << 1 }
export namespace Geometry {
  export const origin = { x: 0, y: 0 };
  export namespace Inner { export function len(p: typeof origin) { return Math.hypot(p.x, p.y); } }
}
declare module 'virtual:thing' { export const value: number; }
declare global { interface Window { __state?: unknown } }
export type Mapped<T> = { readonly [K in keyof T]?: T[K] extends Function ? never : T[K] };`,
  'JSX with fragments, spread props, conditional rendering and handlers': `
import React, { useState, useContext, createContext } from 'react';
const Theme = createContext<{ dark: boolean }>({ dark: false });
export function List({ items, onPick, ...rest }: { items: string[]; onPick?: (x: string) => void; [k: string]: unknown }) {
  const [selected, setSelected] = useState<string | null>(null);
  const theme = useContext(Theme);
  const ctx = React.useContext(Theme);
  return (
    <>
      <ul {...rest} className={theme.dark || ctx.dark ? 'dark' : undefined}>
        {items.map((item) => (
          <li key={item} onClick={() => { setSelected(item); onPick?.(item); }}>{item === selected ? <b>{item}</b> : item}</li>
        ))}
      </ul>
      {selected && <p>{selected}</p>}
    </>
  );
}`,
  'optional chaining, computed members, non-null and delete on plain objects': `
const registry: Record<string, { handler?: () => void; meta?: { tags: string[] } }> = {};
export function run(key: string, deep: any) {
  registry[key]?.handler?.();
  const tags = registry[key]?.meta?.tags ?? [];
  deep?.[key]?.['nested']?.(tags.length);
  const found = registry[\`\${key}-x\`]!;
  delete registry[key];
  delete deep.a.b;
  deep.projects[key].revision = 1;
  deep.getState().projects[key] = null;
  (deep as any).state.count++;
  return found;
}`,
  'labeled loops, switch, try/catch/finally and generators': `
export function* walkGrid(grid: number[][]) {
  outer: for (let y = 0; y < grid.length; y++) {
    inner: for (const x of grid[y]!) {
      if (x < 0) continue outer;
      if (x > 9) break outer;
      switch (x) { case 1: yield x; break; case 2: continue inner; default: yield -x; }
    }
  }
}
export async function* pages(fetchPage: (n: number) => Promise<string[]>) {
  let n = 0;
  try { for (;;) { const page = await fetchPage(n++); if (page.length === 0) return; yield* page; } }
  catch (error) { console.error(error); }
  finally { n = -1; }
}
export async function consume() { for await (const p of pages(async () => [])) console.log(p); }`,
  'using declarations, destructuring defaults and top-level await': `
class Resource { [Symbol.dispose]() {} }
class AsyncResource { async [Symbol.asyncDispose]() {} }
export function scoped() { using res = new Resource(); return res; }
export async function scopedAsync() { await using res = new AsyncResource(); return res; }
const { a = 1, b: { c = 2 } = {}, ...others } = (globalThis as any).input ?? {};
const [first = 'x', , third = first] = ['a'];
export const loaded = await Promise.resolve({ a, c, others, first, third });`,
  'mutate, setState and invalidate on things that are not the conventions': `
import { useQueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
export const useCounter = create<{ n: number; replace: (n: number) => void }>((set) => ({ n: 0, replace: (n) => set({ n }) }));
export function Panel({ api, utils }: { api: any; utils: any }) {
  const queryClient = useQueryClient();
  const m = api.todo.addItem.useMutation({ onSuccess: () => queryClient.invalidateQueries({ queryKey: ['todos'] }) });
  useCounter.setState({ n: 1 });
  useCounter.getState().replace(2);
  'scene'.replace('s', 'S');
  void utils.todo.list.invalidate();
  return () => m.mutate({ title: 'x' });
}`,
  'abstract classes, index signatures, accessors, this types and assertion functions': `
export abstract class Shape { abstract area(): number; accessor name = 'shape'; [key: string]: unknown; }
export function assertDefined<T>(value: T): asserts value is NonNullable<T> { if (value == null) throw new Error('undefined'); }
export function isString(value: unknown): value is string { return typeof value === 'string'; }
export const tuple = [1, 'a'] as const;
let counter = 0;
export const inc = () => void counter++;
export default class extends Shape { area() { return 0; } }`,
  'empty file': ``,
  'only comments': `// nothing here\n/* block */`,
  'script with hashbang-less IIFE, sequence expressions and tagged templates': `
(function () { 'use strict'; })();
(async () => { await null; })();
const tag = (strings: TemplateStringsArray, ...values: unknown[]) => strings.raw.join(String(values.length));
export const text = tag\`a\${1}b\${2}\`;
export let x = (0, Math.max)(1, 2), y = x ||= 3, z = (y ??= 4) && (x &&= 5);
export const re = /ab+c/giu;
export const big = 10n ** 3n;`,
};

/** Valid only outside TSX: angle-bracket casts and `<T>` arrow generics. */
export const TS_ONLY_SNIPPETS: Record<string, string> = {
  'angle-bracket assertions and <T> arrow generics': `
export const n = <number>(<unknown>1);
export const id = <T>(x: T) => x;
export const pair = <A, B>(a: A, b: B): [A, B] => [a, b];
const mutate = <T extends object>(target: T, patch: Partial<T>) => Object.assign(target, patch);
export const patched = mutate({ a: 1 }, { a: 2 });`,
  'convention names only in types and reads': `
import { useVideoState } from '~/stores/videoState';
import type { api } from '~/trpc/react';
type State = ReturnType<typeof useVideoState.getState>;
type UpdateScene = State['updateScene'];
type Utils = ReturnType<typeof api.useUtils>;
export function readScenes(projectId: string, utils: Utils, update: UpdateScene) {
  const count = (useVideoState.getState() as any).projects[projectId]?.scenes.length ?? 0;
  const cached = utils.generation.getProjectScenes.getData({ projectId });
  return { count, cached, update, label: \`\${projectId}\`.replace('-', ' ') };
}`,
};
