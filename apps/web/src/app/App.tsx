import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import type { User, UserManager } from 'oidc-client-ts';
import { useMemo } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { createApi } from '../api/client';
import { ApiProvider } from '../api/context';
import { ApiError } from '../api/problem';
import { session } from '../auth/session';
import { createAppRouter } from './router';

const retry = (failures: number, error: unknown) => failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 502);

export function App({ userManager }: { userManager: UserManager }) {
  const api = useMemo(
    () => createApi({ token: async () => (await userManager.getUser())?.access_token, onUnauthorized: () => session.end() }),
    [userManager],
  );
  const queryClient = useMemo(
    () => new QueryClient({ defaultOptions: { queries: { retry, staleTime: 10_000 }, mutations: { retry: false } } }),
    [],
  );
  const router = useMemo(() => createAppRouter({ queryClient }), [queryClient]);
  // Back from Keycloak: drop code and state from the address bar and go where the person wanted to go.
  const onSigninCallback = (user: User | undefined) => {
    const returnTo = (user?.state as { returnTo?: string } | undefined)?.returnTo;
    router.history.replace(returnTo && returnTo.startsWith('/') && !returnTo.startsWith('/anmeldung') ? returnTo : '/aufgaben');
  };

  return (
    <AuthProvider userManager={userManager} onSigninCallback={onSigninCallback}>
      <ApiProvider api={api}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ApiProvider>
    </AuthProvider>
  );
}
