import { QueryClient } from "@tanstack/react-query";

/** The one QueryClient factory: posture data is fresh for 30 s, then refetched in the background. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
}
