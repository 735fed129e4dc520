// createClient(): the typed Socket.IO client — one method per contract command, typed event
// listeners, connection state — that web and mobile apps build on.
import type {
  ClientToServerEvents,
  CommandName,
  ErrorCode,
  EventName,
  EventPayload,
  ResyncResult,
  RoomRef,
  RoomSnapshot,
  ServerToClientEvents,
  CommandResult,
  ConnectErrorCode,
} from '@bidwire/contract';
import { io, type Socket } from 'socket.io-client';
import { authOption, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_OFFLINE_TIMEOUT_MS, type ClientOptions } from './client-options.js';
import { contractMeta } from './contract-meta.js';
import { ServerClock, type ClockSample } from './clock.js';
import type { BidwirePromise } from './bidwire-promise.js';
import { buildCommandMethods, withRequestId, type CommandArgs, type CommandMethods, type CommandPromise } from './command-methods.js';
import { CommandSender, type CommandOptions } from './command-sender.js';
import { ConnectionStateTracker, type ConnectionState } from './connection-state.js';
import { BidwireError } from './errors.js';
import { EventHub, type EventHandler } from './event-hub.js';
import { JoinedRooms } from './joined-rooms.js';
import { Listeners } from './listeners.js';
import { Readiness } from './readiness.js';
import { keepRoomsAcrossReconnects } from './reconnector.js';
import { roomJoinedBy, roomLeftBy } from './room-bindings.js';
import { RoomSequencer } from './room-sequencer.js';
import { renewSessions, type SessionRenewal } from './session-renewal.js';

export type BidwireSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Why a connection attempt was refused; `code` is set when the server gave one. */
export interface ConnectErrorInfo {
  message: string;
  /** `INCOMPATIBLE_CONTRACT`: the server's contract has another major version; the app must be updated. */
  code: ErrorCode | ConnectErrorCode | undefined;
}

export interface ClientCore {
  /** The underlying socket, for advanced use and tests. */
  readonly socket: BidwireSocket;
  readonly state: ConnectionState;
  connect(): void;
  /** Disconnects; `connect()` may be called again later. */
  disconnect(): void;
  /** Disconnects for good: fails pending commands and waits, drops every listener. */
  close(): void;
  /** Sends any command by name; the generated methods are shorthands for this. */
  command<K extends CommandName>(name: K, ...args: CommandArgs<K>): CommandPromise<K>;
  on<K extends EventName>(event: K, handler: EventHandler<K>): () => void;
  once<K extends EventName>(event: K, handler: EventHandler<K>): () => void;
  /** Without `handler`, removes every handler of `event`. */
  off<K extends EventName>(event: K, handler?: EventHandler<K>): void;
  /**
   * The next `event` whose payload matches; rejects with `TIMEOUT` (default: the command timeout),
   * or `DISCONNECTED` when the client is closed first.
   */
  waitFor<K extends EventName>(
    event: K,
    predicate?: (payload: EventPayload<K>) => boolean,
    timeoutMs?: number,
  ): BidwirePromise<EventPayload<K>, 'TIMEOUT' | 'DISCONNECTED'>;
  onState(handler: (state: ConnectionState) => void): () => void;
  onConnectError(handler: (error: ConnectErrorInfo) => void): () => void;
  /**
   * A room's state arrived as a snapshot instead of replayed events (the gap was older than the
   * server keeps): replace what the UI shows for that room with it.
   */
  onSnapshot(handler: (room: RoomRef, snapshot: RoomSnapshot) => void): () => void;
  /** The server's clock (ms since epoch) as estimated from `timeSync`; the first call starts the sync. */
  serverNow(): number;
  /** serverTime − local time in ms, as last measured (0 before the first measurement). */
  readonly clockOffset: number;
  /** Measures the clock offset now (several `timeSync` round trips, the shortest wins). */
  syncClock(): Promise<ClockSample | null>;
}

export type BidwireClient = ClientCore & CommandMethods;

// A contract command named like a client method would be shadowed: fail the build instead.
type AssertNever<T extends never> = T;
type _NoCommandShadowsTheClient = AssertNever<Extract<CommandName, keyof ClientCore>>;

