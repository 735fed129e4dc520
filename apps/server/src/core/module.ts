// The one shape of a domain: a module value typed over its slice of the contract. Its `commands` and
// `routes` are mapped types over the slice's names, so a command or route without a handler fails to
// compile; `ServerModules` maps every domain of the contract to its module, so a missing module does too.
import type {
  CommandName,
  CommandPayload,
  CommandResult,
  ContractSlice,
  DomainName,
  Domains,
  RoomSnapshot,
  RoomType,
  RouteName,
  Routes,
} from '@bidwire/contract';
import type * as z from 'zod';
import type { CommandContext } from './context.js';
import type { AuthUser } from './user.js';

export type CommandHandler<K extends CommandName> = (
  input: CommandPayload<K>,
  ctx: CommandContext,
) => Promise<CommandResult<K>> | CommandResult<K>;

/** Every command's handler: what the socket binding runs. */
export type CommandHandlers = { [K in CommandName]: CommandHandler<K> };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a REST handler receives: the route's parsed parts and, on routes that need a token, the user. */
export interface RouteInput<K extends RouteName> {
  params: Routes[K] extends { params: infer P } ? Out<P> : undefined;
  query: Routes[K] extends { query: infer Q } ? Out<Q> : undefined;
  body: Routes[K] extends { body: infer B } ? Out<B> : undefined;
  user: Routes[K] extends { auth: true } ? AuthUser : undefined;
}

/** A response with another status than the route's usual one (readiness answers 503 with its body). */
export class WithStatus<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

type RouteBody<K extends RouteName> = z.input<Routes[K]['response']>;
export type RouteHandler<K extends RouteName> = (input: RouteInput<K>) => Promise<RouteBody<K> | WithStatus<RouteBody<K>>>;

/** Every route's handler: what the HTTP binding runs. */
export type RouteHandlers = { [K in RouteName]: RouteHandler<K> };

/** Socket hooks of a module: when a socket connected, returned by connection state recovery, or is leaving. */
export interface SocketHooks {
  connected?(ctx: CommandContext): Promise<void> | void;
  /** Connection state recovery gave a returning socket these rooms back (each re-checked by its RoomAccess first). */
  recovered?(ctx: CommandContext, rooms: ReadonlySet<string>): Promise<void> | void;
  disconnecting?(ctx: CommandContext, rooms: ReadonlySet<string>): Promise<void> | void;
}

/** The caller as a room type needs it to decide access. */
export interface RoomCaller {
  userId: string;
  isInRoom(room: string): boolean;
}

/** Who may be in a room type's rooms and read their history (resync), and what their snapshot is. */
export interface RoomAccess {
  /** Throws NOT_FOUND / FORBIDDEN unless `caller` may read the room; answers the room's name. */
  authorize(caller: RoomCaller, id: string): Promise<string> | string;
  /**
   * Whether `user` may still be in the room, as its join command would decide (a socket coming back by
   * connection state recovery keeps only such rooms).
   */
  mayEnter(user: AuthUser, id: string): Promise<boolean>;
  /** The room's current state, for a gap older than the log keeps. */
  snapshot(caller: RoomCaller, id: string): Promise<RoomSnapshot>;
}

export type RoomAccessRegistry = { [T in RoomType]: RoomAccess };

type Keys<S, P extends keyof ContractSlice> = S extends { [Q in P]: infer T } ? keyof T : never;

/** The command handlers of slice `S`: one per command of the slice, typed by its name. */
export type ModuleCommands<S extends ContractSlice> = { [K in Keys<S, 'commands'> & CommandName]: CommandHandler<K> };
/** The REST handlers of slice `S`: one per route of the slice, typed by its name. */
export type ModuleRoutes<S extends ContractSlice> = { [K in Keys<S, 'routes'> & RouteName]: RouteHandler<K> };

/** A domain's server side, typed over its contract slice `S`. */
export interface ServerModule<S extends ContractSlice = ContractSlice> {
  commands: ModuleCommands<S>;
  routes: ModuleRoutes<S>;
  sockets?: SocketHooks;
  /** The room types this domain owns: who may enter them (resync, recovery) and their snapshots. */
  rooms?: Partial<RoomAccessRegistry>;
  /** After the database is ready (re-arm timers, settle what fell due while down). */
  start?(): Promise<void> | void;
  /** On shutdown, before the database closes. */
  stop?(): Promise<void> | void;
}

/** Types a module over its slice; the slice argument is only there to infer `S`. */
export const defineModule = <S extends ContractSlice>(_slice: S, module: NoInfer<ServerModule<S>>): ServerModule<S> => module;

/** Domains with server code: those with commands or routes (session events are the transport's own). */
export type ServedDomain = {
  [D in DomainName]: [Keys<Domains[D], 'commands'> | Keys<Domains[D], 'routes'>] extends [never] ? never : D;
}[DomainName];

/** What the app assembles: one module per served domain of the contract. */
export type ServerModules = { [D in ServedDomain]: ServerModule<Domains[D]> };
