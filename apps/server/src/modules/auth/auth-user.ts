// Who the caller is: taken from a verified access token only, never from a payload.
import type { PublicUser, Role } from '@bidwire/contract';

export interface AuthUser {
  id: string;
  name: string;
  avatarUrl?: string;
  roles: Role[];
  /** Token expiry, seconds since epoch. */
  exp: number;
}

export const toPublicUser = (u: { id: string; name: string; avatarUrl?: string | null }): PublicUser =>
  u.avatarUrl ? { id: u.id, name: u.name, avatarUrl: u.avatarUrl } : { id: u.id, name: u.name };

export const parseRoles = (csv: string): Role[] =>
  csv.split(',').filter((r): r is Role => r === 'buyer' || r === 'seller' || r === 'admin');
