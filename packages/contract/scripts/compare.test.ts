// contract:check's rules on fixture contracts: each breaking change fires its rule (and only it), each
// additive change passes, the major version (or a pending major changeset) lets breaking changes through,
// and the real contract passes against its committed snapshot.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { command, event, route, RoomEventMeta, type CommandDef, type EventDef, type RouteDef } from '../src/index.js';
import { compareContracts, verdict } from './compare.js';
import { currentContract, pendingMajorChangesets, readSnapshot } from './contract.js';
import type { RuleId } from './rules.js';
import { describeContract, type ContractSource } from './snapshot.js';

const Id = z.string().min(1).max(64);
const Status = z.enum(['open', 'sold']);
const Item = z.object({ id: Id, status: Status, price: z.int().positive(), note: z.string().nullable(), tags: z.array(z.string()).max(10) });
const BidRequest = z.object({
  auctionId: Id,
  amount: z.int().positive(),
  mode: z.enum(['manual', 'auto']).optional(),
  note: z.string().max(500).optional(),
  increment: z.int().positive().default(1),
  ref: z.string().nullable().optional(),
  weight: z.number().positive().optional(),
});
const BidResponse = z.object({ item: Item, total: z.int().nonnegative(), comment: z.string().optional() });
const BidPlaced = RoomEventMeta.extend({ auctionId: Id, item: Item, count: z.int() });
const ThingBody = z.object({ name: z.string().min(1).max(80), kind: z.enum(['a', 'b']) });

const placeBid = (over: Partial<Parameters<typeof command>[0]> = {}) =>
  command({ description: 'Bid.', request: BidRequest, response: BidResponse, errors: ['NOT_FOUND'], ...over } as Parameters<typeof command>[0]) as CommandDef;
const bidPlaced = (over: Partial<EventDef> = {}) =>
  ({ ...event({ scope: 'room', room: { room: 'auction', idField: 'auctionId' }, description: 'A bid.', payload: BidPlaced }), ...over }) as EventDef;
const createThing = (over: Partial<RouteDef> = {}) =>
  ({ ...route({ method: 'POST', path: '/things', auth: true, status: 201, description: 'Create.', body: ThingBody, response: Item }), ...over }) as RouteDef;

const base = (): ContractSource => ({
  version: '1.2.0',
  commands: {
    placeBid: placeBid(),
    joinRoom: command({ description: 'Join.', request: z.object({ roomId: Id }), response: z.object({}), errors: [], joins: { room: 'auction', idField: 'roomId' } }),
    sync: command({ description: 'Sync.', request: z.object({}), response: z.object({ at: z.number() }), errors: [], idempotent: true }),
  },
  events: {
    bidPlaced: bidPlaced(),
    typing: event({ scope: 'ephemeral', audience: 'Others.', description: 'Typing.', payload: z.object({ userId: Id, isTyping: z.boolean() }) }),
  },
  routes: {
    getThing: route({
      method: 'GET', path: '/things/:id', auth: true, status: 200, description: 'Get.',
      params: z.object({ id: Id }), query: z.object({ limit: z.int().min(1).max(100).optional() }), response: Item,
    }),
    createThing: createThing(),
    status: route({ method: 'GET', path: '/status', auth: false, status: 200, description: 'Status.', response: z.object({ ok: z.boolean() }) }),
  },
});

type Edit = (c: ContractSource) => void;
/** The base contract with one edit applied. */
const edited = (edit: Edit): ContractSource => {
  const c = base();
  edit(c);
  return c;
};
const changesOf = (edit: Edit) => compareContracts(describeContract(base()), describeContract(edited(edit)));
const rulesOf = (edit: Edit) => [...new Set(changesOf(edit).filter((c) => c.breaking).map((c) => c.rule))].sort();
const withRequest = (request: z.ZodObject) => (c: ContractSource) => void (c.commands.placeBid = placeBid({ request }));
const withResponse = (response: z.ZodType) => (c: ContractSource) => void (c.commands.placeBid = placeBid({ response }));
const withPayload = (payload: z.ZodType) => (c: ContractSource) => void (c.events.bidPlaced = bidPlaced({ payload }));
const withBody = (body: z.ZodType) => (c: ContractSource) => void (c.routes.createThing = createThing({ body }));
const ItemWith = (status: z.ZodType) => Item.extend({ status });

