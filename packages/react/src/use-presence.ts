// usePresence(userIds): online/offline (and last seen) of these users — asked with getPresence when the
// list changes and after every reconnection (presence events are ephemeral, never replayed), then kept
// current by presenceChanged. The server answers only for yourself and people you share a conversation with.
import type { Presence } from '@bidwire/sdk';
import { useEffect, useState } from 'react';
import { onConnected } from './on-connected.js';
import { useBidwireClient } from './use-bidwire.js';

/** getPresence takes at most this many ids. */
const MAX_IDS = 100;

export function usePresence(userIds: readonly string[]): Readonly<Record<string, Presence>> {
  const client = useBidwireClient();
  // The ids as a stable key: a new array with the same ids each render must not ask again.
  const key = [...new Set(userIds)].sort().join('\n');
  const [presence, setPresence] = useState<Record<string, Presence>>({});

  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n').slice(0, MAX_IDS);
    setPresence((current) => pick(current, ids));
    if (ids.length === 0) return;
    let active = true;
    const wanted = new Set(ids);
    const ask = () =>
      void client.getPresence({ userIds: ids }).then(
        ({ presence: list }) => active && setPresence((current) => ({ ...current, ...Object.fromEntries(list.map((p) => [p.userId, p])) })),
        () => undefined, // offline: asked again on reconnection
      );
    const offs = [
      client.on('presenceChanged', (p) => {
        if (active && wanted.has(p.userId)) setPresence((current) => ({ ...current, [p.userId]: p }));
      }),
      onConnected(client, ask),
    ];
    ask();
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, [client, key]);

  return presence;
}

function pick(current: Record<string, Presence>, ids: string[]): Record<string, Presence> {
  const kept = ids.filter((id) => current[id]);
  if (kept.length === Object.keys(current).length) return current;
  return Object.fromEntries(kept.map((id) => [id, current[id]!]));
}
