// The server's answer to a command that reached it after the connection's access token expired: not run,
// safe to send again on a fresh session (the contract's SESSION_EXPIRED_DETAILS; written out here because
// the client carries no value of the contract package at run time, see contract-meta.ts).
export function isSessionExpiredRefusal(error: { code?: unknown; details?: unknown } | null | undefined): boolean {
  return error?.code === 'UNAVAILABLE' && (error.details as { reason?: unknown } | null | undefined)?.reason === 'sessionExpired';
}
