import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Project metadata: nothing here touches scenes. */
export const projectRouter = createTRPCRouter({
  getProject: publicProcedure
    .input(z.object({ projectId: z.string() }))
    .query(({ ctx, input }) => ctx.db.getProject(input.projectId)),

  renameProject: publicProcedure
    .input(z.object({ projectId: z.string(), title: z.string().min(1) }))
    .mutation(({ ctx, input }) => ctx.db.renameProject(input.projectId, input.title)),
});
