// SPEC §8 privacy, checked on every payload every socket received (events, acks, resync answers) and every
// REST answer: no player ever gets another player's inventory (others see inventoryCount; the leaderboard
// at the end is public), playerState reaches its own player alone, and a sale's items stay secret until
// roundEnded reveals them (the seller's own sell ack aside). The general privacy checks run on it all too.
import type { BidwireClient } from '@bidwire/sdk';
import { expect, it } from 'vitest';
import { flush, signInWithSecrets, type UserWithSecrets } from './fixtures.js';
import { gameConfig, SPICES, START_INVENTORY, testClock } from './game-fixtures.js';
import { startServer } from './harness.js';
import { privacyProblems, type Seen } from './privacy-checks.js';

type Stack = { item: string; quantity: number };
interface Packet extends Seen {
  /** Whose socket or REST client got it. */
  to: string;
  /** The event it came as (`ack:<command>` for acks, `rest` for REST answers). */
  as: string;
}

const full = (inv: Stack[]) => SPICES.map((s) => ({ item: s.item, quantity: inv.find((i) => i.item === s.item)?.quantity ?? 0 }));

/** Every value under `key` in a payload, with its path and the event that carried it (replayed events included). */
function occurrences(payload: unknown, key: string, as: string): { path: string; as: string; value: unknown }[] {
  const found: { path: string; as: string; value: unknown }[] = [];
  const walk = (v: unknown, path: string, carrier: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}.${i}`, carrier));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    const inner = typeof o.event === 'string' && 'payload' in o ? o.event : carrier;
    for (const [k, x] of Object.entries(o)) {
      if (k === key) found.push({ path: `${path}.${k}`, as: inner, value: x });
      walk(x, `${path}.${k}`, inner);
    }
  };
  walk(payload, '', as);
  return found;
}

it('keeps inventories, private states and sale contents to whom they belong', async () => {
  const clock = testClock();
  await using t = await startServer({ GAME_REMOVE_AFTER_MS: '3600000' }, { gameClock: clock.now });
  const packets: Packet[] = [];
  const onRest = (name: string) => (url: string, body: string) => {
    if (!new URL(url).pathname.startsWith('/auth/') && body !== '') packets.push({ to: name, as: 'rest', where: `REST ${url} -> ${name}`, payload: JSON.parse(body) });
  };
  const names = ['Ann', 'Ben', 'Cat', 'Stranger'] as const;
  const users: UserWithSecrets[] = [];
  for (const n of names) users.push(await signInWithSecrets(t, n, onRest(n)));
  const [ann, ben, cat, stranger] = users as [UserWithSecrets, UserWithSecrets, UserWithSecrets, UserWithSecrets];
  const clients = new Map<string, BidwireClient>();
  for (const u of users) {
    const client = await u.connect();
    client.socket.onAny((event: string, ...args: unknown[]) => packets.push({ to: u.name, as: event, where: `${u.name} <- ${event}`, payload: args[0] }));
    clients.set(u.name, client);
  }
  const c = (u: UserWithSecrets) => clients.get(u.name)!;
  const ack = async <T>(u: UserWithSecrets, command: string, attempt: Promise<T>): Promise<T | null> => {
    try {
      const data = await attempt;
      packets.push({ to: u.name, as: `ack:${command}`, where: `${u.name} ack ${command}`, payload: data });
      return data;
    } catch (error) {
      const e = error as { code: unknown; message: unknown; details?: unknown };
      packets.push({ to: u.name, as: `error:${command}`, where: `${u.name} error ${command}`, payload: { code: e.code, message: e.message, details: e.details } });
      return null;
    }
  };
  /** What anyone may look at now: REST views, each player's snapshot, a resync of the room and of their own room. */
  const lookAround = async (gameId: string) => {
    for (const u of users) {
      await u.rest.getGame({ params: { id: gameId } });
      await u.rest.listGames({ query: { limit: 20 } });
      await ack(u, 'joinGame', c(u).joinGame({ gameId }));
      await ack(u, 'resync', c(u).resync({ room: { type: 'game', id: gameId }, afterSeq: 0 }));
      await ack(u, 'resync', c(u).resync({ room: { type: 'user', id: 'me' }, afterSeq: 0 }));
    }
  };

  const game = await ann.rest.createGame({ body: gameConfig({ bidTimeMs: 300_000, sellTimeMs: 300_000, maxRounds: 2, maxPlayers: 3 }) });
  const gameId = game.id;
  for (const u of [ann, ben, cat]) {
    await ack(u, 'joinGame', c(u).joinGame({ gameId }));
    await ack(u, 'setReady', c(u).setReady({ gameId, ready: true }));
  }
  await ack(ann, 'startGame', c(ann).startGame({ gameId }));
  await lookAround(gameId);

  // Round 1: Ann sells a bundle; Ben and Cat bid; everyone looks around while it is secret.
  const bundle = [{ item: 'saffron', quantity: 1 }, { item: 'salt', quantity: 3 }];
  await ack(ann, 'sell', c(ann).sell({ gameId, items: bundle }));
  await ack(ben, 'gameBid', c(ben).gameBid({ gameId, amount: 40 }));
  const last = await ack(cat, 'gameBid', c(cat).gameBid({ gameId, amount: 55 }));
  await ack(stranger, 'gameBid', c(stranger).gameBid({ gameId, amount: 70 }));
  await ack(stranger, 'joinGame', c(stranger).joinGame({ gameId }));
  await lookAround(gameId);
  clock.reach(last!.bid.endsAt);
  await t.server.maintenance.sweepGames();

  // Round 2: Ben sells, nobody bids; the game ends.
  await waitForPackets(() => packets.some((p) => p.to === 'Ben' && p.as === 'roundStarted' && (p.payload as { round: number }).round === 2));
  const sold = await ack(ben, 'sell', c(ben).sell({ gameId, items: [{ item: 'pepper', quantity: 2 }] }));
  await lookAround(gameId);
  clock.reach(sold!.sale.endsAt);
  await t.server.maintenance.sweepGames();
  await waitForPackets(() => packets.filter((p) => p.as === 'gameEnded').length === 3);
  await lookAround(gameId);
  for (const client of clients.values()) await flush(client);

  // The general checks: no secrets, every user value the public shape.
  const general = privacyProblems(packets, users);
  expect(general.leaks).toEqual([]);
  expect(general.users).toBeGreaterThan(20);

  // Holdings after each settlement, as the test computes them.
  const start = full(START_INVENTORY);
  const annAfter = { money: 1_055, inventory: start.map((s) => ({ ...s, quantity: s.quantity - (bundle.find((b) => b.item === s.item)?.quantity ?? 0) })) };
  const catAfter = { money: 945, inventory: start.map((s) => ({ ...s, quantity: s.quantity + (bundle.find((b) => b.item === s.item)?.quantity ?? 0) })) };
  const benAfter = { money: 1_000, inventory: start };
  const own: Record<string, { money: number; inventory: Stack[] }[]> = {
    Ann: [{ money: 1_000, inventory: start }, annAfter],
    Ben: [benAfter],
    Cat: [{ money: 1_000, inventory: start }, catAfter],
  };

  // playerState: to its own player alone — two settlements, two states each, each their own; none to the stranger.
  for (const [name, finalState] of [['Ann', annAfter], ['Ben', benAfter], ['Cat', catAfter]] as const) {
    const states = packets.filter((p) => p.to === name && p.as === 'playerState').map((p) => p.payload as { money: number; inventory: Stack[] });
    expect(states, name).toHaveLength(2);
    for (const s of states) expect({ money: s.money, inventory: s.inventory }, name).toEqual(finalState);
  }
  expect(packets.filter((p) => p.to === 'Stranger' && (p.as === 'playerState' || p.as.startsWith('round') || p.as === 'gameEnded'))).toEqual([]);

  // Inventories: the leaderboard at the end is public; otherwise only one's own (snapshot `you`, playerState).
  for (const p of packets) {
    for (const o of occurrences(p.payload, 'inventory', p.as)) {
      if (o.as === 'gameEnded' && /\.(leaderboard|removed)\.\d+\.inventory$/.test(o.path)) continue;
      const mine = (own[p.to] ?? []).some((h) => JSON.stringify(h.inventory) === JSON.stringify(o.value));
      const ownPlace = o.as === 'playerState' || (o.as === 'ack:joinGame' && o.path === '.you.inventory');
      expect(ownPlace && mine, `an inventory at ${o.path} in ${p.where}`).toBe(true);
    }
  }
  // Nobody but the player got their inventory in a snapshot: others' snapshots show counts only.
  const annSnapshots = packets.filter((p) => p.to === 'Ann' && p.as === 'ack:joinGame');
  expect(annSnapshots.length).toBeGreaterThan(2);
  for (const p of annSnapshots) {
    for (const player of (p.payload as { players: Record<string, unknown>[] }).players) {
      expect(Object.keys(player).sort()).toEqual(['connected', 'inventoryCount', 'money', 'player', 'status']);
    }
  }

  // Sale contents: only in roundEnded (after settlement) and in the seller's own sell ack.
  for (const p of packets) {
    for (const o of occurrences(p.payload, 'items', p.as)) {
      const entries = o.value as Record<string, unknown>[];
      if (!Array.isArray(entries) || !entries.some((e) => 'quantity' in e)) continue; // the game's item types
      const allowed = (o.as === 'roundEnded' && o.path.endsWith('.sale.items')) || (o.as === 'ack:sell' && o.path === '.sale.items');
      expect(allowed, `sale items at ${o.path} in ${p.where}`).toBe(true);
    }
  }
  // The stranger was refused the room and its history.
  expect(packets.filter((p) => p.to === 'Stranger' && p.as === 'error:resync').map((p) => (p.payload as { code: string }).code)).toContain('FORBIDDEN');
});

async function waitForPackets(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for packets');
    await new Promise((r) => setTimeout(r, 10));
  }
}
