// Sign-in by one-time code, refresh-token rotation with reuse detection, and logout (SPEC §2).
import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TokenPair } from '@bidwire/contract';
import { DomainError } from '../../errors.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthRepository } from './auth.repository.js';
import { parseRoles } from './auth-user.js';
import type { OtpSender } from './otp-sender.js';

const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_TRIES = 5;
const OTP_REQUESTS_PER_HOUR = 5;

export interface AuthServiceDeps {
  repo: AuthRepository;
  tokens: AccessTokens;
  sender: OtpSender;
  /** Keys the OTP hashes so a leaked table does not reveal codes. */
  hashKey: string;
  devEcho: boolean;
  adminPhones: string[];
  refreshTtlSeconds: number;
}

/** A name for users who gave none; never derived from the phone, since names are public. */
const defaultName = () => `Bidder ${randomInt(1000, 10000)}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const invalidCode = () => new DomainError('UNAUTHENTICATED', 'Invalid or expired code.');
const invalidRefresh = () => new DomainError('UNAUTHENTICATED', 'Invalid or expired refresh token.');

export function createAuthService(d: AuthServiceDeps) {
  const otpHash = (phone: string, code: string) => createHmac('sha256', d.hashKey).update(`${phone}:${code}`).digest('hex');

  async function issuePair(user: { id: string; name: string; avatarUrl: string | null; roles: string }, familyId: string): Promise<TokenPair> {
    const roles = parseRoles(user.roles);
    const refreshToken = randomBytes(32).toString('base64url');
    await d.repo.createRefreshToken({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + d.refreshTtlSeconds * 1000),
    });
    const accessToken = await d.tokens.issue({ ...user, roles });
    return {
      accessToken,
      refreshToken,
      user: { id: user.id, name: user.name, ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}), roles },
    };
  }

  return {
    async requestOtp(phone: string): Promise<{ sent: true; devCode?: string }> {
      const recent = await d.repo.countOtpsSince(phone, new Date(Date.now() - 3600_000));
      if (recent >= OTP_REQUESTS_PER_HOUR) {
        throw new DomainError('RATE_LIMITED', 'Too many codes requested for this phone. Try again later.');
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await d.repo.createOtp(phone, otpHash(phone, code), new Date(Date.now() + OTP_TTL_MS));
      await d.sender.send(phone, code);
      return d.devEcho ? { sent: true, devCode: code } : { sent: true };
    },

    async verifyOtp(phone: string, code: string, name: string | undefined): Promise<TokenPair> {
      const otp = await d.repo.latestLiveOtp(phone, new Date());
      if (!otp) throw invalidCode();
      const expected = Buffer.from(otp.codeHash, 'hex');
      const given = Buffer.from(otpHash(phone, code), 'hex');
      if (!timingSafeEqual(expected, given)) {
        await d.repo.failOtp(otp.id, otp.attempts + 1 >= OTP_MAX_TRIES);
        throw invalidCode();
      }
      if (!(await d.repo.consumeOtp(otp.id))) throw invalidCode();
      const roles = ['buyer', 'seller', ...(d.adminPhones.includes(phone) ? ['admin'] : [])].join(',');
      const user = await d.repo.upsertUserByPhone(phone, name ?? defaultName(), roles);
      return issuePair(user, randomUUID());
    },

    async refresh(refreshToken: string): Promise<TokenPair> {
      const stored = await d.repo.refreshTokenByHash(sha256(refreshToken));
      if (!stored) throw invalidRefresh();
      if (stored.revokedAt || stored.rotatedAt) {
        // A rotated token came back: someone holds a copy. Revoke the whole family.
        await d.repo.revokeFamily(stored.familyId);
        throw new DomainError('UNAUTHENTICATED', 'Refresh token reuse detected. Please sign in again.');
      }
      if (stored.expiresAt.getTime() <= Date.now()) throw invalidRefresh();
      if (!(await d.repo.rotateRefreshToken(stored.id))) {
        await d.repo.revokeFamily(stored.familyId);
        throw new DomainError('UNAUTHENTICATED', 'Refresh token reuse detected. Please sign in again.');
      }
      const user = await d.repo.userById(stored.userId);
      if (!user) throw invalidRefresh();
      return issuePair(user, stored.familyId);
    },

    async logout(refreshToken: string): Promise<void> {
      const stored = await d.repo.refreshTokenByHash(sha256(refreshToken));
      if (stored) await d.repo.revokeFamily(stored.familyId);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
