// useConnectionState(): 'connecting' | 'connected' | 'reconnecting' | 'disconnected', re-rendering on change.
import type { ConnectionState } from '@bidwire/sdk';
import { useCallback, useSyncExternalStore } from 'react';
import { useBidwireClient } from './use-bidwire.js';

export function useConnectionState(): ConnectionState {
  const client = useBidwireClient();
  const subscribe = useCallback((onChange: () => void) => client.onState(onChange), [client]);
  const read = () => client.state;
  return useSyncExternalStore(subscribe, read, read);
}
