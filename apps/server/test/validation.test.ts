// SPEC §1: every command's payload is validated before any handler runs. Garbage sent on a raw socket
// gets VALIDATION_FAILED naming the bad field, changes nothing, and leaves the socket connected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { commandNames, commands, Id, Money, type CommandName } from '@bidwire/contract';
import { everyRateLimitAt, startServer, type TestServer, type TestUser } from './harness.js';
import {
  auctionState, connectRaw, emitAck, liveAuction, NO_PAYLOAD, waitUntil, type LiveAuction, type RawSocket,
} from './raw-socket.js';

interface Case {
  label: string;
  payload: unknown;
  /** The issue path at least one reported issue must have ('(root)' for the payload itself). */
  path: string;
}

const LONG = 'x'.repeat(10_000);
// The last one makes zod 4 throw instead of answering (its length checks compare `length` with a number):
// the server must still refuse it as invalid, naming the field.
const OBJECT_LENGTH = { length: { toString: 0 } };
const WRONG_TYPES: Array<[string, unknown]> = [
  ['true', true], ['an object', { a: 1 }], ['an array', [1]], ['null', null], ['an object whose length is an object', OBJECT_LENGTH],
];

type Schema = z.ZodType & { _zod: { def: { type: string; innerType?: Schema; element?: Schema; values?: unknown[] } } };
type LengthCheck = { _zod: { def: { check?: string; minimum?: number; maximum?: number } } };

/** An array's declared item bounds (`.min()`, `.max()`). */
function arrayBounds(inner: Schema): { min: number; max: number | undefined } {
  const checks = ((inner._zod.def as { checks?: LengthCheck[] }).checks ?? []).map((c) => c._zod.def);
  return {
    min: checks.find((c) => c.check === 'min_length')?.minimum ?? 0,
    max: checks.find((c) => c.check === 'max_length')?.maximum,
  };
}

function unwrap(schema: Schema): { inner: Schema; required: boolean } {
  let inner = schema;
  let required = true;
  while (inner._zod.def.innerType) {
    if (['optional', 'default', 'prefault'].includes(inner._zod.def.type)) required = false;
    inner = inner._zod.def.innerType;
  }
  return { inner, required };
}

/** A value that passes the field's schema, to build payloads where only one field is wrong. */
function validValue(field: string, inner: Schema, auctionId: string): unknown {
  if (inner === Id) return auctionId;
  const def = inner._zod.def.type;
  if (def === 'string') return `valid ${field}`;
  if (def === 'number') return Math.max(1, (inner as unknown as z.ZodNumber).minValue ?? 1);
  if (def === 'boolean') return true;
  if (def === 'literal') return inner._zod.def.values?.[0];
  if (def === 'array') return [validValue(`${field}[0]`, unwrap(inner._zod.def.element!).inner, auctionId)];
  if (def === 'enum') return Object.values((inner._zod.def as unknown as { entries: Record<string, string> }).entries)[0];
  if (def === 'object') {
    // Only the required fields, each valid: e.g. resync's `room: { type, id }`.
    const shape = (inner._zod.def as unknown as { shape: Record<string, Schema> }).shape;
    return Object.fromEntries(
      Object.entries(shape)
        .map(([k, v]) => [k, unwrap(v)] as const)
        .filter(([, u]) => u.required)
        .map(([k, u]) => [k, validValue(`${field}.${k}`, u.inner, auctionId)]),
    );
  }
  throw new Error(`no valid value for ${field} (${def}): teach validation.test.ts this kind`);
}

