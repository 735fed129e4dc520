// The key a creating command's first result is stored under: the user, the command and the requestId.
export interface RequestKey {
  userId: string;
  command: string;
  requestId: string;
}
export const requestKeyId = (k: RequestKey) => `${k.userId}\u0000${k.command}\u0000${k.requestId}`;