describe('contract:check rules', () => {
  it('the base contract compared with itself has no change at all', () => {
    expect(changesOf(() => undefined)).toEqual([]);
  });

  const cases: Array<[string, Edit, RuleId[]]> = [
    // Names are the wire identity (Buf WIRE_JSON: FIELD_SAME_NAME, FIELD_NO_DELETE_UNLESS_NAME_RESERVED).
    ['a command removed', (c) => void delete c.commands.placeBid, ['COMMAND_NO_DELETE']],
    ['a command renamed', (c) => { c.commands.submitBid = c.commands.placeBid!; delete c.commands.placeBid; }, ['COMMAND_NO_DELETE']],
    ['an event removed', (c) => void delete c.events.typing, ['EVENT_NO_DELETE']],
    ['an event renamed', (c) => { c.events.bidAccepted = c.events.bidPlaced!; delete c.events.bidPlaced; }, ['EVENT_NO_DELETE']],
    ['a route removed', (c) => void delete c.routes.getThing, ['ROUTE_NO_DELETE']],
    ['a route moved to another path', (c) => void (c.routes.createThing = createThing({ path: '/items' })), ['ROUTE_SAME_ENDPOINT']],
    ['a route moved to another method', (c) => void (c.routes.createThing = createThing({ method: 'PATCH' })), ['ROUTE_SAME_ENDPOINT']],
    ['a route answers another status', (c) => void (c.routes.createThing = createThing({ status: 200 })), ['ROUTE_SAME_STATUS']],
    ['an open route needs a token', (c) => void (c.routes.status = { ...c.routes.status!, auth: true }), ['ROUTE_NO_STRICTER_AUTH']],
    ['a token route needs a service key', (c) => void (c.routes.createThing = createThing({ auth: 'service' })), ['ROUTE_NO_STRICTER_AUTH']],
    // Buf RPC_SAME_IDEMPOTENCY_LEVEL; the SDK decides resends and rejoins from these.
    ['a command no longer idempotent', (c) => void (c.commands.sync = { ...c.commands.sync!, idempotent: false }), ['COMMAND_SAME_IDEMPOTENCY']],
    ['a command no longer joins its room', (c) => void (c.commands.joinRoom = { ...c.commands.joinRoom!, joins: undefined }), ['COMMAND_SAME_ROOMS']],
    ['an event changes scope', (c) => void (c.events.typing = { ...c.events.typing!, scope: 'global' }), ['EVENT_SAME_DELIVERY']],
    ['a room event changes room', (c) => void (c.events.bidPlaced = bidPlaced({ room: { room: 'topic', idField: 'auctionId' } })), ['EVENT_SAME_DELIVERY']],
    // The ack's error code is an enum of the response.
    ['an error code added to a command', (c) => void (c.commands.placeBid = placeBid({ errors: ['NOT_FOUND', 'CONFLICT'] })), ['ERROR_NO_ADD']],
    ['an error code removed from a command', (c) => void (c.commands.placeBid = placeBid({ errors: [] })), ['ERROR_NO_DELETE']],
    // Fields.
    ['an optional request field removed', withRequest(BidRequest.omit({ note: true })), ['FIELD_NO_DELETE']],
    ['a request field renamed', withRequest(BidRequest.omit({ note: true }).extend({ memo: z.string().max(500).optional() })), ['FIELD_NO_DELETE']],
    ['a response field removed', withResponse(BidResponse.omit({ total: true })), ['FIELD_NO_DELETE']],
    ['an optional response field removed', withResponse(BidResponse.omit({ comment: true })), ['FIELD_NO_DELETE']],
    ['a response field renamed', withResponse(BidResponse.omit({ total: true }).extend({ sum: z.int().nonnegative() })), ['FIELD_NO_DELETE']],
    ['a nested event field removed', withPayload(BidPlaced.extend({ item: Item.omit({ tags: true }) })), ['FIELD_NO_DELETE']],
    ['a route body field removed', withBody(ThingBody.omit({ kind: true })), ['FIELD_NO_DELETE']],
    ['a new required request field', withRequest(BidRequest.extend({ currency: z.string() })), ['FIELD_NO_NEW_REQUIRED']],
    ['a new required body field', withBody(ThingBody.extend({ owner: Id })), ['FIELD_NO_NEW_REQUIRED']],
    ['a new required query parameter', (c) => void (c.routes.getThing = { ...c.routes.getThing!, query: z.object({ limit: z.int().min(1).max(100).optional(), sort: z.string() }) }), ['FIELD_NO_NEW_REQUIRED']],
    ['an optional request field made required', withRequest(BidRequest.extend({ mode: z.enum(['manual', 'auto']) })), ['FIELD_NO_MAKE_REQUIRED']],
    ['a response field made optional', withResponse(BidResponse.extend({ total: z.int().nonnegative().optional() })), ['FIELD_NO_MAKE_OPTIONAL']],
    ['an event field made optional', withPayload(BidPlaced.extend({ count: z.int().optional() })), ['FIELD_NO_MAKE_OPTIONAL']],
    // Enums: WIRE_JSON carries value names, so none is deleted; adding to a response breaks exhaustive switches.
    ['a value removed from a request enum', withRequest(BidRequest.extend({ mode: z.enum(['manual']).optional() })), ['ENUM_VALUE_NO_DELETE']],
    ['a value removed from a response enum', withResponse(BidResponse.extend({ item: ItemWith(z.enum(['open'])) })), ['ENUM_VALUE_NO_DELETE']],
    ['a value added to a response enum', withResponse(BidResponse.extend({ item: ItemWith(z.enum(['open', 'sold', 'unsold'])) })), ['ENUM_VALUE_NO_ADD']],
    ['a value added to an event enum', withPayload(BidPlaced.extend({ item: ItemWith(z.enum(['open', 'sold', 'unsold'])) })), ['ENUM_VALUE_NO_ADD']],
    ['a response enum opened to any string', withResponse(BidResponse.extend({ item: ItemWith(z.string()) })), ['TYPE_NO_WIDEN']],
    // Request types may only widen.
    ['a request field changes type', withRequest(BidRequest.extend({ amount: z.string() })), ['TYPE_NO_NARROW']],
    ['a request string shortened', withRequest(BidRequest.extend({ note: z.string().max(200).optional() })), ['TYPE_NO_NARROW']],
    ['a request minimum raised', withRequest(BidRequest.extend({ amount: z.int().min(10) })), ['TYPE_NO_NARROW']],
    ['a request number made integer', withRequest(BidRequest.extend({ weight: z.int().positive().optional() })), ['TYPE_NO_NARROW']],
    ['a request pattern added', withRequest(BidRequest.extend({ auctionId: Id.regex(/^c/) })), ['TYPE_NO_NARROW']],
    ['a request field no longer nullable', withRequest(BidRequest.extend({ ref: z.string().optional() })), ['TYPE_NO_NARROW']],
    ['a request string limited to an enum', withRequest(BidRequest.extend({ note: z.enum(['x', 'y']).optional() })), ['TYPE_NO_NARROW']],
    ['a body string given a lower cap', withBody(ThingBody.extend({ name: z.string().min(1).max(40) })), ['TYPE_NO_NARROW']],
    // Response and event types may only narrow.
    ['a response integer widened to number', withResponse(BidResponse.extend({ total: z.number().nonnegative() })), ['TYPE_NO_WIDEN']],
    ['a response range widened', withResponse(BidResponse.extend({ total: z.int() })), ['TYPE_NO_WIDEN']],
    ['a response field made nullable', withResponse(BidResponse.extend({ total: z.int().nonnegative().nullable() })), ['TYPE_NO_WIDEN']],
    ['an event list allowed longer', withPayload(BidPlaced.extend({ item: Item.extend({ tags: z.array(z.string()).max(20) }) })), ['TYPE_NO_WIDEN']],
    ['a response union gains a shape', withResponse(z.union([BidResponse, z.object({ queued: z.literal(true) })])), ['TYPE_NO_WIDEN']],
    ['a response type changes', withResponse(BidResponse.extend({ comment: z.number().optional() })), ['TYPE_NO_WIDEN']],
    // Buf FIELD_SAME_DEFAULT.
    ['a request default changed', withRequest(BidRequest.extend({ increment: z.int().positive().default(5) })), ['DEFAULT_SAME']],
  ];

  it.each(cases)('breaking: %s → %j', (_label, edit, rules) => {
    expect(rulesOf(edit)).toEqual([...rules].sort());
    const v = verdict(describeContract(base()), describeContract(edited(edit)));
    expect(v.ok).toBe(false);
    expect(v.breaking.length).toBeGreaterThan(0);
  });

  it('what it cannot compare (a tuple changed) is reported as UNJUDGED, not waved through', () => {
    const before = edited(withRequest(BidRequest.extend({ pair: z.tuple([z.string(), z.int()]).optional() })));
    const after = edited(withRequest(BidRequest.extend({ pair: z.tuple([z.string(), z.string()]).optional() })));
    const rules = compareContracts(describeContract(before), describeContract(after)).filter((c) => c.breaking).map((c) => c.rule);
    expect(rules).toEqual(['UNJUDGED']);
  });

  const additive: Array<[string, Edit]> = [
    ['a new command', (c) => void (c.commands.leaveRoom = command({ description: 'Leave.', request: z.object({ roomId: Id }), response: z.object({}), errors: [] }))],
    ['a new event', (c) => void (c.events.lotOpened = event({ scope: 'global', description: 'Opened.', payload: z.object({ auctionId: Id }) }))],
    ['a new route', (c) => void (c.routes.deleteThing = route({ method: 'DELETE', path: '/things/:id', auth: true, status: 204, description: 'Delete.', params: z.object({ id: Id }), response: z.null() }))],
    ['a new optional request field', withRequest(BidRequest.extend({ currency: z.string().optional() }))],
    ['a new request field with a default', withRequest(BidRequest.extend({ priority: z.int().default(0) }))],
    ['a new required response field', withResponse(BidResponse.extend({ rank: z.int() }))],
    ['a new event field', withPayload(BidPlaced.extend({ extended: z.boolean() }))],
    ['a new optional body field', withBody(ThingBody.extend({ tags: z.array(z.string()).optional() }))],
    ['a value added to a request enum', withRequest(BidRequest.extend({ mode: z.enum(['manual', 'auto', 'proxy']).optional() }))],
    ['a request string allowed longer', withRequest(BidRequest.extend({ note: z.string().max(1000).optional() }))],
    ['a request minimum lowered', withRequest(BidRequest.extend({ amount: z.int().nonnegative() }))],
    ['a request integer widened to number', withRequest(BidRequest.extend({ amount: z.number().positive() }))],
    ['a required request field made optional', withRequest(BidRequest.extend({ amount: z.int().positive().optional() }))],
    ['a request field made nullable', withRequest(BidRequest.extend({ note: z.string().max(500).nullable().optional() }))],
    ['a request pattern dropped', withBody(ThingBody.extend({ kind: z.string() }))],
    ['a response field made required', withResponse(BidResponse.extend({ comment: z.string() }))],
    ['a response field no longer nullable', withResponse(BidResponse.extend({ item: Item.extend({ note: z.string() }) }))],
    ['a response number narrowed to integer', withResponse(BidResponse.extend({ total: z.int().positive() }))],
    ['a response limited to fewer values', withResponse(BidResponse.extend({ item: Item.extend({ note: z.enum(['a']).nullable() }) }))],
    ['a route no longer needs a token', (c) => void (c.routes.createThing = createThing({ auth: false }))],
    ['a description changed', (c) => void (c.commands.placeBid = placeBid({ description: 'Bid on the open lot.' }))],
    ['the same fields in another order', withRequest(z.object({ increment: z.int().positive().default(1), ...BidRequest.omit({ increment: true }).shape }))],
    ['a positive integer written as min(1)', withRequest(BidRequest.extend({ amount: z.int().min(1) }))],
  ];

  it.each(additive)('additive, passes: %s', (_label, edit) => {
    expect(changesOf(edit).filter((c) => c.breaking)).toEqual([]);
    expect(verdict(describeContract(base()), describeContract(edited(edit))).ok).toBe(true);
  });

  it('lists additive changes as such', () => {
    const changes = changesOf((c) => void (c.commands.leaveRoom = c.commands.joinRoom!));
    expect(changes).toEqual([{ rule: 'ADDITIVE', breaking: false, where: 'command leaveRoom', message: 'new' }]);
  });
});