/** Values the field must refuse, derived from its kind and declared bounds (Money gets the full battery). */
function badValues(field: string, inner: Schema): Array<[string, unknown, string?]> {
  const def = inner._zod.def.type;
  if (def === 'string') {
    const s = inner as unknown as z.ZodString;
    return [
      ['a number', 123], ...WRONG_TYPES, ['10,000 characters', LONG],
      ...((s.minLength ?? 0) >= 1 ? [['empty', ''] as [string, unknown]] : []),
    ];
  }
  if (def === 'number') {
    const n = inner as unknown as z.ZodNumber;
    const min = n.minValue ?? -Infinity;
    type CheckDef = { check?: string; inclusive?: boolean; value?: unknown };
    const checks = (inner._zod.def as { checks?: Array<{ _zod: { def: CheckDef } }> }).checks ?? [];
    // `.positive()` reads as minValue 0: zero is refused only because the bound is exclusive.
    const exclusiveZero = checks.some(
      (c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false && Number(c._zod.def.value) >= 0,
    );
    const out: Array<[string, unknown]> = [
      ['NaN as a string', 'NaN'], ['a numeric string', '100'], ...WRONG_TYPES,
      ['huge (1e300)', 1e300], ['MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2],
    ];
    if (min >= 0) out.push(['negative', -1]);
    if (min > 0 && Number.isFinite(min)) out.push(['below its minimum', min - 1]);
    if (min > 0 || exclusiveZero || inner === Money) out.push(['zero', 0]);
    if (n.isInt || inner === Money) out.push(['fractional', Math.max(1, min) + 0.5]);
    return out;
  }
  // WRONG_TYPES holds `true`, which a boolean accepts: the string and number forms stand in for it.
  if (def === 'boolean') return [['a string', 'true'], ['a number', 1], ...WRONG_TYPES.filter(([, v]) => typeof v !== 'boolean')];
  if (def === 'literal') {
    return [['a string', String(inner._zod.def.values?.[0])], ['a number', 1], ['false', false], ['an object', { a: 1 }], ['an array', [1]], ['null', null]];
  }
  if (def === 'array') {
    // Whole-array cases fail at the field; item cases at its first item (`field.0`).
    const element = unwrap(inner._zod.def.element!).inner;
    const { min, max } = arrayBounds(inner);
    const item = validValue(`${field}[0]`, element, 'x');
    const out: Array<[string, unknown, string?]> = [
      ['a string', 'x'], ['a number', 1], ['true', true], ['an object', { a: 1 }], ['null', null], ['an object whose length is an object', OBJECT_LENGTH],
    ];
    if (min >= 1) out.push(['empty', []]);
    if (max !== undefined) out.push([`with ${max + 1} items`, Array.from({ length: max + 1 }, () => item)]);
    // An item that is an object fails at its own bad field (`field.0.sub`), a plain item at `field.0`.
    for (const [label, value, path] of badValues(`${field}[0]`, element)) {
      out.push([`with an item ${label}`, [value], path ? path.replace(`${field}[0]`, `${field}.0`) : `${field}.0`]);
    }
    return out;
  }
  if (def === 'enum') return [['not one of its values', 'not-one-of-them'], ['a number', 1], ...WRONG_TYPES];
  if (def === 'object') {
    // Whole-object cases fail at the field; a bad nested field fails at `field.sub`.
    const valid = validValue(field, inner, 'x') as Record<string, unknown>;
    const out: Array<[string, unknown, string?]> = [['a string', 'x'], ['a number', 1], ['true', true], ['an array', [1]], ['null', null]];
    for (const [sub, schema] of Object.entries((inner._zod.def as unknown as { shape: Record<string, Schema> }).shape)) {
      for (const [label, value] of badValues(`${field}.${sub}`, unwrap(schema).inner)) {
        out.push([`with ${sub} ${label}`, { ...valid, [sub]: value }, `${field}.${sub}`]);
      }
    }
    return out;
  }
  throw new Error(`no malformed cases for ${field} (${def}): teach validation.test.ts this kind`);
}

/** Whitespace-only text passes `.min(1)` unless the schema trims: checked explicitly where it matters. */
const EXTRA: Partial<Record<CommandName, Array<[string, string]>>> = {
  openLot: [['product', '   ']],
  postComment: [['text', '  \n ']],
  sendMessage: [['text', ' \t\n ']],
  editMessage: [['text', '   ']],
};

/**
 * Valid values for fields the generic ones do not fit (patterns, one-of rules), so that in every
 * malformed case only the field under test is wrong.
 */
const BASE: Partial<Record<CommandName, Record<string, unknown>>> = {
  subscribe: { topic: 'request:42' },
  unsubscribe: { topic: 'request:42' },
  markNotificationsRead: { all: true },
};

function casesFor(name: CommandName, auctionId: string): Case[] {
  const shape = commands[name].request.shape as Record<string, Schema>;
  const fields = Object.entries(shape).map(([field, schema]) => ({ field, ...unwrap(schema) }));
  const base = {
    ...Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.field, validValue(f.field, f.inner, auctionId)])),
    ...BASE[name],
  };
  const cases: Case[] = [
    { label: 'null', payload: null, path: '(root)' },
    { label: 'an array', payload: [base], path: '(root)' },
    { label: 'a bare number', payload: 42, path: '(root)' },
    { label: 'a string', payload: 'hello', path: '(root)' },
  ];
  const firstRequired = fields.find((f) => f.required)?.field;
  if (firstRequired) cases.push({ label: 'no payload at all', payload: NO_PAYLOAD, path: firstRequired });
  for (const { field, inner, required } of fields) {
    if (required) {
      const { [field]: _dropped, ...without } = base;
      cases.push({ label: `missing ${field}`, payload: without, path: field });
    }
    for (const [label, value, path] of badValues(field, inner)) {
      cases.push({ label: `${field} ${label}`, payload: { ...base, [field]: value }, path: path ?? field });
    }
  }
  for (const [field, value] of EXTRA[name] ?? []) {
    cases.push({ label: `${field} whitespace only`, payload: { ...base, [field]: value }, path: field });
  }
  // The base itself must be valid, or "only this field is wrong" would not hold.
  expect(commands[name].request.safeParse(base).success, `${name} base payload`).toBe(true);
  return cases;
}

