// Prisma queries of the auth domain: users, one-time codes and refresh-token families.
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';

export function createAuthRepository(db: Db) {
  return {
    deleteOtp: async (id: string) => void (await db.otpCode.deleteMany({ where: { id } })),
    /**
     * Issues a code unless the phone already had `limit` in the window; null when refused. The count and the
     * insert run under the phone's row lock (a plain UPDATE of its OtpPhone row, so no SELECT … FOR UPDATE is
     * needed on PostgreSQL/MySQL; SQLite transactions are serialized anyway): concurrent requests take turns.
     */
    issueOtpWithinLimit: async (otp: { phone: string; codeHash: string; expiresAt: Date }, windowStart: Date, limit: number) => {
      const now = new Date();
      const attempt = () =>
        inTransaction(db, async (tx) => {
          const locked = await tx.otpPhone.updateMany({ where: { phone: otp.phone }, data: { lockedAt: now } });
          if (locked.count === 0) return 'no lock row' as const;
          const recent = await tx.otpCode.count({ where: { phone: otp.phone, createdAt: { gte: windowStart } } });
          if (recent >= limit) return null;
          return tx.otpCode.create({ data: { ...otp, createdAt: now } });
        });
      const first = await attempt();
      if (first !== 'no lock row') return first;
      // The phone's first request: create its lock row (a racing request may create it first), then lock it.
      await db.otpPhone.create({ data: { phone: otp.phone, lockedAt: now } }).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
      const second = await attempt();
      if (second === 'no lock row') throw new Error(`The OTP lock row of a phone vanished.`);
      return second;
    },
    latestLiveOtp: (phone: string, now: Date, maxTries: number) =>
      db.otpCode.findFirst({
        where: { phone, consumedAt: null, expiresAt: { gt: now }, attempts: { lt: maxTries } },
        orderBy: { createdAt: 'desc' },
      }),
    /**
     * Counts a wrong try while the code is live and under the limit, in one conditional UPDATE: racing
     * tries are counted one after the other by the database, so the count never passes `maxTries`.
     */
    countWrongTry: async (id: string, maxTries: number) =>
      (await db.otpCode.updateMany({ where: { id, consumedAt: null, attempts: { lt: maxTries } }, data: { attempts: { increment: 1 } } }))
        .count === 1,
    /**
     * Consumes the code only if it is still live and fewer than `maxTries` wrong tries were counted, in the
     * same kind of conditional UPDATE: a right code racing wrong ones wins only if it comes before the last
     * allowed wrong try, and two right ones racing get one login.
     */
    consumeOtp: async (id: string, now: Date, maxTries: number) =>
      (
        await db.otpCode.updateMany({
          where: { id, consumedAt: null, expiresAt: { gt: now }, attempts: { lt: maxTries } },
          data: { consumedAt: now },
        })
      ).count === 1,
    upsertUserByPhone: (phone: string, name: string, roles: string) =>
      db.user.upsert({ where: { phone }, create: { phone, name, roles }, update: { roles } }),
    userById: (id: string) => db.user.findUnique({ where: { id } }),
    /** Which of `ids` are users (one query, however many ids). */
    existingUserIds: async (ids: readonly string[]) =>
      (await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true } })).map((u) => u.id),
    /** External identity provider mode: the user named by a token's `sub`, kept in step with its claims. */
    upsertUserByExternalSub: (externalSub: string, data: { name: string; avatarUrl: string | null; roles: string }) =>
      db.user.upsert({ where: { externalSub }, create: { externalSub, ...data }, update: data }),

    createRefreshToken: (data: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }) =>
      db.refreshToken.create({ data }),
    refreshTokenByHash: (tokenHash: string) => db.refreshToken.findUnique({ where: { tokenHash } }),
    /**
     * Rotates a token into its successor unless someone rotated it first: marks it rotated (keeping the
     * sealed successor pair) and stores the successor, in one transaction. True for the one caller that wins;
     * on PostgreSQL/MySQL a racing caller's UPDATE waits for the winner's commit, then matches nothing.
     */
    rotateRefreshToken: (id: string, sealedSuccessor: string, next: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }) =>
      inTransaction(db, async (tx) => {
        const rotated = await tx.refreshToken.updateMany({
          where: { id, rotatedAt: null, revokedAt: null },
          data: { rotatedAt: new Date(), successor: sealedSuccessor },
        });
        if (rotated.count !== 1) return false;
        await tx.refreshToken.create({ data: next });
        return true;
      }),
    revokeFamily: (familyId: string) =>
      db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } }),
  };
}
/** Prisma's "unique constraint failed" (P2002), the same on every provider. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === 'P2002';

export type AuthRepository = ReturnType<typeof createAuthRepository>;
