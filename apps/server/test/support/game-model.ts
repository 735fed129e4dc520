// A reference model of SPEC §8's auction games (the AuctiOn flow), written for the tests from the SPEC text and
// independent of the server's code: game.model.test.ts predicts every answer with it and checks, round by round,
// that the server's events and database equal it. Pure state and rules: no clock, sockets or database.

export type Stack = { item: string; quantity: number };

export interface ItemType {
  item: string;
  weight: number;
  value: number;
}

/** The game's settings the rules depend on (as given to createGame). */
export interface ModelSettings {
  items: readonly ItemType[];
  maxRounds: number;
}

export interface ModelPlayer {
  id: string;
  position: number;
  money: number;
  inv: Map<string, number>;
  removed: boolean;
  /** Gone for good: removed at the next sweep. */
  leaving: boolean;
}

export interface MRound {
  round: number;
  sellerId: string;
  phase: 'selling' | 'bidding';
  sale: { items: Stack[]; weight: number } | null;
  highest: { playerId: string; amount: number } | null;
  dueAt: string;
}

export interface Settled {
  round: number;
  sale: { sellerId: string; items: Stack[]; weight: number } | null;
  winnerId: string | null;
  amount: number | null;
  players: { id: string; money: number; inventoryCount: number }[];
}

/** The reference model: the SPEC's rules, written again from the SPEC. `P` lets a test keep its own data on each player. */
export class Model<P extends ModelPlayer = ModelPlayer> {
  players: P[] = [];
  round: MRound | null = null;
  ended = false;
  settled: Settled[] = [];
  readonly items: readonly ItemType[];
  readonly maxRounds: number;

  constructor({ items, maxRounds }: ModelSettings) {
    this.items = items;
    this.maxRounds = maxRounds;
  }

  active = () => this.players.filter((p) => !p.removed);
  get = (id: string) => this.players.find((p) => p.id === id)!;
  count = (p: P) => [...p.inv.values()].reduce((a, b) => a + b, 0);
  inventory = (p: P): Stack[] => this.items.map((t) => ({ item: t.item, quantity: p.inv.get(t.item) ?? 0 }));
  score = (p: P) => p.money + this.items.reduce((n, t) => n + (p.inv.get(t.item) ?? 0) * t.value, 0);

  /** Opens round 1 (the game has started). */
  start(): void {
    this.round = { round: 1, sellerId: this.nextSeller(null)!, phase: 'selling', sale: null, highest: null, dueAt: '' };
  }

  nextSeller(previous: string | null): string | null {
    const q = [...this.players].sort((a, b) => a.position - b.position);
    const from = previous === null ? 0 : q.findIndex((p) => p.id === previous) + 1;
    for (let i = 0; i < q.length; i++) {
      const p = q[(from + i) % q.length]!;
      if (!p.removed) return p.id;
    }
    return null;
  }

  /** The code the server must answer a sale with, or null when it is legal. */
  sellRefusal(p: P, items: Stack[]): string | null {
    if (items.some((s) => !Number.isInteger(s.quantity) || s.quantity < 0)) return 'VALIDATION_FAILED';
    if (items.every((s) => s.quantity === 0)) return 'VALIDATION_FAILED';
    if (p.removed) return 'FORBIDDEN';
    if (!this.round) return 'INVALID_STATE';
    if (this.round.sellerId !== p.id) return 'FORBIDDEN';
    if (this.round.phase !== 'selling') return 'INVALID_STATE';
    if (items.some((s) => !this.items.some((t) => t.item === s.item))) return 'VALIDATION_FAILED';
    if (items.some((s) => s.quantity > (p.inv.get(s.item) ?? 0))) return 'INVALID_STATE';
    return null;
  }

  bidRefusal(p: P, amount: number): string | null {
    if (p.removed) return 'FORBIDDEN';
    if (!this.round) return 'INVALID_STATE';
    if (this.round.sellerId === p.id) return 'FORBIDDEN';
    if (this.round.phase !== 'bidding') return 'INVALID_STATE';
    if (amount < (this.round.highest?.amount ?? 0) + 1) return 'BID_TOO_LOW';
    if (amount > p.money) return 'INVALID_STATE';
    return null;
  }

  sell(p: P, items: Stack[], endsAt: string) {
    const bundle = items.filter((s) => s.quantity > 0);
    const weight = bundle.reduce((w, s) => w + s.quantity * this.items.find((t) => t.item === s.item)!.weight, 0);
    Object.assign(this.round!, { phase: 'bidding', sale: { items: bundle, weight }, dueAt: endsAt });
    return weight;
  }

  bid(p: P, amount: number, endsAt: string) {
    Object.assign(this.round!, { highest: { playerId: p.id, amount }, dueAt: endsAt });
  }

  /** Settles the current round as it stands, then opens the next or ends the game. */
  settle(): void {
    const r = this.round!;
    const sale = r.phase === 'bidding' ? r.sale : null;
    if (sale && r.highest) {
      const seller = this.get(r.sellerId);
      const winner = this.get(r.highest.playerId);
      seller.money += r.highest.amount;
      winner.money -= r.highest.amount;
      for (const s of sale.items) {
        seller.inv.set(s.item, (seller.inv.get(s.item) ?? 0) - s.quantity);
        winner.inv.set(s.item, (winner.inv.get(s.item) ?? 0) + s.quantity);
      }
    }
    const won = sale && r.highest ? r.highest : null;
    this.settled.push({
      round: r.round,
      sale: sale ? { sellerId: r.sellerId, items: sale.items, weight: sale.weight } : null,
      winnerId: won?.playerId ?? null,
      amount: won?.amount ?? null,
      players: this.players.map((p) => ({ id: p.id, money: p.money, inventoryCount: this.count(p) })),
    });
    this.round = null;
    if (r.round >= this.maxRounds || this.active().length < 2) {
      this.ended = true;
      return;
    }
    const sellerId = this.nextSeller(r.sellerId)!;
    // The deadline comes from the server's roundStarted (the model has no clock of its own).
    this.round = { round: r.round + 1, sellerId, phase: 'selling', sale: null, highest: null, dueAt: '' };
  }

  /** Removes a player; a round that cannot go on without them settles at once. */
  remove(p: P): void {
    p.removed = true;
    const r = this.round;
    if (!r) return;
    const stuck = this.active().length < 2 || (r.phase === 'selling' && r.sellerId === p.id);
    if (stuck) this.settle();
  }

  /** The server's sweep at time `now` (ms): leaving players are removed first, then the round settles if due. */
  sweep(now: number): void {
    for (const p of this.players.filter((x) => x.leaving && !x.removed)) this.remove(p);
    if (this.round && Date.parse(this.round.dueAt) <= now) this.settle();
  }

  leaderboard() {
    const ranked = this.active()
      .map((p) => ({ id: p.id, score: this.score(p) }))
      .sort((a, b) => b.score - a.score);
    return ranked.map((e) => ({ ...e, position: ranked.findIndex((x) => x.score === e.score) + 1 }));
  }
}
