// An in-memory Bidwire server for app tests, derived from the contract: tests script a handler per
// command, emit events and read what the client sent. Every payload is checked against the contract
// both ways, so a test written against the fake cannot pass with data the real server would never
// send, nor with commands it would refuse.
import type { CommandName, CommandPayload, ErrorCode, EventName, EventPayload, RoomRef } from '@bidwire/contract';
import { check, commandDefs, ContractViolation, describeIssues, eventDefs, type FieldIssue } from './contract-check.js';
import { SESSION_EXPIRED_MESSAGE } from '@bidwire/contract';
import { Connection } from './fake-connection.js';
import { fakeTransport, type TransportCtor } from './fake-transport.js';
import type { CommandHandler, CommandReply, EmitPayload, FakeConnection, HandshakeAuth, ReceivedCommand } from './fake-types.js';
import { RoomLog } from './room-log.js';

export interface EmitOptions {
  /**
   * Who receives it: one connection or a list. Default: every connected client. `[]` sends it to
   * nobody, as if it were lost on the way: the room's next event makes the client resync it.
   */
  to?: FakeConnection | FakeConnection[];
}

export interface FakeServerOptions {
  /**
   * Decides each connection from the handshake's `auth`. Default: like the real server, a connection
   * without a token is refused (`No token provided`, UNAUTHENTICATED); any token is accepted.
   */
  authenticate?: Authenticate;
}

/** `true` accepts the connection; anything else refuses it with that message and code. */
export type Authenticate = (auth: HandshakeAuth) => true | { message: string; code?: ErrorCode };

/** Thrown by `ctx.fail()` and turned into the command's error answer. */
class Failure {
  constructor(readonly error: { code: string; message: string; details?: unknown }) {}
}

export class FakeServer {
  /** Any URL works: nothing is ever sent over the network. */
  readonly url = 'http://bidwire.test';
  /** The engine.io transport that connects a client to this server (`socketOptions.transports`). */
  readonly transport: TransportCtor;
  /** Every command the server received, in order, valid or not. */
  readonly received: ReceivedCommand[] = [];
  /** Contract violations of the test's own making (answers and errors the real server could not send). */
  readonly violations: string[] = [];
  authenticate: Authenticate;

  private readonly handlers = new Map<string, CommandHandler<CommandName>>();
  private readonly live = new Set<Connection>();
  private readonly rooms = new RoomLog();
  private readonly taken = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(options: FakeServerOptions = {}) {
    const authenticate = options.authenticate ?? defaultAuthenticate;
    this.authenticate = (auth) =>
      typeof auth.token === 'string' && this.revokedTokens.has(auth.token)
        ? { message: 'Invalid or expired token', code: 'UNAUTHENTICATED' }
        : authenticate(auth);
    this.transport = fakeTransport((link, sid) => (this.closed ? null : new Connection(this, link, sid)));
    this.handle('timeSync', () => ({ serverTime: Date.now() }));
    // One page with everything after `afterSeq` (the fake keeps every event): nothing more to ask for. A
    // client ahead of the room (the SDK asks so for its own user room's seq at connect) gets the bare snapshot.
    this.handle('resync', ({ room, afterSeq }) => {
      const last = this.rooms.lastSeq(room);
      if (afterSeq > last) return { snapshot: { seq: last, serverTime: Date.now() } };
      const events = this.rooms.after(room, afterSeq);
      return { events, hasMore: false, nextAfterSeq: events.at(-1)?.payload.seq ?? afterSeq };
    });
  }

  /** What `createClient()` needs to talk to this server (merged into your own options). */
  clientOptions(): { url: string; socketOptions: { transports: TransportCtor[]; reconnectionDelay: number; reconnectionDelayMax: number } } {
    // Short reconnection delays: a dropped connection comes back within a test's patience.
    return { url: this.url, socketOptions: { transports: [this.transport], reconnectionDelay: 10, reconnectionDelayMax: 50 } };
  }

  /**
   * Scripts a command: a function of the (validated) payload, or a fixed answer. The answer is checked
   * against the command's response schema. `timeSync` and `resync` have working defaults.
   */
  handle<K extends CommandName>(command: K, handler: CommandHandler<K> | CommandReply<K>): this {
    if (!(command in commandDefs)) throw new ContractViolation(`${String(command)} is not a command of the contract.`);
    const fn = typeof handler === 'function' ? handler : () => handler;
    this.handlers.set(command, fn as CommandHandler<CommandName>);
    return this;
  }

  /**
   * Sends an event to every connected client (or one connection). The payload is checked against the
   * contract at once: a bad one throws a ContractViolation here. Room events may leave out `seq` and
   * `at`: the fake numbers them per room (1, 2, 3...) and replays them on `resync`.
   */
  emit<K extends EventName>(event: K, payload: EmitPayload<K>, options: EmitOptions = {}): EventPayload<K> {
    const def = eventDefs[event];
    if (!def) throw new ContractViolation(`${String(event)} is not an event of the contract.`);
    const room = def.scope === 'room' && def.room ? this.rooms.roomOf(def.room, payload) : null;
    const full = room ? this.rooms.stamp(room, payload as Record<string, unknown>) : payload;
    const checked = check(def.payload, full);
    if (!checked.ok) {
      throw new ContractViolation(`The ${event} event breaks the contract: ${describeIssues(checked.issues)}`, checked.issues);
    }
    if (room) this.rooms.record(room, event, checked.data as { seq: number });
    const targets = options.to === undefined ? [...this.live] : ([] as FakeConnection[]).concat(options.to);
    for (const c of targets as Connection[]) c.sendEvent(event, checked.data);
    return checked.data as EventPayload<K>;
  }

