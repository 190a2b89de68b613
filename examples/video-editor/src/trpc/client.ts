import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '~/server/root';

/** The vanilla client; both React integrations are given this one instance. */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc' })],
});
