// What createClient() accepts, and how the token reaches the Socket.IO handshake.
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { contractMeta } from './contract-meta.js';

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

/** Either a fixed token or a getter called on every (re)connection, never both. */
export type TokenSource =
  | { token?: string; getToken?: undefined }
  | { getToken: TokenGetter; token?: undefined };

export type ClientOptions = TokenSource & {
  /** Server origin, e.g. `https://api.example.com` (Socket.IO's default namespace is used). */
  url: string;
  /** `false` to connect only when `connect()` is called. Default `true`. */
  autoConnect?: boolean;
  /** Passed to socket.io-client as is; `auth` and `autoConnect` are set by the SDK. */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** How long a command waits for its ack before rejecting with `TIMEOUT`. Default 10 000. */
  commandTimeoutMs?: number;
  /**
   * How long a command waits for a lost connection to come back (it is then sent, or resent when it
   * was in flight and is safe to repeat) before rejecting with `DISCONNECTED`. Default 30 000.
   */
  offlineTimeoutMs?: number;
  /** The local clock, in ms since epoch (tests give it a skew). Default `Date.now`. */
  now?: () => number;
  /** How often the server clock offset is measured again once `serverNow()` is used. Default 60 000. */
  clockSyncIntervalMs?: number;
  /** `timeSync` round trips per measurement; the shortest wins. Default 5. */
  clockSamples?: number;
};

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
export const DEFAULT_OFFLINE_TIMEOUT_MS = 30_000;

/** The handshake's `auth`: the token, and always the contract version the app is built against (SPEC §1). */
export function authOption(options: TokenSource): SocketOptions['auth'] {
  const { getToken, token } = options;
  const contract = contractMeta.contractVersion;
  if (!getToken) return token ? { token, contract } : { contract };
  // The callback form makes socket.io-client ask again on every reconnection, so an
  // expired token is replaced instead of being replayed. A failing getter sends no token:
  // the server then refuses with UNAUTHENTICATED, which reaches onConnectError().
  return (callback) => {
    Promise.resolve()
      .then(getToken)
      .then(
        (fresh) => callback(fresh ? { token: fresh, contract } : { contract }),
        () => callback({ contract }),
      );
  };
}
