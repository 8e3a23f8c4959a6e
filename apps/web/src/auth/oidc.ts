import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

export interface ClientConfig {
  authority: string;
  clientId: string;
}

export const CALLBACK_PATH = '/anmeldung';
export const SIGNED_OUT_PATH = '/abgemeldet';

/**
 * Authorization code flow with PKCE against Keycloak's own login page. Tokens live only in memory (never in
 * localStorage): a reload signs in again through Keycloak's session without asking for the password. Tokens
 * are renewed with the refresh token before they expire.
 */
export function createUserManager(config: ClientConfig, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}${SIGNED_OUT_PATH}`,
    response_type: 'code',
    scope: 'openid profile email',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // Only the short-lived PKCE verifier and state cross the redirect, in this tab's sessionStorage.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** Reads the client config the web server publishes for this environment. */
export async function loadClientConfig(): Promise<ClientConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as ClientConfig;
}
