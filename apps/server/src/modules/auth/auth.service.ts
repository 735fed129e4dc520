// Sign-in by one-time code, refresh-token rotation with reuse detection (and a short reuse window for
// concurrent refreshes), and logout (SPEC §2).
import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TokenPair } from '@bidwire/contract';
import { DomainError } from '../../core/errors.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthRepository } from './auth.repository.js';
import { parseRoles } from '../../core/user.js';
import type { OtpSender } from './otp-sender.js';
import { openSuccessor, sealSuccessor } from './sealed-successor.js';

const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_TRIES = 5;
const OTP_REQUESTS_PER_HOUR = 5;

export interface AuthServiceDeps {
  repo: AuthRepository;
  tokens: AccessTokens;
  /** Null: phone sign-in is off (production with an external identity provider and no OTP webhook). */
  sender: OtpSender | null;
  /** Keys the OTP hashes so a leaked table does not reveal codes. */
  hashKey: string;
  devEcho: boolean;
  adminPhones: string[];
  refreshTtlSeconds: number;
  /** How long a repeat of a just-rotated refresh token answers the same new pair instead of revoking its family. */
  refreshReuseWindowSeconds: number;
}

/** A name for users who gave none; never derived from the phone, since names are public. */
const defaultName = () => `Bidder ${randomInt(1000, 10000)}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const invalidCode = () => new DomainError('UNAUTHENTICATED', 'Invalid or expired code.');
const phoneSignInOff = () =>
  new DomainError('NOT_FOUND', 'Sign-in with a phone code is not available on this server. Sign in with your identity provider.');
const invalidRefresh = () => new DomainError('UNAUTHENTICATED', 'Invalid or expired refresh token.');

export function createAuthService(d: AuthServiceDeps) {
  const otpHash = (phone: string, code: string) => createHmac('sha256', d.hashKey).update(`${phone}:${code}`).digest('hex');

  type PairUser = { id: string; name: string; avatarUrl: string | null; roles: string };

  /** A new pair and the row of its refresh token (stored hashed), not stored yet. */
  async function makePair(user: PairUser, familyId: string) {
    const roles = parseRoles(user.roles);
    const refreshToken = randomBytes(32).toString('base64url');
    const row = {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + d.refreshTtlSeconds * 1000),
    };
    const accessToken = await d.tokens.issue({ ...user, roles });
    const pair: TokenPair = {
      accessToken,
      refreshToken,
      user: { id: user.id, name: user.name, ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}), roles },
    };
    return { pair, row };
  }

  async function issuePair(user: PairUser, familyId: string): Promise<TokenPair> {
    const { pair, row } = await makePair(user, familyId);
    await d.repo.createRefreshToken(row);
    return pair;
  }

  type StoredRefresh = NonNullable<Awaited<ReturnType<AuthRepository['refreshTokenByHash']>>>;

  /**
   * A rotated token came back. Within the reuse window (another tab refreshing at the same moment) it
   * answers the pair it was rotated into; otherwise someone holds a copy: the whole family is revoked.
   */
  async function repeatOrRevoke(stored: StoredRefresh, refreshToken: string): Promise<TokenPair> {
    const withinWindow =
      !stored.revokedAt && stored.rotatedAt !== null && Date.now() - stored.rotatedAt.getTime() <= d.refreshReuseWindowSeconds * 1000;
    const successor = withinWindow && stored.successor ? openSuccessor(refreshToken, stored.id, stored.successor, d.hashKey) : null;
    if (successor) return successor;
    await d.repo.revokeFamily(stored.familyId);
    throw new DomainError('UNAUTHENTICATED', 'Refresh token reuse detected. Please sign in again.');
  }

  return {
    async requestOtp(phone: string): Promise<{ sent: true; devCode?: string }> {
      const sender = d.sender;
      if (!sender) throw phoneSignInOff();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(Date.now() + OTP_TTL_MS);
      const issued = await d.repo.issueOtpWithinLimit(
        { phone, codeHash: otpHash(phone, code), expiresAt },
        new Date(Date.now() - 3600_000),
        OTP_REQUESTS_PER_HOUR,
      );
      if (!issued) throw new DomainError('RATE_LIMITED', 'Too many codes requested for this phone. Try again later.');
      await sender.send(phone, code, expiresAt).catch(async (error: unknown) => {
        // A code that never left is neither valid nor counted against the phone's hourly limit.
        await d.repo.deleteOtp(issued.id);
        throw error;
      });
      return d.devEcho ? { sent: true, devCode: code } : { sent: true };
    },

    async verifyOtp(phone: string, code: string, name: string | undefined): Promise<TokenPair> {
      if (!d.sender) throw phoneSignInOff();
      const now = new Date();
      const otp = await d.repo.latestLiveOtp(phone, now, OTP_MAX_TRIES);
      if (!otp) throw invalidCode();
      const expected = Buffer.from(otp.codeHash, 'hex');
      const given = Buffer.from(otpHash(phone, code), 'hex');
      // The read above may be stale under a burst: both outcomes are decided again by the database, atomically.
      if (!timingSafeEqual(expected, given)) {
        await d.repo.countWrongTry(otp.id, OTP_MAX_TRIES);
        throw invalidCode();
      }
      if (!(await d.repo.consumeOtp(otp.id, now, OTP_MAX_TRIES))) throw invalidCode();
      const roles = ['buyer', 'seller', ...(d.adminPhones.includes(phone) ? ['admin'] : [])].join(',');
      const user = await d.repo.upsertUserByPhone(phone, name ?? defaultName(), roles);
      return issuePair(user, randomUUID());
    },

    async refresh(refreshToken: string): Promise<TokenPair> {
      const tokenHash = sha256(refreshToken);
      const stored = await d.repo.refreshTokenByHash(tokenHash);
      if (!stored) throw invalidRefresh();
      if (stored.revokedAt || stored.rotatedAt) return repeatOrRevoke(stored, refreshToken);
      if (stored.expiresAt.getTime() <= Date.now()) throw invalidRefresh();
      const user = await d.repo.userById(stored.userId);
      if (!user) throw invalidRefresh();
      const next = await makePair(user, stored.familyId);
      const sealed = sealSuccessor(refreshToken, stored.id, next.pair, d.hashKey);
      if (await d.repo.rotateRefreshToken(stored.id, sealed, next.row)) return next.pair;
      // Another call rotated it first (a second tab): answer what it was rotated into.
      const rotated = await d.repo.refreshTokenByHash(tokenHash);
      if (!rotated) throw invalidRefresh();
      return repeatOrRevoke(rotated, refreshToken);
    },

    async logout(refreshToken: string): Promise<void> {
      const stored = await d.repo.refreshTokenByHash(sha256(refreshToken));
      if (stored) await d.repo.revokeFamily(stored.familyId);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
