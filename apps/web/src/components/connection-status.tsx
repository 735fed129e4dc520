// The connection as the user should know it: a banner while the client reconnects (the page catches up
// by itself afterwards, with no reload), a small dot otherwise.
import { useConnectionState } from '@bidwire/react';

const LABELS = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Offline' } as const;

export function ConnectionStatus() {
  const state = useConnectionState();
  return (
    <>
      <span className={`connection connection-${state}`} data-connection={state}>
        <span className="dot" aria-hidden="true" /> {LABELS[state]}
      </span>
      {(state === 'reconnecting' || state === 'disconnected') && (
        <div className="banner banner-warning" role="status">
          {state === 'reconnecting' ? 'Connection lost. Reconnecting… Everything you missed will appear when it is back.' : 'You are offline.'}
        </div>
      )}
    </>
  );
}
