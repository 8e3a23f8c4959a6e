import { useSyncExternalStore } from 'react';

/**
 * Whether the sign-in is still good. It ends when a service answers 401 or the token cannot be renewed
 * (the Keycloak session ran out or was ended elsewhere); the app then shows the "session ended" page.
 */
type SessionState = 'active' | 'ended';

let state: SessionState = 'active';
const listeners = new Set<() => void>();

export const session = {
  end(): void {
    if (state === 'ended') return;
    state = 'ended';
    listeners.forEach((listener) => listener());
  },
  restart(): void {
    state = 'active';
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): SessionState => state,
};

export const useSessionState = (): SessionState => useSyncExternalStore(session.subscribe, session.get);
