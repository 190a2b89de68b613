import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

const sceneId = z.object({ id: z.string() });

export const generationRouter = createTRPCRouter({
  getProjectScenes: publicProcedure
    // `cursor` lets the gallery page through the scenes with an infinite query (one page here).
    .input(z.object({ projectId: z.string(), cursor: z.number().int().nullish() }))
    .query(({ ctx, input }) => ctx.db.listScenes(input.projectId)),

  createScene: publicProcedure
    .input(
      z.object({
        projectId: z.string(),
        name: z.string().min(1),
        tsxCode: z.string(),
        duration: z.number().int().positive().default(150),
      }),
    )
    .mutation(({ ctx, input }) => ctx.db.insertScene(input)),

  updateScene: publicProcedure
    .input(
      sceneId.extend({
        name: z.string().min(1).optional(),
        tsxCode: z.string().optional(),
        duration: z.number().int().positive().optional(),
        expectedRevision: z.number().int().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { id, expectedRevision, ...patch } = input;
      return ctx.db.updateScene(id, patch, expectedRevision);
    }),

  deleteScene: publicProcedure.input(sceneId).mutation(({ ctx, input }) => ctx.db.deleteScene(input.id)),

  restoreScene: publicProcedure
    .input(sceneId.extend({ revision: z.number().int().optional() }))
    .mutation(({ ctx, input }) => ctx.db.restoreScene(input.id, input.revision)),

  reorderScenes: publicProcedure
    .input(z.object({ projectId: z.string(), ids: z.array(z.string()) }))
    .mutation(({ ctx, input }) => ctx.db.reorderScenes(input.projectId, input.ids)),
});
