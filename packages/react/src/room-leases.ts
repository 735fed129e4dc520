// Counts the hooks holding a room per client, so two components showing the same auction or conversation
// do not take each other out of it: the room is left when the last one lets go. The leave waits one
// macrotask (React's StrictMode unmount-then-mount, or a quick remount, keeps the room) and then for the
// joins still in flight, so it is never sent before a join it would have to undo.
import type { BidwireClient } from '@bidwire/sdk';

interface Entry {
  count: number;
  leaveTimer: ReturnType<typeof setTimeout> | null;
  inFlight: Set<Promise<unknown>>;
  joined: boolean;
}

export interface RoomLease {
  /** A join of the room sent for this lease: the leave waits for it, and is sent only if a join succeeded. */
  track(join: Promise<unknown>): void;
  /** Lets go (once); the last holder's release leaves the room. */
  release(): void;
}

const held = new WeakMap<BidwireClient, Map<string, Entry>>();

export function leaseRoom(client: BidwireClient, key: string, leave: () => void): RoomLease {
  let rooms = held.get(client);
  if (!rooms) held.set(client, (rooms = new Map()));
  let entry = rooms.get(key);
  if (!entry) rooms.set(key, (entry = { count: 0, leaveTimer: null, inFlight: new Set(), joined: false }));
  entry.count++;
  if (entry.leaveTimer) {
    clearTimeout(entry.leaveTimer);
    entry.leaveTimer = null;
  }
  const current = entry;
  const table = rooms;
  let released = false;

  const leaveWhenIdle = async () => {
    while (current.inFlight.size > 0) await Promise.allSettled([...current.inFlight]);
    if (current.count > 0 || table.get(key) !== current) return;
    table.delete(key);
    if (current.joined) leave();
  };

  return {
    track(join) {
      current.inFlight.add(join);
      join.then(
        () => (current.joined = true),
        () => undefined,
      ).finally(() => current.inFlight.delete(join));
    },
    release() {
      if (released) return;
      released = true;
      current.count--;
      if (current.count > 0) return;
      current.leaveTimer = setTimeout(() => {
        current.leaveTimer = null;
        if (current.count === 0) void leaveWhenIdle();
      }, 0);
    },
  };
}
