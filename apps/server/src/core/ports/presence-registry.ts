// Who is online: a user is online while any socket of theirs is connected, and goes offline only when
// the last one has been gone for a grace period (a reload does not flicker). A port with an in-process
// implementation; the multi-node mode adds one shared through Redis.
export interface PresenceRegistry {
  /** A socket connected; true when this brings the user online (they were offline, not in grace). */
  socketConnected(userId: string, socketId: string): Promise<boolean>;
  /** A socket went away; the last one starts the grace period. */
  socketDisconnected(userId: string, socketId: string, at: Date): Promise<void>;
  /** Of `userIds`, those online now (in grace counts as online). */
  online(userIds: readonly string[]): Promise<Set<string>>;
  /** Called when a user's grace period ends with no socket back: they are offline since `lastSeenAt`. */
  onOffline(listener: (userId: string, lastSeenAt: Date) => void): void;
  close(): void;
}

export const DEFAULT_PRESENCE_GRACE_MS = 5_000;

export function createLocalPresenceRegistry(graceMs: number): PresenceRegistry {
  const sockets = new Map<string, Set<string>>();
  const grace = new Map<string, NodeJS.Timeout>();
  const listeners: ((userId: string, lastSeenAt: Date) => void)[] = [];

  return {
    async socketConnected(userId, socketId) {
      const pending = grace.get(userId);
      if (pending) {
        clearTimeout(pending);
        grace.delete(userId);
      }
      const set = sockets.get(userId) ?? new Set<string>();
      const wasOnline = set.size > 0 || !!pending;
      set.add(socketId);
      sockets.set(userId, set);
      return !wasOnline;
    },
    async socketDisconnected(userId, socketId, at) {
      const set = sockets.get(userId);
      if (!set?.delete(socketId) || set.size > 0) return;
      sockets.delete(userId);
      const timer = setTimeout(() => {
        grace.delete(userId);
        for (const l of listeners) l(userId, at);
      }, graceMs);
      timer.unref();
      grace.set(userId, timer);
    },
    async online(userIds) {
      return new Set(userIds.filter((id) => (sockets.get(id)?.size ?? 0) > 0 || grace.has(id)));
    },
    onOffline(listener) {
      listeners.push(listener);
    },
    close() {
      for (const t of grace.values()) clearTimeout(t);
      grace.clear();
      sockets.clear();
    },
  };
}
