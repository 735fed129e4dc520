// Every change between two contract snapshots, breaking or additive: commands, events and routes by name,
// then their schemas by direction (schema-diff.ts). A rename is a removal plus an addition.
import semver from 'semver';
import type { JsonSchema } from '../src/index.js';
import { additive, breaking, type Change } from './rules.js';
import { compareSchemas, type Direction } from './schema-diff.js';
import type { ContractSnapshot, RoomBindingSnapshot } from './snapshot.js';

/** A route without params, query or body takes none: compared as an empty object. */
const NOTHING: JsonSchema = { type: 'object', properties: {} };
const showRoom = (r: RoomBindingSnapshot | null) => (r ? `${r.room}:<${r.idField ?? 'own'}>` : 'none');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function schemas(out: Change[], where: string, before: JsonSchema | null, after: JsonSchema | null, direction: Direction) {
  compareSchemas(before ?? NOTHING, after ?? NOTHING, { direction, where, out });
}

function byName<T>(out: Change[], kind: string, rule: 'COMMAND_NO_DELETE' | 'EVENT_NO_DELETE' | 'ROUTE_NO_DELETE', before: Record<string, T>, after: Record<string, T>, each: (name: string, a: T, b: T) => void) {
  for (const [name, a] of Object.entries(before)) {
    const b = after[name];
    if (b === undefined) out.push(breaking(rule, `${kind} ${name}`, 'removed (or renamed)'));
    else each(name, a, b);
  }
  for (const name of Object.keys(after)) if (!(name in before)) out.push(additive(`${kind} ${name}`, 'new'));
}

export function compareContracts(before: ContractSnapshot, after: ContractSnapshot): Change[] {
  const out: Change[] = [];
  byName(out, 'command', 'COMMAND_NO_DELETE', before.commands, after.commands, (name, a, b) => {
    const where = `command ${name}`;
    schemas(out, `${where} request`, a.request, b.request, 'request');
    schemas(out, `${where} response`, a.response, b.response, 'response');
    for (const code of b.errors) if (!a.errors.includes(code)) out.push(breaking('ERROR_NO_ADD', `${where} errors`, `${code} added`));
    for (const code of a.errors) if (!b.errors.includes(code)) out.push(breaking('ERROR_NO_DELETE', `${where} errors`, `${code} removed`));
    if (a.idempotent !== b.idempotent) out.push(breaking('COMMAND_SAME_IDEMPOTENCY', where, `idempotent ${a.idempotent} → ${b.idempotent}`));
    for (const key of ['joins', 'leaves'] as const) {
      if (!same(a[key], b[key])) out.push(breaking('COMMAND_SAME_ROOMS', where, `${key} ${showRoom(a[key])} → ${showRoom(b[key])}`));
    }
  });
  byName(out, 'event', 'EVENT_NO_DELETE', before.events, after.events, (name, a, b) => {
    const where = `event ${name}`;
    if (a.scope !== b.scope) out.push(breaking('EVENT_SAME_DELIVERY', where, `scope ${a.scope} → ${b.scope}`));
    if (!same(a.room, b.room)) out.push(breaking('EVENT_SAME_DELIVERY', where, `room ${showRoom(a.room)} → ${showRoom(b.room)}`));
    schemas(out, `${where} payload`, a.payload, b.payload, 'response');
  });
  byName(out, 'route', 'ROUTE_NO_DELETE', before.routes, after.routes, (name, a, b) => {
    const where = `route ${name}`;
    if (a.method !== b.method || a.path !== b.path) out.push(breaking('ROUTE_SAME_ENDPOINT', where, `${a.method} ${a.path} → ${b.method} ${b.path}`));
    if (a.status !== b.status) out.push(breaking('ROUTE_SAME_STATUS', where, `status ${a.status} → ${b.status}`));
    // Dropping a credential is fine; requiring one, or another kind, is not.
    if (a.auth !== b.auth && b.auth !== false) out.push(breaking('ROUTE_NO_STRICTER_AUTH', where, `auth ${a.auth} → ${b.auth}`));
    for (const part of ['params', 'query', 'body'] as const) schemas(out, `${where} ${part}`, a[part], b[part], 'request');
    schemas(out, `${where} response`, a.response, b.response, 'response');
  });
  return out;
}

export interface Verdict {
  ok: boolean;
  breaking: Change[];
  additive: Change[];
  /** Why breaking changes are allowed, when they are. */
  allowedBy: string | null;
}

/**
 * Breaking changes pass only when the major version moved: the package's major is above the snapshot's
 * (the release step bumped it), or a pending changeset bumps @bidwire/contract by a major.
 */
export function verdict(before: ContractSnapshot, after: ContractSnapshot, pendingMajor: string[] = []): Verdict {
  const changes = compareContracts(before, after);
  const breakingChanges = changes.filter((c) => c.breaking);
  let allowedBy: string | null = null;
  if (semver.major(after.version) > semver.major(before.version)) allowedBy = `the major version moved: ${before.version} → ${after.version}`;
  else if (pendingMajor.length > 0) allowedBy = `a major changeset is pending: ${pendingMajor.join(', ')}`;
  return {
    ok: breakingChanges.length === 0 || allowedBy !== null,
    breaking: breakingChanges,
    additive: changes.filter((c) => !c.breaking),
    allowedBy: breakingChanges.length > 0 ? allowedBy : null,
  };
}
