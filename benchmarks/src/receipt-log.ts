// A viewers worker's receipts of `bidPlaced`: every one's bid amount and time, in growable typed arrays (at full
// size a worker keeps millions). What the orchestrator needs is derived from it once the bids stopped: per amount
// the receipts and the latest, and, given the measured bids' emit times, every receipt's delivery latency.

export interface ReceiptLog {
  add(amount: number, t: number): void;
  readonly size: number;
  /** [amount, receipts, latest receipt time] per amount received. */
  byAmount(): [number, number, number][];
  /** Latency (receipt − emit, in tenths of a ms) → receipts, over the amounts `emits` ([amount, emit time]) names. */
  deliveryHistogram(emits: [number, number][]): [number, number][];
}

export function createReceiptLog(): ReceiptLog {
  let amounts = new Float64Array(1 << 16);
  let times = new Float64Array(1 << 16);
  let n = 0;
  return {
    add(amount, t) {
      if (n === amounts.length) {
        const grownAmounts = new Float64Array(n * 2);
        const grownTimes = new Float64Array(n * 2);
        grownAmounts.set(amounts);
        grownTimes.set(times);
        amounts = grownAmounts;
        times = grownTimes;
      }
      amounts[n] = amount;
      times[n++] = t;
    },
    get size() {
      return n;
    },
    byAmount() {
      const per = new Map<number, [number, number, number]>();
      for (let k = 0; k < n; k++) {
        const r = per.get(amounts[k]!);
        if (!r) per.set(amounts[k]!, [amounts[k]!, 1, times[k]!]);
        else {
          r[1]++;
          if (times[k]! > r[2]) r[2] = times[k]!;
        }
      }
      return [...per.values()];
    },
    deliveryHistogram(emits) {
      const emitted = new Map(emits);
      const histogram = new Map<number, number>();
      for (let k = 0; k < n; k++) {
        const emitT = emitted.get(amounts[k]!);
        if (emitT === undefined) continue;
        const tenths = Math.round((times[k]! - emitT) * 10);
        histogram.set(tenths, (histogram.get(tenths) ?? 0) + 1);
      }
      return [...histogram];
    },
  };
}
