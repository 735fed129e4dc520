// Derives the few contract facts the client needs at run time from the contract's definitions, as
// plain JSON-able data: the build runs this once and inlines the result (see contract-meta.ts).
import type { RoomBinding } from '@bidwire/contract';

export interface CommandMeta {
  joins?: RoomBinding;
  leaves?: RoomBinding;
  idempotent?: boolean;
  /** Its request schema has a `requestId`: the server makes it idempotent with it. */
  takesRequestId: boolean;
}

export interface EventMeta {
  room?: RoomBinding;
}

export interface RouteMeta {
  method: string;
  path: string;
  auth: boolean | 'service';
}

export interface ContractMeta {
  commands: Record<string, CommandMeta>;
  events: Record<string, EventMeta>;
  routes: Record<string, RouteMeta>;
  errorCodes: readonly string[];
  /** Codes a refused handshake carries (UNAUTHENTICATED, INCOMPATIBLE_CONTRACT). */
  connectErrorCodes: readonly string[];
  /** The contract's semver version, sent in every handshake. */
  contractVersion: string;
}

/** The contract as this module reads it: structural, so it needs neither zod nor the contract's values. */
export interface ContractDefinitions {
  commands: Record<string, { request: unknown; joins?: RoomBinding; leaves?: RoomBinding; idempotent?: boolean }>;
  events: Record<string, { room?: RoomBinding }>;
  restRoutes: Record<string, RouteMeta>;
  ERROR_CODES: readonly string[];
  CONNECT_ERROR_CODES: readonly string[];
  CONTRACT_VERSION: string;
}

export function deriveContractMeta(contract: ContractDefinitions): ContractMeta {
  const commands: Record<string, CommandMeta> = {};
  for (const [name, def] of Object.entries(contract.commands)) {
    const meta: CommandMeta = { takesRequestId: hasShapeKey(def.request, 'requestId') };
    if (def.joins) meta.joins = { ...def.joins };
    if (def.leaves) meta.leaves = { ...def.leaves };
    if (def.idempotent) meta.idempotent = true;
    commands[name] = meta;
  }
  const events: Record<string, EventMeta> = {};
  for (const [name, def] of Object.entries(contract.events)) events[name] = def.room ? { room: { ...def.room } } : {};
  const routes: Record<string, RouteMeta> = {};
  for (const [name, r] of Object.entries(contract.restRoutes)) routes[name] = { method: r.method, path: r.path, auth: r.auth };
  return {
    commands,
    events,
    routes,
    errorCodes: [...contract.ERROR_CODES],
    connectErrorCodes: [...contract.CONNECT_ERROR_CODES],
    contractVersion: contract.CONTRACT_VERSION,
  };
}

function hasShapeKey(schema: unknown, key: string): boolean {
  // Duck-typed rather than `instanceof z.ZodObject`: this module must not need zod.
  const shape = (schema as { shape?: unknown } | null)?.shape;
  return typeof shape === 'object' && shape !== null && key in shape;
}
