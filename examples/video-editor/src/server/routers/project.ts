import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Project metadata, and the project with its scenes (getFullProject). */
export const projectRouter = createTRPCRouter({
  getProject: publicProcedure
    .input(z.object({ projectId: z.string() }))
    .query(({ ctx, input }) => ctx.db.getProject(input.projectId)),

  /** The project with its scenes, keyed by `id`: a second scene query with another input key. */
  getFullProject: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(async ({ ctx, input }) => ({ project: await ctx.db.getProject(input.id), scenes: await ctx.db.listScenes(input.id) })),

  renameProject: publicProcedure
    .input(z.object({ projectId: z.string(), title: z.string().min(1) }))
    .mutation(({ ctx, input }) => ctx.db.renameProject(input.projectId, input.title)),
});
