import { createTRPCReact } from '@trpc/react-query';
import type { AppRouter } from '~/server/root';

/** The classic tRPC React Query hooks: `api.generation.x.useQuery()`, `api.useUtils()`. */
export const api = createTRPCReact<AppRouter>();
