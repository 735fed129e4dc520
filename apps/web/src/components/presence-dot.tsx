// A green or grey dot for a person's presence, with its meaning for screen readers.
import type { Presence } from '@bidwire/sdk';

export function PresenceDot({ presence, name }: { presence: Presence | undefined; name: string }) {
  const online = presence?.status === 'online';
  const label = online ? `${name} is online` : presence?.lastSeenAt ? `${name} was last seen ${new Date(presence.lastSeenAt).toLocaleTimeString()}` : `${name} is offline`;
  return <span className={`presence ${online ? 'online' : 'offline'}`} role="img" aria-label={label} title={label} data-presence={online ? 'online' : 'offline'} />;
}
