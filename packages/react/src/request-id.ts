// Client-made ids for optimistic messages; sent as the command's requestId, so a retry is safe.
// crypto.randomUUID exists only in secure contexts (not on http://192.168.x.x): getRandomValues everywhere.
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
