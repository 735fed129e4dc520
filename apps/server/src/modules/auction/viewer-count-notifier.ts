// viewerCountChanged goes out only when the count changes, at most once per second per room, with
// the last value winning — so a crowd joining costs O(N) messages, not O(N²). A big room waits longer between
// two (1 ms per viewer: 5 s at 5,000): each one is a message to every viewer, and a crowd of N takes time in
// proportion to N to arrive (a reconnect storm), so a fixed second would send O(N²) messages over its arrival.
export interface ViewerCountNotifier {
  changed(auctionId: string, viewerCount: number): void;
  close(): void;
}

export function createViewerCountNotifier(
  send: (auctionId: string, viewerCount: number) => void,
  intervalMs = 1000,
  now: () => number = Date.now,
  msPerViewer = 1,
): ViewerCountNotifier {
  const rooms = new Map<string, { sent: number | null; sentAt: number; latest: number; timer: NodeJS.Timeout | null }>();

  const flush = (auctionId: string) => {
    const r = rooms.get(auctionId);
    if (!r) return;
    r.timer = null;
    if (r.latest === r.sent) return;
    r.sent = r.latest;
    r.sentAt = now();
    send(auctionId, r.latest);
    if (r.latest === 0) rooms.delete(auctionId);
  };

  return {
    changed(auctionId, viewerCount) {
      const r = rooms.get(auctionId) ?? { sent: null, sentAt: -Infinity, latest: viewerCount, timer: null };
      rooms.set(auctionId, r);
      r.latest = viewerCount;
      if (r.timer) return;
      const wait = r.sentAt + Math.max(intervalMs, (r.sent ?? 0) * msPerViewer) - now();
      if (wait <= 0) flush(auctionId);
      else r.timer = setTimeout(() => flush(auctionId), wait);
    },
    close() {
      for (const r of rooms.values()) if (r.timer) clearTimeout(r.timer);
      rooms.clear();
    },
  };
}
