import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The scenes table as the production app declares it with Drizzle ORM (Postgres). The example
 * runs on the in-memory `db.ts`; this schema and `scenes-repository.ts` show the server-side
 * writes that `require-revision-guard` checks, and only need to type-check.
 */
export const scenes = pgTable('bazaar-vid_scene', {
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  name: text('name').notNull(),
  tsxCode: text('tsx_code').notNull(),
  duration: integer('duration').notNull().default(150),
  order: integer('order').notNull().default(0),
  /** Bumped on every update; an update only applies to the revision the client last saw. */
  revision: integer('revision').notNull().default(1),
  updatedAt: timestamp('updated_at').notNull().defaultNow(),
});

export type SceneRecord = typeof scenes.$inferSelect;