describe('socket command validation', () => {
  let t: TestServer;
  let a: LiveAuction;
  let viewer: TestUser;
  let ownerSocket: RawSocket;
  let bidderSocket: RawSocket;
  let conversationId: string;

  /** Everything observable of chat and notifications for the owner and the bidder (they share a conversation). */
  const chatState = async () => {
    const out: unknown[] = [];
    for (const u of [a.owner, a.bidder]) {
      out.push(await u.rest.listConversations({ query: { limit: 100 } }));
      out.push(await u.rest.listMessages({ params: { id: conversationId }, query: { limit: 100 } }));
      out.push(await u.rest.listNotifications({ query: { limit: 100 } }));
      out.push(await u.rest.unreadNotificationCount());
    }
    return out;
  };

  beforeAll(async () => {
    // Hundreds of commands from one user in a few seconds: lift every per-command rate limit.
    t = await startServer({ RATE_LIMITS: everyRateLimitAt(100_000) });
    a = await liveAuction(t);
    viewer = await t.signIn('Viewer');
    ownerSocket = await connectRaw(t.url, { token: a.owner.token });
    bidderSocket = await connectRaw(t.url, { token: a.bidder.token });
    for (const s of [ownerSocket, bidderSocket]) {
      const joined = await emitAck(s, 'joinAuction', { auctionId: a.auctionId });
      expect(joined.ok).toBe(true);
    }
    // Chat and notification state that a malformed command slipping through could change.
    conversationId = (await a.owner.rest.createConversation({ body: { participantIds: [a.bidder.id] } })).id;
    for (const s of [ownerSocket, bidderSocket]) expect((await emitAck(s, 'joinConversation', { conversationId })).ok).toBe(true);
    expect((await emitAck(bidderSocket, 'sendMessage', { conversationId, text: 'Is the saffron fresh?' })).ok).toBe(true);
    await t.server.publish({
      event: 'levelUp', payload: { userId: a.bidder.id, level: 2, previousLevel: 1 }, to: { users: [a.bidder.id] }, notify: { title: 'Level 2', body: 'Well done' },
    });
  });
  afterAll(async () => {
    ownerSocket?.close();
    bidderSocket?.close();
    await t?.close();
  });

  it('covers every command of the contract with malformed cases', () => {
    expect(commandNames.length).toBeGreaterThan(0);
    for (const name of commandNames) {
      const cases = casesFor(name, 'x');
      const fieldCount = Object.keys(commands[name].request.shape).length;
      // Root cases alone are not enough for a command with fields: each field must be exercised.
      expect(cases.length, `${name} has no malformed cases`).toBeGreaterThan(fieldCount === 0 ? 3 : 4 + fieldCount);
      for (const field of Object.keys(commands[name].request.shape)) {
        expect(cases.some((c) => c.path === field), `${name}.${field} has no malformed case`).toBe(true);
      }
    }
  });

  it.each(commandNames)('%s: malformed payloads → VALIDATION_FAILED, no state change, socket kept', async (name) => {
    const before = await auctionState(t, viewer, a.auctionId);
    const chatBefore = await chatState();
    // From the owner (owner commands) and a joined bidder (member commands): a payload that slipped
    // through validation would be allowed to run and show up as a state change.
    for (const socket of [ownerSocket, bidderSocket]) {
      for (const c of casesFor(name, a.auctionId)) {
        const ack = await emitAck(socket, name, c.payload);
        expect(ack, `${name} with ${c.label}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        if (ack.ok) continue;
        expect(ack.error.message, c.label).toBe(`Invalid ${name} payload.`);
        const issues = (ack.error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues;
        expect(Array.isArray(issues) && issues.length > 0, `${name} with ${c.label}: issues`).toBe(true);
        expect(issues!.map((i) => i.path), `${name} with ${c.label}: issue paths`).toContain(c.path);
        for (const issue of issues!) expect(typeof issue.message).toBe('string');
        expect(socket.connected, `${name} with ${c.label}: still connected`).toBe(true);
        const sync = await emitAck(socket, 'timeSync', {});
        expect(sync.ok, `timeSync after ${name} with ${c.label}`).toBe(true);
      }
    }
    expect(await auctionState(t, viewer, a.auctionId)).toEqual(before);
    expect(await chatState()).toEqual(chatBefore);
  });

  it('a failing command without an ack gets an error event { code, message, command, details? } on that socket alone', async () => {
    const otherTab = await connectRaw(t.url, { token: a.bidder.token });
    const ownerTab = await connectRaw(t.url, { token: a.owner.token });
    try {
      for (const s of [otherTab, ownerTab]) expect((await emitAck(s, 'joinAuction', { auctionId: a.auctionId })).ok).toBe(true);
      const strays: unknown[] = [];
      otherTab.on('error', (e: unknown) => strays.push(e));
      ownerTab.on('error', (e: unknown) => strays.push(e));
      const before = await auctionState(t, viewer, a.auctionId);

      const received: unknown[] = [];
      bidderSocket.on('error', (e: unknown) => received.push(e));
      bidderSocket.emit('placeBid', { auctionId: a.auctionId, amount: -5 });
      bidderSocket.emit('postComment', { auctionId: a.auctionId });
      bidderSocket.emit('startAuction', { auctionId: a.auctionId }); // valid, but refused: not the owner
      await waitUntil(() => received.length === 3, 5_000, 'three error events');
      bidderSocket.off('error');
      expect(received).toEqual([
        {
          code: 'VALIDATION_FAILED',
          message: 'Invalid placeBid payload.',
          command: 'placeBid',
          details: { issues: [expect.objectContaining({ path: 'amount' })] },
        },
        {
          code: 'VALIDATION_FAILED',
          message: 'Invalid postComment payload.',
          command: 'postComment',
          details: { issues: [expect.objectContaining({ path: 'text' })] },
        },
        { code: 'FORBIDDEN', message: 'Only the auction owner can do that.', command: 'startAuction' },
      ]);
      // A round trip on each other socket after the errors were sent: anything emitted to them came first.
      for (const s of [otherTab, ownerTab]) expect((await emitAck(s, 'timeSync', {})).ok).toBe(true);
      expect(strays).toEqual([]);
      expect(bidderSocket.connected).toBe(true);
      expect(await auctionState(t, viewer, a.auctionId)).toEqual(before);
    } finally {
      otherTab.close();
      ownerTab.close();
    }
  });
});