  /** The last `seq` emitted in a room (0 before any): what a join snapshot you script should carry. */
  lastSeq(room: RoomRef): number {
    return this.rooms.lastSeq(room);
  }

  /** The valid payloads received for one command, in order (as the server's handler saw them). */
  commandsOf<K extends CommandName>(command: K): CommandPayload<K>[] {
    return this.received.filter((r) => r.command === command && r.valid).map((r) => r.payload as CommandPayload<K>);
  }

  /**
   * The next valid `command` payload not yet taken by an earlier call, waiting for it if needed:
   * successive calls walk through the commands in the order they arrived.
   */
  nextCommand<K extends CommandName>(command: K, timeoutMs = 2_000): Promise<CommandPayload<K>> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const index = this.taken.get(command) ?? 0;
        const payload = this.commandsOf(command)[index];
        if (payload === undefined) return false;
        this.taken.set(command, index + 1);
        resolve(payload);
        return true;
      };
      if (attempt()) return;
      const waiter = () => {
        if (!attempt()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`The fake server received no ${command} within ${timeoutMs} ms (received: ${this.received.map((r) => r.command).join(', ') || 'nothing'}).`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The connections currently open. */
  get connections(): FakeConnection[] {
    return [...this.live];
  }

  /** Cuts every connection as a network failure would: clients reconnect by themselves. */
  dropConnections(): void {
    for (const c of this.live) c.drop();
  }

  /**
   * Ends every client's session: a server-side disconnect, and their tokens are refused from now on (as the
   * real server refuses a revoked or expired token), so clients stay disconnected. A client that can get a
   * fresh token (`getToken`) may come back with it. To drop connections that come back, use dropConnections().
   */
  disconnectAll(): void {
    for (const c of this.live) {
      if (typeof c.auth.token === 'string') this.revokedTokens.add(c.auth.token);
      c.disconnect();
    }
  }

  /** Tokens whose sessions disconnectAll() ended. */
  readonly revokedTokens = new Set<string>();

  /**
   * What the real server does when access tokens expire: `sessionExpired`; commands sent after it are refused
   * unrun (UNAVAILABLE with details `{ reason: 'sessionExpired' }`, and not recorded in `received`); a server-side disconnect once no command runs and
   * `closeAfterMs` (default 0) have passed — unless the client closed first, as the SDK does to renew its session.
   */
  expireSessions(options: { closeAfterMs?: number } = {}): void {
    for (const c of this.live) c.expire(SESSION_EXPIRED_MESSAGE, options.closeAfterMs ?? 0);
  }

  /**
   * Disconnects everyone and refuses new connections. Throws when the test made the fake break the
   * contract (see `violations`), so such a test cannot pass unnoticed; `{ allowViolations: true }` skips that.
   */
  close(options: { allowViolations?: boolean } = {}): void {
    this.closed = true;
    this.disconnectAll();
    if (this.violations.length > 0 && !options.allowViolations) {
      throw new ContractViolation(`The fake server broke the contract:\n- ${this.violations.join('\n- ')}`);
    }
  }

  /** @internal */
  opened(c: Connection): void {
    this.live.add(c);
  }

  /** @internal */
  gone(c: Connection): void {
    this.live.delete(c);
  }

  /** @internal Answers one command the way the real server's binding does. */
  async run(c: Connection, command: string, raw: unknown): Promise<{ ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }> {
    const def = commandDefs[command];
    if (!def) {
      this.received.push({ command, payload: raw, valid: false, connection: c });
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown command ${command}.` } };
    }
    const input = check(def.request, raw === undefined ? {} : raw);
    this.received.push({ command, payload: input.ok ? input.data : raw, valid: input.ok, connection: c });
    for (const wake of [...this.waiters]) wake();
    if (!input.ok) {
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid ${command} payload.`, details: { issues: input.issues } } };
    }
    const handler = this.handlers.get(command);
    if (!handler) {
      return { ok: false, error: { code: 'INTERNAL', message: `The fake server has no handler for ${command}: add server.handle('${command}', ...).` } };
    }
    const fail = (code: string, message: string, details?: unknown): never => {
      throw new Failure(details === undefined ? { code, message } : { code, message, details });
    };
    try {
      const reply = await handler(input.data as never, { connection: c, auth: c.auth, fail: fail as never });
      const output = check(def.response, reply);
      if (output.ok) return { ok: true, data: output.data };
      return this.violation(command, `the ${command} handler answered data that breaks the contract: ${describeIssues(output.issues)}`, output.issues);
    } catch (thrown) {
      if (!(thrown instanceof Failure)) {
        return this.violation(command, `the ${command} handler threw ${thrown instanceof Error ? thrown.stack ?? thrown.message : String(thrown)}`);
      }
      if (!(def.errors as readonly string[]).includes(thrown.error.code)) {
        return this.violation(command, `${command} failed with ${thrown.error.code}, which it does not declare (it declares ${def.errors.join(', ')})`);
      }
      return { ok: false, error: thrown.error };
    }
  }

  private violation(command: string, text: string, issues: FieldIssue[] = []) {
    this.violations.push(text);
    // Loud at once as well: the client only sees an INTERNAL error.
    console.error(`[bidwire fake server] ${text}`);
    const details = issues.length > 0 ? { issues } : undefined;
    return { ok: false as const, error: { code: 'INTERNAL', message: `Fake server: ${text}`, ...(details ? { details } : {}) } };
  }
}

function defaultAuthenticate(auth: HandshakeAuth): true | { message: string; code: ErrorCode } {
  return typeof auth.token === 'string' && auth.token !== '' ? true : { message: 'No token provided', code: 'UNAUTHENTICATED' };
}
