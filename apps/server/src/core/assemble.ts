// Turns the app's modules into what the transports bind: one handler per command, one per route, every
// module's socket hooks, and the room access registry. `ServerModules` makes a missing module, command or
// route a compile error; the checks here say the same at start, by name, for anything typed around.
import { commandNames, ROOM_TYPES, routeNames } from '@bidwire/contract';
import type { CommandHandlers, RoomAccessRegistry, RouteHandlers, ServerModule, ServerModules, SocketHooks } from './module.js';

export interface Assembled {
  commands: CommandHandlers;
  routes: RouteHandlers;
  hooks: SocketHooks[];
  /** Runs every module's start (after the database is ready), in the order the modules are listed. */
  start(): Promise<void>;
  /** Runs every module's stop, in reverse order. */
  stop(): Promise<void>;
}

/** The room types the given modules own, checked to cover every room type of the contract. */
export function collectRooms(modules: readonly ServerModule[]): RoomAccessRegistry {
  const rooms: Partial<RoomAccessRegistry> = Object.assign({}, ...modules.map((m) => m.rooms ?? {}));
  const missing = ROOM_TYPES.filter((t) => !rooms[t]);
  if (missing.length > 0) throw new Error(`No module owns the room type(s) ${missing.join(', ')}.`);
  return rooms as RoomAccessRegistry;
}

export function assemble(modules: ServerModules): Assembled {
  const list: ServerModule[] = Object.values(modules);
  // The merges are complete: every served domain has its module (ServerModules), each module implements
  // all of its slice, and the contract's flat tables are the union of the slices. Checked again below.
  const commands = Object.assign({}, ...list.map((m) => m.commands)) as CommandHandlers;
  const routes = Object.assign({}, ...list.map((m) => m.routes)) as RouteHandlers;
  const noCommand = commandNames.filter((n) => typeof commands[n] !== 'function');
  const noRoute = routeNames.filter((n) => typeof routes[n] !== 'function');
  if (noCommand.length + noRoute.length > 0) {
    throw new Error(`Missing handlers: commands [${noCommand.join(', ')}], routes [${noRoute.join(', ')}].`);
  }
  return {
    commands,
    routes,
    hooks: list.flatMap((m) => (m.sockets ? [m.sockets] : [])),
    async start() {
      for (const m of list) await m.start?.();
    },
    async stop() {
      for (const m of [...list].reverse()) await m.stop?.();
    },
  };
}
