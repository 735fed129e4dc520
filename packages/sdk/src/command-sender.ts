// Sends one command over the socket and turns its ack, a timeout or a lost connection
// into a settled promise; keeps the unsettled ones so close() can fail them at once.
import type { Ack } from '@bidwire/contract';
import type { Socket } from 'socket.io-client';
import { BidwireError } from './errors.js';

export interface CommandOptions {
  /** Overrides the client's `commandTimeoutMs` for this call. */
  timeoutMs?: number;
}

// socket.io-client's own wording for an ack cleared by a disconnection (as of 4.8).
const DISCONNECTED_MESSAGE = 'socket has been disconnected';

export class CommandSender {
  /** Each unsettled call's failure path, with the command it belongs to. */
  private readonly pending = new Map<(error: BidwireError) => void, string>();

  constructor(
    private readonly socket: Socket,
    private readonly defaultTimeoutMs: number,
  ) {}

  send(command: string, payload: unknown, options: CommandOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      // Neither connected nor trying to be: socket.io would buffer the packet forever.
      if (!this.socket.connected && !this.socket.active) {
        reject(
          new BidwireError({
            code: 'DISCONNECTED',
            command,
            message: `Cannot send ${command}: the client is not connected.`,
          }),
        );
        return;
      }
      const fail = (error: BidwireError) => {
        this.pending.delete(fail);
        reject(error);
      };
      this.pending.set(fail, command);
      this.socket.timeout(timeoutMs).emit(command, payload, (err: Error | null, ack: Ack<unknown>) => {
        this.pending.delete(fail);
        if (err) fail(transportError(command, timeoutMs, err));
        else if (ack?.ok === true) resolve(ack.data);
        else if (ack?.ok === false) fail(new BidwireError({ ...ack.error, command }));
        else fail(new BidwireError({ code: 'INTERNAL', command, message: `Malformed answer to ${command}.` }));
      });
    });
  }

  /** Fails every command still waiting for its ack. */
  rejectAll(makeError: (command: string) => BidwireError): void {
    for (const [fail, command] of [...this.pending]) fail(makeError(command));
  }
}

function transportError(command: string, timeoutMs: number, cause: Error): BidwireError {
  if (cause.message === DISCONNECTED_MESSAGE) {
    return new BidwireError({
      code: 'DISCONNECTED',
      command,
      message: `The connection closed before ${command} was answered.`,
      cause,
    });
  }
  return new BidwireError({
    code: 'TIMEOUT',
    command,
    message: `No answer to ${command} within ${timeoutMs} ms.`,
    cause,
  });
}
