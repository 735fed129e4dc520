// The tab's session as React state.
import { useSyncExternalStore } from 'react';
import { sessions, type Session } from './session-store.js';

export function useSession(): Session | null {
  return useSyncExternalStore(sessions.subscribe, sessions.get, sessions.get);
}
