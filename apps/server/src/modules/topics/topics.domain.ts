// Pure rules of topics: whether a token's `topics` grant covers a topic. No I/O.

/** A grant is an exact topic (`request:42`) or every topic of a kind (`request:*`). */
export function grantAllows(grants: readonly string[] | undefined, topic: string): boolean {
  if (!grants) return false;
  const kind = topic.slice(0, topic.indexOf(':'));
  return grants.some((g) => g === topic || (g.endsWith(':*') && g.slice(0, -2) === kind));
}

export const MESSAGES = {
  notAllowed: (topic: string) => `You are not allowed to subscribe to ${topic}.`,
} as const;
