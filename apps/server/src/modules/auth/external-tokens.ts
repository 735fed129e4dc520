// External identity provider mode (SPEC §2, AUTH_JWKS_URL): tokens issued elsewhere are verified
// against the provider's JWKS (RS256/ES256) and their user is upserted from the claims, behind the
// same VerifyAccessToken function, so the socket and REST layers do not know the difference.
import type { JWTPayload } from 'jose';
import type { Role } from '@bidwire/contract';
import type { VerifyAccessToken } from '../../core/user.js';
import type { AuthRepository } from './auth.repository.js';
import { parseRoles, topicGrantsOf } from '../../core/user.js';

const ALGORITHMS = ['RS256', 'ES256'];
const DEFAULT_ROLES: Role[] = ['buyer', 'seller'];
const MAX_SUB_LENGTH = 191;
const CACHE_LIMIT = 10_000;

// jose (46 modules) is loaded only in this mode: a server that verifies its own tokens only (fast-jwt) never
// holds it in memory (issue 18, idle RSS).
const loadJose = () => import('jose');

export interface ExternalAuthConfig {
  jwksUrl: string;
  issuer: string | undefined;
  audience: string | undefined;
}

/** The user fields a provider's claims give: `name` (or `preferred_username`), `picture`/`avatarUrl`, `roles`. */
export function profileFromClaims(payload: JWTPayload): { name: string; avatarUrl: string | null; roles: Role[] } {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const name = str(payload.name) ?? str(payload.preferred_username) ?? str(payload.nickname) ?? 'User';
  const avatarUrl = str(payload.picture) ?? str(payload.avatarUrl) ?? null;
  const claimed = Array.isArray(payload.roles) ? parseRoles(payload.roles.filter((r) => typeof r === 'string').join(',')) : [];
  return { name: name.slice(0, 80), avatarUrl: avatarUrl && avatarUrl.length <= 2000 ? avatarUrl : null, roles: claimed.length ? claimed : DEFAULT_ROLES };
}

export function createExternalVerifier(config: ExternalAuthConfig, repo: Pick<AuthRepository, 'upsertUserByExternalSub'>): VerifyAccessToken {
  const jwksUrl = new URL(config.jwksUrl);
  const jose = loadJose();
  const jwks = jose.then(({ createRemoteJWKSet }) => createRemoteJWKSet(jwksUrl));
  // Claims rarely change: skip the database write while a sub's profile stays the same.
  const known = new Map<string, { profileKey: string; id: string }>();

  return async (token) => {
    const { payload } = await (await jose).jwtVerify(token, await jwks, {
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
      ...(config.issuer ? { issuer: config.issuer } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
    });
    const sub = String(payload.sub);
    if (sub.length > MAX_SUB_LENGTH) throw new Error('The token subject is too long.');
    const profile = profileFromClaims(payload);
    const profileKey = JSON.stringify(profile);
    let id = known.get(sub)?.profileKey === profileKey ? known.get(sub)?.id : undefined;
    if (!id) {
      const user = await repo.upsertUserByExternalSub(sub, { ...profile, roles: profile.roles.join(',') });
      id = user.id;
      if (known.size >= CACHE_LIMIT) known.clear();
      known.set(sub, { profileKey, id });
    }
    const topics = topicGrantsOf(payload.topics);
    return {
      id,
      name: profile.name,
      ...(profile.avatarUrl ? { avatarUrl: profile.avatarUrl } : {}),
      roles: profile.roles,
      exp: payload.exp as number,
      ...(topics ? { topics } : {}),
    };
  };
}

/** Tokens this server signs (HS256, OTP sign-in) and the provider's, behind one function. */
export function combineVerifiers(local: VerifyAccessToken, external: VerifyAccessToken): VerifyAccessToken {
  const jose = loadJose();
  return async (token) => {
    const { alg } = (await jose).decodeProtectedHeader(token);
    return alg === 'HS256' ? local(token) : external(token);
  };
}

/** The server's VerifyAccessToken: its own tokens, plus the provider's in external identity provider mode. */
export function accessTokenVerifier(
  local: VerifyAccessToken,
  external: ExternalAuthConfig | undefined,
  repo: Pick<AuthRepository, 'upsertUserByExternalSub'>,
): VerifyAccessToken {
  return external ? combineVerifiers(local, createExternalVerifier(external, repo)) : local;
}
