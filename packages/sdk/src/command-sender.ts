// Sends one command over the socket and turns its ack, a timeout or a lost connection into a
// settled promise. Commands wait while the client reconnects; one that was in flight when the
// connection dropped is sent again, unchanged (same requestId), if repeating it is safe.
import type { Ack } from '@bidwire/contract';
import { isSessionExpiredRefusal } from './session-refusal.js';
import type { Socket } from 'socket.io-client';
import { BidwireError } from './errors.js';
import type { Readiness } from './readiness.js';
import { isRetryable } from './room-bindings.js';

export interface CommandOptions {
  /** Overrides the client's `commandTimeoutMs` for this call. */
  timeoutMs?: number;
}

export interface SenderSettings {
  /** How long one attempt waits for its ack. */
  timeoutMs: number;
  /** How long a command waits for a lost connection to come back before it fails. */
  offlineTimeoutMs: number;
}

// socket.io-client's own wording for an ack cleared by a disconnection (as of 4.8).
const DISCONNECTED_MESSAGE = 'socket has been disconnected';

/** How often one call is sent again after the server refused it because the session had expired. */
const MAX_SESSION_RESENDS = 3;

export class CommandSender {
  /** Each unsettled call's failure path, with the command it belongs to. */
  private readonly pending = new Map<(error: BidwireError) => void, string>();
  /** How many sent packets wait for their ack, and who waits for that to be none. */
  private onWire = 0;
  private readonly whenNoneOnWire = new Set<() => void>();

  constructor(
    private readonly socket: Socket,
    private readonly settings: SenderSettings,
    private readonly readiness: Readiness,
    /** Connected or reconnecting (not given up, not closed by the app). */
    private readonly active: () => boolean,
    /**
     * Given when the client can renew its session (getToken): a command the server refused because the
     * session had expired (it did not run) is held like every new one and sent again on
     * the fresh session. Called on such a refusal, before the command waits again.
     */
    private readonly sessionRefused?: () => void,
  ) {}

  /** Resolves once every command sent on the wire has its answer (or has failed). */
  allAnswered(): Promise<void> {
    if (this.onWire === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenNoneOnWire.add(resolve));
  }

  private answered(): void {
    if (--this.onWire > 0) return;
    for (const wake of [...this.whenNoneOnWire]) wake();
    this.whenNoneOnWire.clear();
  }

  /**
   * `direct` skips the readiness gate (and never resends): for what the client itself sends while
   * getting ready — rejoining rooms, resyncing them.
   */
  send(command: string, payload: unknown, options: CommandOptions = {}, direct = false): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: BidwireError) => {
        if (settled) return;
        settled = true;
        this.pending.delete(fail);
        reject(error);
      };
      const succeed = (data: unknown) => {
        if (settled) return;
        settled = true;
        this.pending.delete(fail);
        resolve(data);
      };
      this.pending.set(fail, command);

      let sessionResends = 0;
      const attempt = async (resent: boolean): Promise<void> => {
        while (!this.socket.connected || (!direct && !this.readiness.isReady)) {
          // Neither connected nor trying to be: socket.io would buffer the packet forever.
          if (!this.active() || direct) {
            return fail(resent ? closedBeforeAnswer(command) : notConnected(command));
          }
          const back = await this.readiness.wait(this.settings.offlineTimeoutMs);
          if (settled) return;
          if (!back && !this.active()) return fail(resent ? closedBeforeAnswer(command) : notConnected(command));
          if (!back) return fail(didNotComeBack(command, this.settings.offlineTimeoutMs, resent));
        }
        this.onWire++;
        this.socket.timeout(timeoutMs).emit(command, payload, (err: Error | null, ack: Ack<unknown>) => {
          this.answered();
          if (err?.message === DISCONNECTED_MESSAGE) {
            if (!direct && this.active() && isRetryable(command, payload)) void attempt(true);
            else fail(closedBeforeAnswer(command, err));
          } else if (err) fail(new BidwireError({ code: 'TIMEOUT', command, message: `No answer to ${command} within ${timeoutMs} ms.`, cause: err }));
          else if (ack?.ok === false && isSessionExpiredRefusal(ack.error) && this.sessionRefused && !direct && sessionResends++ < MAX_SESSION_RESENDS) {
            // Not run: the server refuses every command once the session has expired.
            this.sessionRefused();
            void attempt(resent);
          } else if (ack?.ok === true) succeed(ack.data);
          else if (ack?.ok === false) fail(new BidwireError({ ...ack.error, command }));
          else fail(new BidwireError({ code: 'INTERNAL', command, message: `Malformed answer to ${command}.` }));
        });
      };
      // The promise is typed to reject with BidwireErrors only: an unexpected throw (e.g. a payload
      // socket.io cannot encode) becomes one too, instead of leaving the call unsettled.
      attempt(false).catch((cause: unknown) =>
        fail(new BidwireError({ code: 'INTERNAL', command, message: `Could not send ${command}: ${String(cause)}`, cause })),
      );
    });
  }

  /** Fails every command still waiting for its ack. */
  rejectAll(makeError: (command: string) => BidwireError): void {
    for (const [fail, command] of [...this.pending]) fail(makeError(command));
  }
}

const notConnected = (command: string) =>
  new BidwireError({ code: 'DISCONNECTED', command, message: `Cannot send ${command}: the client is not connected.` });

const closedBeforeAnswer = (command: string, cause?: Error) =>
  new BidwireError({ code: 'DISCONNECTED', command, message: `The connection closed before ${command} was answered.`, cause });

const didNotComeBack = (command: string, ms: number, resent: boolean) =>
  new BidwireError({
    code: 'DISCONNECTED',
    command,
    message: `The connection did not come back within ${ms} ms; ${command} ${resent ? 'may or may not have been applied' : 'was not sent'}.`,
  });
