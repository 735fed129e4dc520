// Who the caller is: taken from a verified access token only, never from a payload.
import type { PublicUser, Role } from '@bidwire/contract';

/** Verifies a bearer token and answers who it names; throws on anything invalid or expired. */
export type VerifyAccessToken = (token: string) => Promise<AuthUser>;

export interface AuthUser {
  id: string;
  name: string;
  avatarUrl?: string;
  roles: Role[];
  /** Token expiry, seconds since epoch. */
  exp: number;
  /** Topic grants from the token's `topics` claim: exact names (`request:42`) or `kind:*` patterns. */
  topics?: string[];
}

/** The `topics` claim of a verified token, keeping only strings of a sane size. */
export const topicGrantsOf = (claim: unknown): string[] | undefined =>
  Array.isArray(claim)
    ? claim.filter((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 100).slice(0, 200)
    : undefined;

export const toPublicUser = (u: { id: string; name: string; avatarUrl?: string | null }): PublicUser =>
  u.avatarUrl ? { id: u.id, name: u.name, avatarUrl: u.avatarUrl } : { id: u.id, name: u.name };

export const parseRoles = (csv: string): Role[] =>
  csv.split(',').filter((r): r is Role => r === 'buyer' || r === 'seller' || r === 'admin');
