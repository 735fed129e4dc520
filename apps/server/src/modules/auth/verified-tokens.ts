// The claims of access tokens whose signature was already checked, so a client presenting the same token
// again (every reconnection, every REST call with the bearer it connected with) costs no HMAC verify: in a
// reconnect storm that verify was a tenth of the server's busy time (~0.17 ms each, jose's WebCrypto call).
//
// Hand-written (a Map with FIFO eviction) because what it must keep is security logic, not caching: a
// token is recalled only by its whole string (header, claims and signature, so any change is a miss and a
// full verify), and the time claims the full verify checks are checked again on every recall.

/** Tokens kept before the oldest is forgotten (each entry is the token string and its claims, < 1 KB). */
export const VERIFIED_TOKENS_LIMIT = 10_000;

/** The time claims of a verified token (seconds since epoch). */
export interface TimeClaims {
  exp?: number;
  nbf?: number;
}

export interface VerifiedTokens<Claims extends TimeClaims> {
  /** The claims of a token verified before, if it is still within its validity at `nowSeconds`. */
  recall(token: string, nowSeconds: number): Claims | undefined;
  /** Keeps the claims of a token whose signature and claims were just verified; returns them. */
  keep(token: string, claims: Claims): Claims;
  readonly size: number;
}

/**
 * Valid the way jose judges it with no clock tolerance: expired when `exp <= now`, not yet valid when
 * `nbf > now`. A token without `exp` is never recalled (this server requires one; nothing to re-check).
 */
const validAt = (claims: TimeClaims, now: number) =>
  typeof claims.exp === 'number' && claims.exp > now && (claims.nbf === undefined || claims.nbf <= now);

export function createVerifiedTokens<Claims extends TimeClaims>(limit = VERIFIED_TOKENS_LIMIT): VerifiedTokens<Claims> {
  const kept = new Map<string, Claims>();
  return {
    recall(token, now) {
      const claims = kept.get(token);
      if (claims === undefined) return undefined;
      if (validAt(claims, now)) return claims;
      kept.delete(token);
      return undefined;
    },
    keep(token, claims) {
      if (!kept.has(token) && kept.size >= limit) kept.delete(kept.keys().next().value!);
      kept.set(token, Object.freeze(claims));
      return claims;
    },
    get size() {
      return kept.size;
    },
  };
}
