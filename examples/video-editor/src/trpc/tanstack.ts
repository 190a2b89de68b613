import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '~/server/root';

/** The TanStack-native integration: `useTRPC()` gives option/key factories for plain React Query hooks. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
