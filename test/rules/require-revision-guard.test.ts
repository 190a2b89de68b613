import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/require-revision-guard';
import { createRuleTester, span } from '../helpers/cases';
import { SNIPPETS, TS_ONLY_SNIPPETS } from '../helpers/snippets';

type Valid = ValidTestCase<[]>;
type Invalid = InvalidTestCase<MessageIds, []>;
type Expected = Invalid['errors'][number];

const ruleTester = createRuleTester();
const SERVER_FILE = 'src/server/api/scene-operations.ts';

const IMPORTS = `import { and, eq, sql } from 'drizzle-orm';
import { db } from '~/server/db';
import { scenes, projects } from '~/server/db/schema';
`;

/** A server function around `body`: `id`, `code`, `expected` are its parameters. */
function operation(body: string, imports = IMPORTS): string {
  return `${imports}
export async function updateScene(id: string, code: string, expected: number) {
  ${body}
}
`;
}

function data(table = 'scenes', column = 'revision') {
  return { table, column, bump: `sql\`\${${table}.${column}} + 1\``, guard: `eq(${table}.${column}, expectedRevision)` };
}

function missingBump(code: string, text: string, table?: string, column?: string, occurrence = 1): Expected {
  return { messageId: 'missingBump', data: data(table, column), ...span(code, text, occurrence) };
}

function missingGuard(code: string, text: string, table?: string, column?: string, occurrence = 1): Expected {
  return { messageId: 'missingGuard', data: data(table, column), ...span(code, text, occurrence) };
}

const valid: Valid[] = [];
const invalid: Invalid[] = [];

function addInvalid(name: string, code: string, errors: (code: string) => Expected[], extra: Partial<Invalid> = {}): void {
  invalid.push({ name, code, filename: SERVER_FILE, errors: errors(code), ...extra });
}

function addValid(name: string, code: string, extra: Partial<Valid> = {}): void {
  valid.push({ name, code, filename: SERVER_FILE, ...extra });
}

