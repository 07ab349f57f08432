import { QueryClient } from '@tanstack/react-query';

/** react-admin's query cache, made here so that a page load can fill it before the app mounts. */
export const queryClient = new QueryClient();
