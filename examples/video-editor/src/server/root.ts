import { generationRouter } from './routers/generation';
import { projectRouter } from './routers/project';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  generation: generationRouter,
  project: projectRouter,
});

export type AppRouter = typeof appRouter;
