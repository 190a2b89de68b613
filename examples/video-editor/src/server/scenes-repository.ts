import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pg-proxy';
import { scenes, type SceneRecord } from './schema';

/**
 * A Drizzle database without a driver: the proxy hands each query to this callback. The example
 * has no Postgres behind it, so nothing here is called; the queries only have to type-check.
 */
export const db = drizzle(async () => {
  throw new Error('The video-editor example has no database; its routers use the in-memory db.ts.');
});

/** Renames a scene, whatever happened to it meanwhile: a stale tab silently wins. */
export async function renameScene(id: string, name: string): Promise<void> {
  await db
    .update(scenes)
    .set({ name, updatedAt: new Date() })
    .where(eq(scenes.id, id));
}

/** Saves new code only over the revision the client loaded, and bumps it (optimistic locking). */
export async function saveSceneCode(id: string, tsxCode: string, expectedRevision: number): Promise<SceneRecord> {
  const [updated] = await db
    .update(scenes)
    .set({ tsxCode, revision: sql`${scenes.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(scenes.id, id), eq(scenes.revision, expectedRevision)))
    .returning();
  if (!updated) throw new TRPCError({ code: 'CONFLICT', message: 'The scene changed since you loaded it.' });
  return updated;
}
