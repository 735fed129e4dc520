// Sign-in (SPEC §2): one-time codes, token pairs, refresh rotation, logout; and the token verifier every
// transport uses (this server's tokens, or an external identity provider's in AUTH_JWKS_URL mode).
import { domains } from '@bidwire/contract';
import type { Config } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import { defineModule } from '../../core/module.js';
import type { Db } from '../../db/client.js';
import { createAccessTokens } from './access-tokens.js';
import { createAuthRepository } from './auth.repository.js';
import { readExistingUserIds } from './existing-users-read.js';
import { createAuthService } from './auth.service.js';
import { accessTokenVerifier } from './external-tokens.js';
import { createKnownUsers } from './known-users.js';
import { createOtpSender, type OtpSender } from './otp-sender.js';

export interface AuthModuleDeps {
  db: Db;
  config: Pick<Config, 'accessTokenTtlSeconds' | 'externalAuth' | 'otpDevEcho' | 'adminPhones' | 'refreshTokenTtlSeconds' | 'refreshReuseWindowSeconds' | 'otpDelivery'>;
  /** The signing key of this server's tokens (jwt-secret.ts). */
  secret: string;
  /** Where codes go (tests capture them); otherwise the configured sender (webhook, or the log in development). */
  otpSender?: OtpSender;
  log: Logger;
}

export function createAuthModule(d: AuthModuleDeps) {
  const repo = createAuthRepository(d.db);
  const signed = createAccessTokens(d.secret, d.config.accessTokenTtlSeconds);
  // This server's tokens name users of its database: one whose user is not there is refused like a bad token.
  const knownUsers = createKnownUsers((ids) => readExistingUserIds(d.db, ids));
  const tokens: typeof signed = {
    issue(user) {
      knownUsers.remember(user.id);
      return signed.issue(user);
    },
    async verify(token) {
      const user = await signed.verify(token);
      // The signature is the security boundary; this is a consistency check. A database that cannot answer
      // must not turn every reconnection into a refused token (clients stop retrying on those): let it in.
      const exists = await knownUsers.exists(user.id).catch((err: unknown) => {
        d.log.warn({ err }, 'could not check that a token names a user; accepting it');
        return true;
      });
      if (!exists) throw new Error('The token names no user of this server.');
      return user;
    },
  };
  const auth = createAuthService({
    repo,
    tokens,
    sender: d.otpSender ?? createOtpSender(d.config.otpDelivery, d.log),
    hashKey: d.secret,
    devEcho: d.config.otpDevEcho,
    adminPhones: d.config.adminPhones,
    refreshTtlSeconds: d.config.refreshTokenTtlSeconds,
    refreshReuseWindowSeconds: d.config.refreshReuseWindowSeconds,
  });
  const module = defineModule(domains.auth, {
    commands: {},
    routes: {
      requestOtp: ({ body }) => auth.requestOtp(body.phone),
      verifyOtp: ({ body }) => auth.verifyOtp(body.phone, body.code, body.name),
      refresh: ({ body }) => auth.refresh(body.refreshToken),
      logout: async ({ body }) => {
        await auth.logout(body.refreshToken);
        return null;
      },
    },
  });
  /** Who a bearer token names: sockets and routes only see this function. */
  const verify = accessTokenVerifier(tokens.verify, d.config.externalAuth, repo);
  return { module, verify };
}