// The seed's update before the change: no revision at all.
addInvalid(
  'an update of scenes with neither bump nor guard',
  operation(`await db.update(scenes).set({ tsxCode: code, updatedAt: new Date() }).where(eq(scenes.id, id));`),
  (code) => [
    missingBump(code, '{ tsxCode: code, updatedAt: new Date() }'),
    missingGuard(code, 'eq(scenes.id, id)'),
  ],
);
addInvalid(
  'a bump but no guard',
  operation(`await db
    .update(scenes)
    .set({ tsxCode: code, revision: sql\`\${scenes.revision} + 1\` })
    .where(eq(scenes.id, id))
    .returning();`),
  (code) => [missingGuard(code, 'eq(scenes.id, id)')],
);
addInvalid(
  'a guard but no bump',
  operation(`await db.update(scenes).set({ tsxCode: code }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));`),
  (code) => [missingBump(code, '{ tsxCode: code }')],
);
addInvalid(
  'no where at all: the guard is reported on the update call',
  operation(`await db.update(scenes).set({ tsxCode: code, revision: sql\`\${scenes.revision} + 1\` });`),
  (code) => [missingGuard(code, 'db.update(scenes)')],
);
addInvalid(
  'the revision compared in an or(...) is no guard',
  operation(`await db.update(scenes).set({ revision: sql\`\${scenes.revision} + 1\` }).where(or(eq(scenes.id, id), eq(scenes.revision, expected)));`, IMPORTS.replace('{ and, eq, sql }', '{ eq, or, sql }')),
  (code) => [missingGuard(code, 'or(eq(scenes.id, id), eq(scenes.revision, expected))')],
);
addInvalid(
  'the revision set to a value that is not an increment',
  operation(`await db.update(scenes).set({ revision: 1, tsxCode: code }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));`),
  (code) => [missingBump(code, '{ revision: 1, tsxCode: code }')],
);
addInvalid(
  'sql that is not "+ 1": revision + 2, revision - 1',
  operation(`await db.update(scenes).set({ revision: sql\`\${scenes.revision} + 2\` }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));
  await db.update(scenes).set({ revision: sql\`revision - 1\` }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));`),
  (code) => [missingBump(code, '{ revision: sql`${scenes.revision} + 2` }'), missingBump(code, '{ revision: sql`revision - 1` }')],
);
addInvalid(
  'an update of the spread client input: the spread is not looked into',
  operation(`const input = await readInput();
  await db.update(scenes).set({ ...input, updatedAt: new Date() }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));`),
  (code) => [missingBump(code, '{ ...input, updatedAt: new Date() }')],
);
addInvalid(
  'tx.update(...) inside db.transaction(async (tx) => ...)',
  operation(`await db.transaction(async (tx) => {
    await tx.update(scenes).set({ tsxCode: code }).where(eq(scenes.id, id));
    await tx.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, id));
  });`),
  (code) => [missingBump(code, '{ tsxCode: code }'), missingGuard(code, 'eq(scenes.id, id)')],
);
addInvalid(
  'the table imported under another name, and through a namespace import',
  `import { eq } from 'drizzle-orm';
import { db } from '~/server/db';
import { scenes as sceneTable } from '~/server/db/schema';
import * as schema from '~/server/db/schema';
export async function touch(id: string) {
  await db.update(sceneTable).set({ name: 'x' }).where(eq(sceneTable.id, id));
  await db.update(schema.scenes).set({ name: 'y' }).where(eq(schema.scenes.id, id));
}
`,
  (code) => [
    missingBump(code, "{ name: 'x' }", 'sceneTable'),
    missingGuard(code, 'eq(sceneTable.id, id)', 'sceneTable'),
    missingBump(code, "{ name: 'y' }", 'schema.scenes'),
    missingGuard(code, 'eq(schema.scenes.id, id)', 'schema.scenes'),
  ],
);
addInvalid(
  'the schema file itself: the table declared in this file',
  `import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
export const scenes = pgTable('bazaar-vid_scenes', { id: text('id').primaryKey(), revision: integer('revision').default(1) });
export const touch = (db: any, id: string) => db.update(scenes).set({ revision: sql\`\${scenes.revision} + 1\` }).where(eq(scenes.id, id));
`,
  (code) => [missingGuard(code, 'eq(scenes.id, id)')],
);
const CUSTOM_DATABASE = { sceneSync: { database: { sceneTable: 'documents', revisionColumn: 'version' } } };
const CUSTOM_IMPORTS = `import { and, eq, sql } from 'drizzle-orm';
import { db } from '~/server/db';
import { documents, scenes } from '~/server/db/schema';
`;
addInvalid(
  'custom table and column names (database.sceneTable, database.revisionColumn): the configured table is checked',
  operation(`await db.update(documents).set({ title: code, revision: sql\`\${documents.revision} + 1\` }).where(and(eq(documents.id, id), eq(documents.revision, expected)));`, CUSTOM_IMPORTS),
  (code) => [
    missingBump(code, '{ title: code, revision: sql`${documents.revision} + 1` }', 'documents', 'version'),
    missingGuard(code, 'and(eq(documents.id, id), eq(documents.revision, expected))', 'documents', 'version'),
  ],
  { settings: CUSTOM_DATABASE },
);

