import { type ReactNode, useEffect, useState } from 'react';
import { hasAuthParams, useAuth } from 'react-oidc-context';
import { LoginUnavailable, SessionEnded, StatusPage } from '../pages/status-pages';
import { session, useSessionState } from './session';

/**
 * Shows its children only to a signed-in person. Without a session it sends the browser to Keycloak's login
 * page (and back to the page asked for); when Keycloak cannot be reached, or the session ends, it says so in German.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const sessionState = useSessionState();
  const [redirectFailed, setRedirectFailed] = useState<Error | undefined>();

  useEffect(() => {
    // Token renewal failed: the Keycloak session ran out or was ended in another tab.
    return auth.events.addSilentRenewError(() => session.end());
  }, [auth.events]);

  const mustSignIn = !auth.isLoading && !auth.isAuthenticated && !auth.activeNavigator && !auth.error && !hasAuthParams() && sessionState === 'active';
  useEffect(() => {
    if (!mustSignIn || redirectFailed) return;
    const returnTo = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    auth.signinRedirect({ state: { returnTo } }).catch((error: Error) => setRedirectFailed(error));
  }, [mustSignIn, redirectFailed, auth]);

  if (redirectFailed || auth.error) {
    return <LoginUnavailable detail={(redirectFailed ?? auth.error)?.message} onRetry={() => window.location.reload()} />;
  }
  if (sessionState === 'ended') {
    return (
      <SessionEnded
        onSignIn={() => {
          session.restart();
          void auth.removeUser().then(() => auth.signinRedirect({ state: { returnTo: window.location.pathname + window.location.search } }));
        }}
      />
    );
  }
  if (!auth.isAuthenticated) return <StatusPage title="Anmeldung" busy>Sie werden zur Anmeldung weitergeleitet …</StatusPage>;
  return <>{children}</>;
}
