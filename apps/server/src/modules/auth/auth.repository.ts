// Prisma queries of the auth domain: users, one-time codes and refresh-token families.
import type { Db } from '../../db/client.js';

export function createAuthRepository(db: Db) {
  return {
    countOtpsSince: (phone: string, since: Date) =>
      db.otpCode.count({ where: { phone, createdAt: { gte: since } } }),
    createOtp: (phone: string, codeHash: string, expiresAt: Date) =>
      db.otpCode.create({ data: { phone, codeHash, expiresAt } }),
    latestLiveOtp: (phone: string, now: Date) =>
      db.otpCode.findFirst({
        where: { phone, consumedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: 'desc' },
      }),
    /** Counts a wrong try; the fifth one burns the code. */
    failOtp: (id: string, burn: boolean) =>
      db.otpCode.update({
        where: { id },
        data: { attempts: { increment: 1 }, ...(burn ? { consumedAt: new Date() } : {}) },
      }),
    /** Consumes the code only if nobody consumed it first (two verifies racing get one login). */
    consumeOtp: async (id: string) =>
      (await db.otpCode.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: new Date() } })).count === 1,
    upsertUserByPhone: (phone: string, name: string, roles: string) =>
      db.user.upsert({ where: { phone }, create: { phone, name, roles }, update: { roles } }),
    userById: (id: string) => db.user.findUnique({ where: { id } }),
    /** External identity provider mode: the user named by a token's `sub`, kept in step with its claims. */
    upsertUserByExternalSub: (externalSub: string, data: { name: string; avatarUrl: string | null; roles: string }) =>
      db.user.upsert({ where: { externalSub }, create: { externalSub, ...data }, update: data }),

    createRefreshToken: (data: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }) =>
      db.refreshToken.create({ data }),
    refreshTokenByHash: (tokenHash: string) => db.refreshToken.findUnique({ where: { tokenHash } }),
    /** Marks a token rotated unless it already was: true for the one caller that wins. */
    rotateRefreshToken: async (id: string) =>
      (await db.refreshToken.updateMany({ where: { id, rotatedAt: null, revokedAt: null }, data: { rotatedAt: new Date() } }))
        .count === 1,
    revokeFamily: (familyId: string) =>
      db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } }),
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