// Valid: the guarded update, in the forms that mean the same.
addValid(
  'the seed: revision + 1 and and(eq(id), eq(revision, expected))',
  operation(`const [updated] = await db
    .update(scenes)
    .set({ tsxCode: code, revision: sql\`\${scenes.revision} + 1\`, updatedAt: new Date() })
    .where(and(eq(scenes.id, id), eq(scenes.revision, expected)))
    .returning();
  if (!updated) throw new Error('conflict');`),
);
addValid(
  'equivalent bumps: sql`revision + 1`, `${scenes.revision} + ${1}`, quoted and table-qualified, 1 + revision, coalesce',
  operation(`const guard = and(eq(scenes.id, id), eq(scenes.revision, expected));
  await db.update(scenes).set({ revision: sql\`revision + 1\` }).where(guard);
  await db.update(scenes).set({ revision: sql\`\${scenes.revision} + \${1}\` }).where(guard);
  await db.update(scenes).set({ revision: sql\`"bazaar-vid_scenes"."revision" + 1\` }).where(guard);
  await db.update(scenes).set({ revision: sql<number>\`1 + \${scenes.revision}\` }).where(guard);
  await db.update(scenes).set({ revision: sql\`coalesce(\${scenes.revision}, 0) + 1\` }).where(guard);
  await db.update(scenes).set({ revision: sql.raw('revision + 1') }).where(guard);`),
);
addValid(
  'equivalent guards: eq in the other order, nested and(...), a raw sql condition, a guard held in a constant',
  operation(`const bump = { revision: sql\`\${scenes.revision} + 1\` };
  await db.update(scenes).set(bump).where(and(eq(expected, scenes.revision), eq(scenes.id, id)));
  await db.update(scenes).set({ ...bump, tsxCode: code }).where(and(eq(scenes.id, id), and(eq(scenes.projectId, id), eq(scenes.revision, expected))));
  await db.update(scenes).set(bump).where(sql\`\${scenes.id} = \${id} and \${scenes.revision} = \${expected}\`);`),
);
addValid(
  'a bump written as the expected revision + 1, next to the guard on that same value',
  operation(`await db.update(scenes).set({ tsxCode: code, revision: expected + 1 }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));`),
);
addValid(
  'aliased drizzle imports and a drizzle namespace',
  `import { and as both, eq as equals, sql as raw } from 'drizzle-orm';
import * as orm from 'drizzle-orm';
import { db } from '~/server/db';
import { scenes } from '~/server/db/schema';
export async function save(id: string, expected: number) {
  await db.update(scenes).set({ revision: raw\`\${scenes.revision} + 1\` }).where(both(equals(scenes.id, id), equals(scenes.revision, expected)));
  await db.update(scenes).set({ revision: orm.sql\`\${scenes.revision} + 1\` }).where(orm.and(orm.eq(scenes.id, id), orm.eq(scenes.revision, expected)));
}
`,
);
addValid(
  'guarded update inside a transaction',
  operation(`await db.transaction(async (tx) => {
    await tx.update(scenes).set({ revision: sql\`\${scenes.revision} + 1\` }).where(and(eq(scenes.id, id), eq(scenes.revision, expected)));
  });`),
);
addValid(
  'an update of another table',
  operation(`await db.update(projects).set({ title: code }).where(eq(projects.id, id));`),
);
addValid(
  'a local variable named scenes that is not the table, and a same-named Map.update',
  `import { eq } from 'drizzle-orm';
export function run(db: any, id: string, store: { update: (x: unknown) => { set: (v: unknown) => unknown } }) {
  const scenes = { id: 'x' };
  db.update(scenes).set({ name: 'x' }).where(eq(scenes.id, id));
  store.update(scenes).set({});
}
`,
);
addValid(
  'insert and select of scenes are not updates',
  operation(`await db.insert(scenes).values({ id, tsxCode: code });
  await db.select().from(scenes).where(eq(scenes.id, id));`),
);
addValid(
  'custom table and column names: the configured column is bumped and guarded; scenes is no longer checked',
  operation(`await db.update(documents).set({ version: sql\`\${documents.version} + 1\` }).where(and(eq(documents.id, id), eq(documents.version, expected)));
  await db.update(scenes).set({ tsxCode: code }).where(eq(scenes.id, id));`, CUSTOM_IMPORTS),
  { settings: CUSTOM_DATABASE },
);
addValid(
  'a file in allow',
  operation(`await db.update(scenes).set({ tsxCode: code }).where(eq(scenes.id, id));`),
  { settings: { sceneSync: { allow: ['src/server/migrations/**'] } }, filename: 'src/server/migrations/backfill.ts' },
);

// Robustness: code that uses none of the conventions, with syntax a rule could trip over. The comment names
// every keyword the rule's quick check looks for, so the file is analysed, not skipped.
const FORCE_ANALYSIS = '// scenes update revision drizzle-orm\n';
for (const [name, code] of Object.entries(SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/components/Snippet.tsx' });
}
for (const [name, code] of Object.entries(TS_ONLY_SNIPPETS)) {
  valid.push({ name: `[robustness] ${name}`, code: FORCE_ANALYSIS + code, filename: '/project/src/lib/snippet.ts' });
}

ruleTester.run('require-revision-guard', rule, { valid, invalid });
