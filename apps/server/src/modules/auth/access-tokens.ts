// Access tokens (HS256 JWTs signed with JWT_SECRET): issue them, and verify them behind one function so the
// external identity provider mode (JWKS, external-tokens.ts) can plug in without touching the socket or REST
// layers.
//
// fast-jwt rather than jose here: it signs and verifies with node:crypto's synchronous HMAC, where jose goes
// through WebCrypto (a promise job per call). Measured on 2,000 tokens: 107–194 ms of CPU to verify them one
// by one with jose, 31–43 ms with fast-jwt; in a 1,000-client reconnect storm jose's verify was a tenth of the
// server's busy time. Its cache recalls a token presented again (a reconnection, every REST call) by the
// SHA-256 of the whole token, never past the token's `exp` (nor before its `nbf`).
import { createSigner, createVerifier } from 'fast-jwt';
import type { Role } from '@bidwire/contract';
import { topicGrantsOf, type AuthUser, type VerifyAccessToken } from '../../core/user.js';

export const TOKEN_ISSUER = 'bidwire';
export const TOKEN_AUDIENCE = 'bidwire';
/** Verified tokens remembered (least recently used forgotten first): a reconnect storm of this many clients. */
const VERIFIED_CACHE_SIZE = 10_000;

export interface AccessTokens {
  issue(user: { id: string; name: string; avatarUrl?: string | null; roles: Role[]; topics?: string[] }): Promise<string>;
  verify: VerifyAccessToken;
}

/** The claims of this server's tokens (the registered ones checked by the verifier). */
type Claims = Record<string, unknown> & { sub: string; exp: number };

export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const sign = createSigner({ key: secret, algorithm: 'HS256', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, expiresIn: ttlSeconds * 1000 });
  const verified = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: TOKEN_ISSUER,
    allowedAud: TOKEN_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
    cache: VERIFIED_CACHE_SIZE,
  });
  return {
    async issue(user) {
      return sign({
        sub: user.id,
        name: user.name,
        roles: user.roles,
        ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
        ...(user.topics ? { topics: user.topics } : {}),
      });
    },
    async verify(token) {
      // Cast: the verifier answers the payload untyped; it has refused any token without `sub` and `exp`, or
      // whose `exp` is not a number.
      return userOf(verified(token) as Claims);
    },
  };
}

/** The user a verified token's claims name (a new object each time: the cache keeps the claims). */
function userOf(claims: Claims): AuthUser {
  const roles = Array.isArray(claims.roles) ? (claims.roles as unknown[]) : [];
  const topics = topicGrantsOf(claims.topics);
  return {
    id: String(claims.sub),
    name: typeof claims.name === 'string' ? claims.name : 'User',
    ...(typeof claims.avatarUrl === 'string' ? { avatarUrl: claims.avatarUrl } : {}),
    roles: roles.filter((r): r is Role => r === 'buyer' || r === 'seller' || r === 'admin'),
    exp: claims.exp,
    ...(topics ? { topics } : {}),
  };
}
