import { initTRPC } from '@trpc/server';
import { db, type Db } from './db';

export interface Context {
  db: Db;
}

export function createContext(): Context {
  return { db };
}

const t = initTRPC.context<Context>().create();

export const createTRPCRouter = t.router;
export const publicProcedure = t.procedure;
