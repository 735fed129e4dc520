// Client-made idempotency keys for creating commands, so a retry after a reconnection
// cannot create the same bid or comment twice.
export function newRequestId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // React Native and non-secure browser contexts lack randomUUID; uniqueness per user is all
  // the server needs, not unpredictability.
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${Date.now().toString(36)}-${random()}-${random()}`;
}
