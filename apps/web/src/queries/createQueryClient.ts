import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/ApiError";

/** Retries only what may heal by itself (the worker unreachable); a 4xx will not change. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          failureCount < 2 && (!(error instanceof ApiError) || error.status === 0),
        refetchOnWindowFocus: false,
        staleTime: 2000,
      },
    },
  });
}
