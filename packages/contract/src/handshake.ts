// The Socket.IO handshake (SPEC §1): what a client sends as `auth`, and what a refusal carries in
// `connect_error`'s `data`.
import * as z from 'zod';

export const HandshakeAuth = z.object({
  /** A JWT access token (SPEC §2). */
  token: z.string().min(1),
  /** The client's contract version, semver (e.g. `1.4.0`); the SDK always sends its own. */
  contract: z.string().optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** `UNAUTHENTICATED`: no, or a bad, token. `INCOMPATIBLE_CONTRACT`: the client's contract has another major version. */
export const CONNECT_ERROR_CODES = ['UNAUTHENTICATED', 'INCOMPATIBLE_CONTRACT'] as const;
export const ConnectErrorCode = z.enum(CONNECT_ERROR_CODES);
export type ConnectErrorCode = z.infer<typeof ConnectErrorCode>;

/** `connect_error`'s `data`; `server` (the server's contract version) comes with `INCOMPATIBLE_CONTRACT`. */
export const ConnectErrorData = z.object({ code: ConnectErrorCode, server: z.string().optional() });
export type ConnectErrorData = z.infer<typeof ConnectErrorData>;