export function createClient(options: ClientOptions): BidwireClient {
  const client = new Client(options);
  for (const [name, method] of Object.entries(buildCommandMethods((n, p, o) => client.send(n, p, o)))) {
    // Only reachable with a contract newer than the SDK was compiled against; keep the core method.
    if (!(name in client)) Object.assign(client, { [name]: method });
  }
  return client as Client & CommandMethods;
}

class Client implements ClientCore {
  readonly socket: BidwireSocket;
  private readonly raw: Socket;
  private readonly tracker: ConnectionStateTracker;
  private readonly sender: CommandSender;
  private readonly hub = new EventHub();
  private readonly connectErrors = new Listeners<ConnectErrorInfo>();
  private readonly waits = new Set<(error: BidwireError) => void>();
  private readonly timeoutMs: number;
  private readonly readiness = new Readiness();
  private readonly rooms = new JoinedRooms();
  private readonly sequencer: RoomSequencer;
  private readonly clock: ServerClock;
  private readonly snapshots = new Listeners<{ room: RoomRef; snapshot: RoomSnapshot }>();
  private readonly unbind: Array<() => void> = [];
  private readonly renewal: SessionRenewal;
  private closed = false;

  constructor(options: ClientOptions) {
    this.timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.raw = io(options.url, {
      // Each client gets its own manager: socket.io-client's shared cache would keep closed
      // clients alive and tie unrelated clients' reconnections together.
      forceNew: true,
      ...options.socketOptions,
      autoConnect: options.autoConnect ?? true,
      auth: authOption(options),
    });
    this.socket = this.raw as BidwireSocket;
    // First: it makes the socket active again before the state tracker and the sender see the disconnect.
    const canRenew = options.getToken !== undefined;
    const renewal = (this.renewal = renewSessions(this.raw, canRenew, {
      hold: () => this.readiness.set(false),
      allAnswered: () => this.sender.allAnswered(),
    }));
    this.unbind.push(renewal.stop);
    // Reconnecting, by socket.io-client or by the renewal's delayed reconnection.
    const active = () => this.raw.active || renewal.reconnectPending();
    this.tracker = new ConnectionStateTracker(this.raw, active);
    this.sender = new CommandSender(
      this.raw,
      { timeoutMs: this.timeoutMs, offlineTimeoutMs: options.offlineTimeoutMs ?? DEFAULT_OFFLINE_TIMEOUT_MS },
      this.readiness,
      active,
      canRenew ? renewal.expired : undefined,
    );
    const direct = (command: string, payload: unknown) => this.sender.send(command, payload, {}, true);
    this.sequencer = new RoomSequencer({
      resync: (room, afterSeq) => direct('resync', { room, afterSeq }) as Promise<ResyncResult>,
      deliver: (event, payload) => this.hub.dispatch(event, payload),
      snapshot: (room, snapshot) => this.snapshots.emit({ room, snapshot }),
    });
    this.clock = new ServerClock({
      timeSync: () => this.sender.send('timeSync', {}) as Promise<{ serverTime: number }>,
      now: options.now ?? Date.now,
      samples: options.clockSamples ?? 5,
      refreshMs: options.clockSyncIntervalMs ?? 60_000,
    });
    this.unbind.push(
      keepRoomsAcrossReconnects({
        socket: this.raw,
        rooms: this.rooms,
        sequencer: this.sequencer,
        readiness: this.readiness,
        clock: this.clock,
        active,
        direct,
      }),
    );
    this.raw.onAny((event: string, payload: unknown) => this.sequencer.incoming(event, payload));
    this.raw.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      this.connectErrors.emit({ message: err.message, code: asErrorCode(err.data?.code) });
    });
  }

  get state(): ConnectionState {
    return this.tracker.state;
  }

  connect(): void {
    if (this.closed) throw new Error('This Bidwire client is closed; create a new one.');
    if (this.raw.connected) return;
    this.raw.connect();
    this.tracker.set('connecting');
  }

  disconnect(): void {
    this.renewal.cancelReconnect();
    this.raw.disconnect();
    // No 'disconnect' event fires when the socket was still connecting.
    this.tracker.set('disconnected');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disconnect();
    const closedError = (command: string) =>
      new BidwireError({ code: 'DISCONNECTED', command, message: `The client was closed before ${command} was answered.` });
    this.sender.rejectAll(closedError);
    for (const fail of [...this.waits]) fail(closedError('waitFor'));
    this.readiness.giveUp();
    this.clock.stop();
    for (const unbind of this.unbind) unbind();
    this.snapshots.clear();
    this.raw.offAny();
    this.hub.clear();
    this.connectErrors.clear();
    this.tracker.dispose();
  }

  command<K extends CommandName>(name: K, ...args: CommandArgs<K>): CommandPromise<K> {
    const [payload = {}, options] = args;
    return this.send(name, payload, options) as CommandPromise<K>;
  }

  /** @internal the untyped path every command method goes through. */
  send(command: string, payload: unknown, options?: CommandOptions): Promise<unknown> {
    const sent = withRequestId(command, payload);
    const joins = roomJoinedBy(command, sent);
    const leaves = roomLeftBy(command, sent);
    if (!joins && !leaves) return this.sender.send(command, sent, options);
    if (joins) this.sequencer.joining(joins);
    return this.sender.send(command, sent, options).then(
      (data) => {
        if (joins) {
          this.rooms.remember(joins, command, sent);
          // After the caller has the snapshot: the room's next events come on top of it.
          setTimeout(() => void this.sequencer.joined(joins, seqOf(data)).catch(() => undefined), 0);
        }
        if (leaves) {
          this.rooms.forget(leaves);
          this.sequencer.forget(leaves);
        }
        return data;
      },
      (error: unknown) => {
        if (joins) void this.sequencer.joinFailed(joins).catch(() => undefined);
        throw error;
      },
    );
  }

  onSnapshot(handler: (room: RoomRef, snapshot: RoomSnapshot) => void): () => void {
    return this.snapshots.add(({ room, snapshot }) => handler(room, snapshot));
  }

  serverNow(): number {
    return this.clock.now();
  }

  get clockOffset(): number {
    return this.clock.offsetMs;
  }

  syncClock(): Promise<ClockSample | null> {
    this.clock.start();
    return this.clock.sync();
  }

  on<K extends EventName>(event: K, handler: EventHandler<K>): () => void {
    return this.hub.on(event, handler);
  }

  once<K extends EventName>(event: K, handler: EventHandler<K>): () => void {
    return this.hub.on(event, handler, true);
  }

  off<K extends EventName>(event: K, handler?: EventHandler<K>): void {
    this.hub.off(event, handler);
  }

  waitFor<K extends EventName>(
    event: K,
    predicate: (payload: EventPayload<K>) => boolean = () => true,
    timeoutMs: number = this.timeoutMs,
  ): BidwirePromise<EventPayload<K>, 'TIMEOUT' | 'DISCONNECTED'> {
    return new Promise<EventPayload<K>>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        unsubscribe();
        this.waits.delete(fail);
      };
      const fail = (error: BidwireError) => {
        finish();
        reject(error);
      };
      const unsubscribe = this.hub.on(event, (payload) => {
        if (!predicate(payload)) return;
        finish();
        resolve(payload);
      });
      const timer = setTimeout(
        () => fail(new BidwireError({ code: 'TIMEOUT', command: event, message: `No ${event} event within ${timeoutMs} ms.` })),
        timeoutMs,
      );
      this.waits.add(fail);
    });
  }

  onState(handler: (state: ConnectionState) => void): () => void {
    return this.tracker.listeners.add(handler);
  }

  onConnectError(handler: (error: ConnectErrorInfo) => void): () => void {
    return this.connectErrors.add(handler);
  }
}

function seqOf(data: unknown): number | undefined {
  const seq = (data as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : undefined;
}

function asErrorCode(value: unknown): ErrorCode | ConnectErrorCode | undefined {
  const known: readonly unknown[] = [...contractMeta.errorCodes, ...contractMeta.connectErrorCodes];
  return known.includes(value) ? (value as ErrorCode | ConnectErrorCode) : undefined;
}
