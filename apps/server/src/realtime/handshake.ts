// Socket.IO handshake authentication (SPEC §1): the user is whoever the verified token says.
import type { VerifyAccessToken } from '../modules/auth/access-tokens.js';
import type { BidwireServer } from './types.js';

export const NO_TOKEN = 'No token provided';
export const BAD_TOKEN = 'Invalid or expired token';

const refuse = (message: string) => Object.assign(new Error(message), { data: { code: 'UNAUTHENTICATED' } });

export function useHandshakeAuth(io: BidwireServer, verify: VerifyAccessToken): void {
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = auth?.token;
    if (typeof token !== 'string' || token.length === 0) return next(refuse(NO_TOKEN));
    verify(token).then(
      (user) => {
        socket.data.user = user;
        next();
      },
      () => next(refuse(BAD_TOKEN)),
    );
  });
}