describe('contract:check versions', () => {
  const breakingEdit: Edit = (c) => void delete c.commands.placeBid;

  it('a breaking change passes when the major version moved', () => {
    const after = edited((c) => { breakingEdit(c); c.version = '2.0.0'; });
    const v = verdict(describeContract(base()), describeContract(after));
    expect(v.ok).toBe(true);
    expect(v.breaking.map((c) => c.rule)).toEqual(['COMMAND_NO_DELETE']);
    expect(v.allowedBy).toBe('the major version moved: 1.2.0 → 2.0.0');
  });

  it('a minor or patch version does not let a breaking change through', () => {
    for (const version of ['1.3.0', '1.2.1']) {
      const after = edited((c) => { breakingEdit(c); c.version = version; });
      expect(verdict(describeContract(base()), describeContract(after)).ok, version).toBe(false);
    }
  });

  it('a pending major changeset for @bidwire/contract lets it through', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'changesets-'));
    writeFileSync(path.join(dir, 'README.md'), '# Changesets\n');
    writeFileSync(path.join(dir, 'brave-cats.md'), '---\n"@bidwire/sdk": major\n"@bidwire/contract": minor\n---\n\nNot a major of the contract.\n');
    expect(pendingMajorChangesets(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'loud-dogs.md'), '---\n"@bidwire/contract": major\n---\n\nRemove placeBid.\n');
    expect(pendingMajorChangesets(dir)).toEqual(['loud-dogs.md']);
    const v = verdict(describeContract(base()), describeContract(edited(breakingEdit)), pendingMajorChangesets(dir));
    expect(v.ok).toBe(true);
    expect(v.allowedBy).toBe('a major changeset is pending: loud-dogs.md');
    expect(pendingMajorChangesets(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('the real contract', () => {
  it('passes against its committed snapshot (snapshot/contract.json)', () => {
    const v = verdict(readSnapshot(), describeContract(currentContract()));
    expect(v.breaking).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('is described deterministically, with no annotation in the snapshot', () => {
    const text = JSON.stringify(describeContract(currentContract()));
    expect(text).toBe(JSON.stringify(describeContract(currentContract())));
    expect(text).not.toContain('"examples"');
    // `description` stays where it is a field's name (auction.description), never as an annotation.
    expect(text).not.toMatch(/"description":"/);
  });
});
